import { settingsSchema } from '../../domain/settings.js';
import type { InboundMessage, TransportEvent } from '../../integrations/whatsapp/transport.js';
import { newId } from '../../lib/ids.js';
import type { Logger } from '../../lib/logger.js';
import { storeMessageMedia } from '../../storage/media.js';
import { ConnectorModel } from '../../storage/models/connector.js';
import { insertMessageOnce } from '../../storage/messages.js';
import { MessageModel } from '../../storage/models/message.js';

export interface PhoneMessagesDeps {
  logger: Logger;
  /** Starts the message's follow-up, which posts it into the open line chat. */
  startFollowUp: (connectorId: string, messageId: string) => Promise<void>;
}

/**
 * The session host's handler for messages typed on the company's phone (fromMe). A fromMe message whose
 * WhatsApp id we chose ourselves is one of our sends coming back, never published again. The others are
 * stored as already-sent messages (the unique WhatsApp id per connector makes a repeat one record, and
 * the pacer never sees them: they are not queued); if *publish outgoing* was on when one was recorded,
 * its follow-up posts it into the chat (spec table, first row).
 */
export function phoneMessages(deps: PhoneMessagesDeps) {
  async function record(connectorId: string, message: InboundMessage): Promise<void> {
    const phone = message.from.phone;
    if (!phone) return;
    if (await MessageModel.exists({ connectorId, whatsappId: message.id })) return;
    const connector = await ConnectorModel.findById(connectorId, { lineId: 1, settings: 1 }).lean<{ lineId: number | null; settings: unknown }>();
    if (!connector) return;
    // Decided once, here: the switch as it is when the message is recorded, not when a later step runs.
    const publish = connector.lineId !== null && settingsSchema.parse(connector.settings).chats.publishOutgoing;
    // Bytes are kept only for a copy in the chat; an unpublished message is recorded without them.
    const media = publish && message.media ? await storeMessageMedia(message.media) : null;
    const at = new Date(message.timestamp);
    let id = newId();
    const inserted = await insertMessageOnce({
      _id: id,
      connectorId,
      to: phone,
      lane: 'regular',
      text: message.text,
      media,
      idempotencyKey: `phone:${message.id}`,
      whatsappId: message.id,
      origin: { source: 'phone' },
      followUp: publish,
      status: 'sent',
      history: [{ status: 'sent', at }],
      acceptedAt: at,
    });
    if (!inserted) {
      // Recorded before (a redelivery): make sure its follow-up runs, if it has one.
      const existing = await MessageModel.findOne({ connectorId, whatsappId: message.id, 'origin.source': 'phone' }, { _id: 1, followUp: 1 }).lean<{ _id: string; followUp?: boolean }>();
      if (!existing?.followUp) return;
      id = existing._id;
    } else if (!publish) {
      return;
    }
    await deps.startFollowUp(connectorId, id);
  }

  return (connectorId: string, event: TransportEvent): void => {
    if (event.type !== 'message' || !event.message.fromMe) return;
    record(connectorId, event.message).catch((err: unknown) => deps.logger.error({ err, connectorId }, 'a message typed on the phone was not recorded'));
  };
}
