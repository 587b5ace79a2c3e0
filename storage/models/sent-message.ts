import mongoose, { Schema } from 'mongoose';

/**
 * The exact content Baileys sent for one of our messages that cannot be rebuilt from the messages
 * collection (media with its upload keys, an edit, a deletion), kept so a recipient device that could
 * not decrypt it can have it re-sent. `content` is the encoded `proto.Message`, sealed (lib/crypto.ts):
 * it is message content. `_id` is `<connectorId>:<WhatsApp id>`. Kept for a bounded time and count,
 * pruned in code (integrations/whatsapp/baileys/sent-messages.ts): TTL indexes are not portable.
 */
const sentMessageSchema = new Schema(
  {
    _id: { type: String, required: true },
    connectorId: { type: String, required: true },
    whatsappId: { type: String, required: true },
    content: { type: String, required: true },
    sentAt: { type: Date, required: true },
  },
  { collection: 'whatsapp_sent_messages', versionKey: false },
);
// The newest of one account first (the count bound), and the oldest of all (the age bound).
sentMessageSchema.index({ connectorId: 1, sentAt: -1 });
sentMessageSchema.index({ sentAt: 1 });

export const SentMessageModel = mongoose.model('WhatsAppSentMessage', sentMessageSchema);

/** WhatsApp ids never contain `:`, connector ids neither. */
export const sentMessageId = (connectorId: string, whatsappId: string) => `${connectorId}:${whatsappId}`;
