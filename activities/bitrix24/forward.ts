import { ApplicationFailure } from '@temporalio/common';
import { chatText, mediaFileName, sanitizeName } from '../../domain/bitrix24-chat.js';
import { CONNECTOR_TYPE_ID } from '../../integrations/bitrix24/app-definition.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { signedMediaUrl } from '../../lib/signed-url.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { ContactModel, type ContactDocument } from '../../storage/models/contact.js';
import { InboundEventModel, type InboundEventDocument } from '../../storage/models/inbound-event.js';
import type { Bitrix24Deps } from './deps.js';
import { portalOf } from '../../storage/connector-portal.js';

/** Bitrix24 copies files when it receives the message; a week covers its retries and slow queues. */
const MEDIA_URL_TTL_MS = 7 * 24 * 3_600_000;

export type ForwardOutcome = 'forwarded' | 'no_line' | 'no_portal' | 'already' | 'unknown';

const METHOD = { message: 'imconnector.send.messages', edit: 'imconnector.update.messages', revoke: 'imconnector.delete.messages' } as const;

/**
 * Forwards one stored client event to the connector's open line. `imconnector.send.messages` is not
 * idempotent, so the event is marked `sending` before the call: an attempt that finds it `sending`
 * (the previous one died mid-call) records `unknown` rather than risk a double. Answers that prove
 * nothing was processed put it back to `pending` and fail retryably; any other refusal is recorded as
 * `failed` and not retried.
 */
export async function forwardInbound(deps: Bitrix24Deps, clientFor: (memberId: string) => Bitrix24Client, eventId: string): Promise<ForwardOutcome> {
  const event = await InboundEventModel.findById(eventId).lean<InboundEventDocument>();
  if (!event || ['forwarded', 'no_line', 'no_portal', 'failed', 'unknown'].includes(event.status)) return 'already';
  if (event.status === 'sending') {
    await mark(eventId, 'unknown', 'an earlier attempt ended without an answer; not sent again');
    return 'unknown';
  }
  const connector = await ConnectorModel.findById(event.connectorId).lean<ConnectorDocument>();
  if (!connector?.lineId) return mark(eventId, 'no_line');
  const memberId = await portalOf(connector);
  if (!memberId) return mark(eventId, 'no_portal');
  const contact = await ContactModel.findById(event.contactId).lean<ContactDocument>();
  const params = { CONNECTOR: CONNECTOR_TYPE_ID, LINE: connector.lineId, MESSAGES: [await item(deps, event, contact)] };

  const claimed = await InboundEventModel.updateOne({ _id: eventId, status: 'pending' }, { $set: { status: 'sending' } });
  if (claimed.modifiedCount === 0) return 'already';
  try {
    const answer = await clientFor(memberId).call<{ SUCCESS?: boolean; DATA?: { RESULT?: Array<{ SUCCESS?: boolean; ERRORS?: unknown }> } }>(METHOD[event.kind], params);
    const failedItem = answer?.DATA?.RESULT?.find((result) => result.SUCCESS === false);
    if (answer?.SUCCESS === false || failedItem) {
      await mark(eventId, 'failed', `Bitrix24 refused the message: ${JSON.stringify(failedItem?.ERRORS ?? answer)}`);
      throw ApplicationFailure.nonRetryable('Bitrix24 refused the message', 'ForwardRefused');
    }
    await InboundEventModel.updateOne({ _id: eventId }, { $set: { status: 'forwarded', forwardedAt: new Date() } });
    return 'forwarded';
  } catch (err) {
    if (err instanceof Bitrix24Error && err.nothingProcessed) {
      await InboundEventModel.updateOne({ _id: eventId, status: 'sending' }, { $set: { status: 'pending' } });
      throw err;
    }
    if (err instanceof Bitrix24Error) {
      await mark(eventId, err.transient ? 'unknown' : 'failed', err.message);
      throw ApplicationFailure.nonRetryable(err.message, 'ForwardFailed');
    }
    throw err;
  }
}

async function mark(eventId: string, status: 'no_line' | 'no_portal' | 'failed' | 'unknown', detail?: string): Promise<'no_line' | 'no_portal' | 'unknown'> {
  await InboundEventModel.updateOne({ _id: eventId }, { $set: { status, ...(detail && { detail }) } });
  return status === 'failed' ? 'unknown' : status;
}

/** One `MESSAGES[]` item (§4.2): the chat and user id are the product's contact id, never a phone or LID. */
async function item(deps: Bitrix24Deps, event: InboundEventDocument, contact: ContactDocument | null) {
  const user = {
    id: event.contactId,
    ...(sanitizeName(contact?.pushName) && { name: sanitizeName(contact?.pushName) }),
    ...(contact?.phone && { phone: contact.phone, skip_phone_validate: 'Y' }),
  };
  const chat = { id: event.contactId, ...(contact?.phone && { url: `https://wa.me/${contact.phone.slice(1)}` }) };
  if (event.kind === 'revoke') return { user: { id: event.contactId }, message: { id: event.whatsappId }, chat: { id: event.contactId } };
  const quoted = event.quotedId ? await InboundEventModel.findOne({ connectorId: event.connectorId, whatsappId: event.quotedId, kind: 'message' }, { text: 1 }).lean<{ text?: string }>() : null;
  const text = chatText({ text: event.text ?? undefined, location: event.location, sharedContact: event.sharedContact, quotedText: quoted?.text });
  const files = event.media
    ? [{ url: signedMediaUrl(deps.publicUrl, deps.encryptionKey, event.media.fileId, MEDIA_URL_TTL_MS), name: mediaFileName(event.media, event.whatsappId) }]
    : undefined;
  return {
    user,
    message: { id: event.whatsappId, date: Math.floor(event.at.getTime() / 1000), ...(text && { text }), ...(files && { files }) },
    chat,
  };
}
