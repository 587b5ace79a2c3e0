import { chatText, mediaFileName } from '../../domain/bitrix24-chat.js';
import type { MessageStatus } from '../../domain/message.js';
import { CHAT_PREFIX, failureText, followUpPlan, postsToChat, type FollowUpStep, type MessageOrigin } from '../../domain/outgoing.js';
import { settingsSchema } from '../../domain/settings.js';
import { CONNECTOR_TYPE_ID } from '../../integrations/bitrix24/app-definition.js';
import type { Bitrix24Client } from '../../integrations/bitrix24/client.js';
import { Bitrix24Error } from '../../integrations/bitrix24/errors.js';
import { signedMediaUrl } from '../../lib/signed-url.js';
import { resolveContact } from '../../storage/contacts.js';
import { ConnectorModel, type ConnectorDocument } from '../../storage/models/connector.js';
import { MessageModel, type MessageDocument } from '../../storage/models/message.js';
import { claimStep, releaseStep } from '../../storage/models/outgoing-claim.js';
import { portalOf } from '../../storage/connector-portal.js';
import type { Bitrix24Deps } from '../bitrix24/deps.js';
import { postSystemMessage } from './chat-post.js';

const MEDIA_URL_TTL_MS = 7 * 24 * 3_600_000;

/**
 * One look at an outbound message: the steps its status makes due (domain/outgoing.ts) are done, each
 * claimed once. `complete` when nothing more will ever be due.
 */
export async function followUp(deps: Bitrix24Deps, clientFor: (memberId: string) => Bitrix24Client, messageId: string): Promise<{ complete: boolean }> {
  const message = await MessageModel.findById(messageId).lean<MessageDocument>();
  if (!message) return { complete: true };
  const origin = (message.origin ?? { source: 'api' }) as MessageOrigin;
  const connector = await ConnectorModel.findById(message.connectorId).lean<ConnectorDocument>();
  const memberId = origin.memberId ?? (connector ? await portalOf(connector) : undefined);
  const plan = followUpPlan(origin.source, message.status as MessageStatus);
  if (!memberId) return { complete: plan.complete };
  const client = clientFor(memberId);
  for (const step of plan.steps) {
    try {
      await runStep(step);
    } catch (err) {
      if (err instanceof Bitrix24Error && !err.nothingProcessed) deps.logger.warn({ err, messageId, step }, 'Bitrix24 refused a follow-up step; not repeated');
      else throw err;
    }
  }
  return { complete: plan.complete };

  async function runStep(step: FollowUpStep): Promise<void> {
    if (step === 'chat') return postCopy();
    if (step === 'failure_notice') {
      const text = `[b]WhatsApp:[/b] the message was not delivered: ${failureText(message!.failureReason ?? undefined, message!.failureDetail ?? undefined)}`;
      await postSystemMessage(client, { memberId: memberId!, line: origin.line!, contactId: origin.chatId!, claimId: `${messageId}:${step}`, text });
      return;
    }
    await once(`${messageId}:${step}`, () => client.call(...call(step)));
  }

  /** The message's copy in the client's chat, when the spec's table says so for its source. */
  async function postCopy(): Promise<void> {
    if (!connector?.lineId || !postsToChat(origin, settingsSchema.parse(connector.settings).chats)) return;
    const contactId = await resolveContact(connector._id, { phone: message!.to });
    const media = message!.media;
    const files = media && [{ url: signedMediaUrl(deps.publicUrl, deps.encryptionKey, media.fileId, MEDIA_URL_TTL_MS), name: mediaFileName(media, message!.whatsappId) }];
    const text = `[b]${CHAT_PREFIX[origin.source]}:[/b][br]${chatText({ text: message!.text ?? undefined }) ?? ''}`;
    await postSystemMessage(client, { memberId: memberId!, line: connector.lineId, contactId, claimId: `${messageId}:chat`, text, ...(files && { files }) });
  }

  function call(step: Exclude<FollowUpStep, 'chat' | 'failure_notice'>): Parameters<Bitrix24Client['call']> {
    const sent = message!.history.find((entry) => entry.status === 'sent')?.at ?? new Date();
    const im = { im: { chat_id: origin.im?.chatId, message_id: origin.im?.messageId }, chat: { id: origin.chatId } };
    const sms = (STATUS: string) => ['messageservice.message.status.update', { CODE: origin.sms?.code, MESSAGE_ID: origin.sms?.messageId, STATUS }] as const;
    switch (step) {
      case 'delivery':
        return ['imconnector.send.status.delivery', { CONNECTOR: CONNECTOR_TYPE_ID, LINE: origin.line, MESSAGES: [{ ...im, message: { id: [message!.whatsappId], date: Math.floor(sent.getTime() / 1000) } }] }];
      case 'reading':
        return ['imconnector.send.status.reading', { CONNECTOR: CONNECTOR_TYPE_ID, LINE: origin.line, MESSAGES: [{ ...im, message: { id: [message!.whatsappId] } }] }];
      case 'robot_result':
        return robotResult(origin.eventToken!, messageId, ['failed', 'cancelled'].includes(message!.status) ? 'failed' : 'sent');
      case 'sms_queued':
        return [...sms('queued')];
      case 'sms_sent':
        return [...sms('sent')];
      case 'sms_delivered':
        return [...sms('delivered')];
      case 'sms_failed':
        return [...sms(message!.failureReason === 'not_on_whatsapp' ? 'undelivered' : 'failed')];
    }
  }
}

/** §6: the robot's return values; the business process waits for them (USE_SUBSCRIPTION=Y). */
export function robotResult(eventToken: string, messageId: string | undefined, status: 'sent' | 'failed'): Parameters<Bitrix24Client['call']> {
  return ['bizproc.event.send', { EVENT_TOKEN: eventToken, RETURN_VALUES: { message_id: messageId ?? '', status } }];
}

/** Runs `work` under the claim `id`: at most once; an answer proving nothing was processed frees it again. */
export async function once(id: string, work: () => Promise<unknown>): Promise<void> {
  if (!(await claimStep(id))) return;
  try {
    await work();
  } catch (err) {
    if (!(err instanceof Bitrix24Error) || err.nothingProcessed) await releaseStep(id);
    throw err;
  }
}
