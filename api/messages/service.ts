import type { Client } from '@temporalio/client';
import { sendMessageBody, type Lane, type MessageStatus, type MessageView } from '../../domain/message.js';
import { normalizePhone } from '../../domain/phone.js';
import { newWhatsAppMessageId } from '../../integrations/whatsapp/baileys/message-id.js';
import { newId } from '../../lib/ids.js';
import { deleteMedia, saveMedia } from '../../storage/media.js';
import { cancelQueued } from '../../storage/message-status.js';
import { MessageModel, type MessageDocument } from '../../storage/models/message.js';
import type { ConnectorService } from '../connectors/service.js';
import { AppError, notFound, parseBody } from '../errors.js';
import { mediaBytes } from './media.js';
import { signalEnqueued } from './outbox-client.js';

export interface MessageServiceDeps {
  temporal: Client;
  orchestratorQueue: string;
  connectors: ConnectorService;
  defaultPhoneRegion: string;
}

const DUPLICATE_KEY = 11000;

/**
 * The one send path: a message is stored (with its WhatsApp id and media) before the caller hears 202,
 * then the account's pacer is signalled. The same idempotency key answers the same message, sent once.
 */
export function createMessageService(deps: MessageServiceDeps) {
  const wake = (connectorId: string) => signalEnqueued(deps.temporal, deps.orchestratorQueue, connectorId);
  const find = (connectorId: string, idempotencyKey: string) => MessageModel.findOne({ connectorId, idempotencyKey }, { status: 1 }).lean<{ _id: string; status: MessageStatus }>();

  /** An earlier acceptance of the same key; the pacer is woken again in case the first signal was lost. */
  async function repeat(connectorId: string, existing: { _id: string; status: MessageStatus }) {
    await wake(connectorId);
    return { id: existing._id, status: existing.status };
  }

  return {
    async accept(connectorId: string, input: unknown): Promise<{ id: string; status: MessageStatus }> {
      const body = parseBody(sendMessageBody, input);
      const to = normalizePhone(body.to, deps.defaultPhoneRegion);
      if (!to.ok) throw new AppError(422, 'invalid_request', 'the request is not valid', { fields: { to: to.error } });
      const connector = await deps.connectors.view(connectorId);
      if (connector.state === 'expired') throw new AppError(409, 'connector_expired', 'the connector has expired; extend its active-until date to send');
      const existing = body.idempotencyKey ? await find(connectorId, body.idempotencyKey) : null;
      if (existing) return repeat(connectorId, existing);

      const data = body.media && (await mediaBytes(body.media));
      const id = newId();
      const fileId = data && body.media ? await saveMedia(data, body.media) : undefined;
      // The unique indexes must exist before the first insert can rely on them to refuse a duplicate key.
      await MessageModel.init();
      try {
        await MessageModel.create({
          _id: id,
          connectorId,
          to: to.e164,
          lane: body.lane,
          text: body.text,
          media: body.media && { kind: body.media.kind, mimetype: body.media.mimetype, fileName: body.media.fileName, voice: body.media.voice, fileId, size: data!.length },
          idempotencyKey: body.idempotencyKey ?? id,
          whatsappId: newWhatsAppMessageId(connector.phone),
          publishToChat: body.publishToChat,
          status: 'queued',
          history: [{ status: 'queued', at: new Date() }],
          acceptedAt: new Date(),
        });
      } catch (err) {
        if ((err as { code?: number }).code !== DUPLICATE_KEY || !body.idempotencyKey) throw err;
        // A concurrent request with the same key won the insert.
        if (fileId) await deleteMedia(fileId);
        return repeat(connectorId, (await find(connectorId, body.idempotencyKey))!);
      }
      await wake(connectorId);
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
