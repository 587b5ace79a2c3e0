import { ApplicationFailure } from '@temporalio/common';
import { CONNECTOR_TYPE_ID } from '../../integrations/bitrix24/app-definition.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { ChatPostModel } from '../../storage/models/chat-memory.js';
import { ContactModel, type ContactDocument } from '../../storage/models/contact.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { portalOf } from '../../storage/connector-portal.js';
import { isDuplicateKey } from '../../storage/duplicate-key.js';

export type PostOutcome = 'posted' | 'already' | 'no_line' | 'no_portal';

/**
 * A company-side line in the client's open line chat (a missed-call note, a bot answer), posted as a
 * system message: `imconnector.send.messages` with `message.user_id: 0` and the client's user and chat
 * blocks (§4.4 A), so Bitrix24 finds or opens the client's chat and delivers nothing to WhatsApp.
 * The key is inserted first (a unique `_id`): a retry that finds it never posts twice; only an answer
 * proving nothing was processed frees it for another try.
 */
export async function postToChat(clientFor: (memberId: string) => Bitrix24Client, connectorId: string, contactId: string, key: string, text: string): Promise<PostOutcome> {
  const connector = await ConnectorModel.findById(connectorId).lean<ConnectorDocument>();
  if (!connector?.lineId) return 'no_line';
  const memberId = await portalOf(connector);
  if (!memberId) return 'no_portal';
  const contact = await ContactModel.findById(contactId).lean<ContactDocument>();
  await ChatPostModel.init();
  try {
    await ChatPostModel.create({ _id: key, status: 'sending' });
  } catch (err) {
    if (isDuplicateKey(err)) return 'already';
    throw err;
  }
  const item = {
    user: { id: contactId, ...(contact?.phone && { phone: contact.phone, skip_phone_validate: 'Y' }) },
    message: { id: key, date: Math.floor(Date.now() / 1000), text, user_id: 0 },
    chat: { id: contactId, ...(contact?.phone && { url: `https://wa.me/${contact.phone.slice(1)}` }) },
  };
  try {
    const answer = await clientFor(memberId).call<{ SUCCESS?: boolean; DATA?: { RESULT?: Array<{ SUCCESS?: boolean; ERRORS?: unknown }> } }>('imconnector.send.messages', {
      CONNECTOR: CONNECTOR_TYPE_ID,
      LINE: connector.lineId,
      MESSAGES: [item],
    });
    const failed = answer?.SUCCESS === false || answer?.DATA?.RESULT?.some((result) => result.SUCCESS === false);
    await ChatPostModel.updateOne({ _id: key }, { $set: { status: failed ? 'unknown' : 'posted', ...(failed && { detail: JSON.stringify(answer) }) } });
    if (failed) throw ApplicationFailure.nonRetryable('Bitrix24 refused the chat message', 'ChatPostRefused');
    return 'posted';
  } catch (err) {
    if (err instanceof Bitrix24Error && err.nothingProcessed) {
      await ChatPostModel.deleteOne({ _id: key, status: 'sending' });
      throw err;
    }
    if (err instanceof Bitrix24Error) {
      await ChatPostModel.updateOne({ _id: key }, { $set: { status: 'unknown', detail: err.message } });
      throw ApplicationFailure.nonRetryable(err.message, 'ChatPostFailed');
    }
    throw err;
  }
}
