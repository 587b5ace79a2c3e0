import type { Client } from '@temporalio/client';
import { sendMessageBody, type Lane, type MessageStatus, type MessageView } from '../../domain/message.js';
import type { MessageOrigin } from '../../domain/outgoing.js';
import { normalizePhone } from '../../domain/phone.js';
import { newWhatsAppMessageId } from '../../integrations/whatsapp/baileys/message-id.js';
import { newId } from '../../lib/ids.js';
import { startFollowUp } from '../../activities/outgoing/follow-up-client.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { deleteMedia, saveMedia } from '../../storage/media.js';
import { cancelQueued, withdrawQueued } from '../../storage/message-status.js';
import { insertMessageOnce } from '../../storage/messages.js';
import { MessageModel, type MessageDocument } from '../../storage/models/message.js';
import type { ConnectorView } from '../connectors/service.js';
import { AppError, isTemporalUnreachable, notFound, parseBody } from '../errors.js';
import { mediaBytes } from './media.js';
import { signalEnqueued } from './outbox-client.js';

export interface MessageServiceDeps {
  temporal: Client;
  orchestratorQueue: string;
  /** The connector's live state and number (the connector service, or its published status inside activities). */
  connectors: { view(connectorId: string): Promise<Pick<ConnectorView, 'state' | 'phone'>> };
  defaultPhoneRegion: string;
}

/** API sends are reported only where there is a chat to post them in; every other source always has a follow-up. */
async function needsFollowUp(connectorId: string, origin: MessageOrigin, publishToChat: boolean): Promise<boolean> {
  if (origin.source !== 'api') return true;
  return publishToChat && Boolean(await ConnectorModel.exists({ _id: connectorId, lineId: { $ne: null } }));
}

/**
 * The one send path: a message is stored (with its WhatsApp id and media) before the caller hears 202,
 * then the account's pacer is signalled. The same idempotency key answers the same message, sent once.
 */
export function createMessageService(deps: MessageServiceDeps) {
  const wake = (connectorId: string) => signalEnqueued(deps.temporal, deps.orchestratorQueue, connectorId);
  const find = (connectorId: string, idempotencyKey: string) => MessageModel.findOne({ connectorId, idempotencyKey }, { status: 1, followUp: 1 }).lean<{ _id: string; status: MessageStatus; followUp?: boolean }>();

  /** An earlier acceptance of the same key; the pacer (and follow-up) is woken again in case the first start was lost. */
  async function repeat(connectorId: string, existing: { _id: string; status: MessageStatus; followUp?: boolean }) {
    if (existing.followUp) await startFollowUp(deps.temporal, deps.orchestratorQueue, connectorId, existing._id);
    await wake(connectorId);
    return { id: existing._id, status: existing.status };
  }

  return {
    /**
     * `origin` says who asks (the API by default; operator replies, robots and the SMS provider name
     * themselves): a message with a follow-up has its Bitrix24 reporting started before the pacer hears of it.
     */
    async accept(connectorId: string, input: unknown, origin: MessageOrigin = { source: 'api' }): Promise<{ id: string; status: MessageStatus }> {
      const body = parseBody(sendMessageBody, input);
      const to = normalizePhone(body.to, deps.defaultPhoneRegion);
      if (!to.ok) throw new AppError(422, 'invalid_request', 'the request is not valid', { fields: { to: to.error } });
      const connector = await deps.connectors.view(connectorId);
      if (connector.state === 'expired') throw new AppError(409, 'connector_expired', 'the connector has expired; extend its active-until date to send');
      const existing = body.idempotencyKey ? await find(connectorId, body.idempotencyKey) : null;
      if (existing) return repeat(connectorId, existing);

      const data = body.media && (await mediaBytes(body.media));
      const id = newId();
      const followUp = await needsFollowUp(connectorId, origin, body.publishToChat);
      const fileId = data && body.media ? await saveMedia(data, body.media) : undefined;
      const inserted = await insertMessageOnce({
        _id: id,
        connectorId,
        to: to.e164,
        lane: body.lane,
        text: body.text,
        media: body.media && { kind: body.media.kind, mimetype: body.media.mimetype, fileName: body.media.fileName, voice: body.media.voice, fileId: fileId!, size: data!.length },
        idempotencyKey: body.idempotencyKey ?? id,
        whatsappId: newWhatsAppMessageId(connector.phone),
        publishToChat: body.publishToChat,
        origin: { ...origin, ...(origin.source === 'api' && { postToChat: body.publishToChat }) },
        followUp,
        status: 'queued',
        history: [{ status: 'queued', at: new Date() }],
        acceptedAt: new Date(),
      });
      if (!inserted) {
        // A concurrent request with the same key won the insert.
        if (fileId) await deleteMedia(fileId);
        return repeat(connectorId, (await find(connectorId, body.idempotencyKey ?? id))!);
      }
      try {
        if (followUp) await startFollowUp(deps.temporal, deps.orchestratorQueue, connectorId, id);
        await wake(connectorId);
      } catch (err) {
        if (!isTemporalUnreachable(err)) throw err;
        // Not acknowledged, so the caller will send it again: withdraw it unless the pacer already took it.
        if (await withdrawQueued(id)) {
          if (fileId) await deleteMedia(fileId);
          throw err;
        }
      }
      return { id, status: 'queued' };
    },

    async view(connectorId: string, messageId: string): Promise<MessageView> {
      const doc = await MessageModel.findOne({ _id: messageId, connectorId }).lean<MessageDocument>();
      if (!doc) throw notFound(`message ${messageId}`);
      return {
        id: doc._id,
        to: doc.to,
        lane: doc.lane as Lane,
        status: doc.status as MessageStatus,
        ...(doc.failureReason && { failureReason: doc.failureReason }),
        ...(doc.failureDetail && { failureDetail: doc.failureDetail }),
        whatsappId: doc.whatsappId,
        history: doc.history.map((entry) => ({ status: entry.status as MessageStatus, at: entry.at.toISOString() })),
      };
    },

    /** Only a message still waiting in the queue can be cancelled; the pacer skips it when it comes up. */
    async cancel(connectorId: string, messageId: string): Promise<MessageView> {
      if (!(await MessageModel.exists({ _id: messageId, connectorId }))) throw notFound(`message ${messageId}`);
      if (!(await cancelQueued(messageId))) throw new AppError(409, 'not_queued', 'the message is already being sent or was handled');
      return this.view(connectorId, messageId);
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
