import { proto, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { seal, unseal } from '../../../lib/crypto.js';
import { MessageModel } from '../../../storage/models/message.js';
import { SentMessageModel, sentMessageId } from '../../../storage/models/sent-message.js';

export interface SentMessageLimits {
  maxAgeMs: number;
  /** Per account. */
  maxCount: number;
}

/**
 * A recipient device asks for a re-send when it comes back online and cannot decrypt what it was
 * holding, so the content is kept for days; the count caps what a mailing leaves behind.
 */
export const SENT_MESSAGE_LIMITS: SentMessageLimits = { maxAgeMs: 7 * 24 * 3_600_000, maxCount: 1000 };

/**
 * What this account sent, for Baileys' `getMessage`: when a recipient device fails to decrypt one of
 * our messages it sends a retry receipt, and Baileys re-sends whatever `getMessage` returns under
 * that id (nothing: the client sees "waiting for this message"). Baileys' own cache of recent sends
 * lives five minutes and dies with the socket.
 */
export interface SentMessages {
  /** Keeps the content Baileys generated for a send that cannot be rebuilt later (media, edit, deletion). */
  remember(sent: WAMessage | undefined): Promise<void>;
  /** Baileys' `getMessage(key)`: the content sent under `key.id`, or undefined when it is not ours to re-send. */
  contentFor(key: WAMessageKey): Promise<proto.IMessage | undefined>;
  /** Forgets kept content past the limits: older than `maxAgeMs` on any account, beyond `maxCount` on this one. */
  prune(): Promise<void>;
}

function encode(message: proto.IMessage, key: Buffer): string {
  return seal(Buffer.from(proto.Message.encode(message).finish()).toString('base64'), key);
}

function decode(sealed: string, key: Buffer): proto.Message {
  return proto.Message.decode(Buffer.from(unseal(sealed, key), 'base64'));
}

/**
 * A text send is rebuilt from the stored message, as `sendMessage({ text })` builds it. Messages typed
 * on the phone are stored too, but only the device that sent a message answers its retry receipts.
 * Media sent before what is kept cannot be rebuilt: its upload keys are gone.
 */
async function rebuiltText(connectorId: string, whatsappId: string): Promise<proto.IMessage | undefined> {
  const doc = await MessageModel.findOne({ connectorId, whatsappId, 'origin.source': { $ne: 'phone' } }, { text: 1, media: 1 }).lean<{ text?: string | null; media?: unknown }>();
  if (!doc?.text || doc.media) return undefined;
  return proto.Message.create({ extendedTextMessage: { text: doc.text } });
}

export function createSentMessages(connectorId: string, encryptionKey: Buffer, limits = SENT_MESSAGE_LIMITS, now = Date.now): SentMessages {
  if (encryptionKey.length !== 32) throw new Error('the sent messages encryption key must be 32 bytes');
  const cutoff = () => new Date(now() - limits.maxAgeMs);

  async function prune(): Promise<void> {
    await SentMessageModel.deleteMany({ sentAt: { $lt: cutoff() } });
    const beyond = await SentMessageModel.find({ connectorId }, { _id: 1 }).sort({ sentAt: -1 }).skip(limits.maxCount).lean<{ _id: string }[]>();
    if (beyond.length > 0) await SentMessageModel.deleteMany({ _id: { $in: beyond.map((doc) => doc._id) } });
  }

  return {
    async remember(sent) {
      const whatsappId = sent?.key.id;
      if (!whatsappId || !sent.message) return;
      const content = encode(sent.message, encryptionKey);
      await SentMessageModel.updateOne(
        { _id: sentMessageId(connectorId, whatsappId) },
        { $set: { connectorId, whatsappId, content, sentAt: new Date(now()) } },
        { upsert: true },
      );
      await prune();
    },
    async contentFor(key) {
      if (!key.id) return undefined;
      const kept = await SentMessageModel.findOne({ _id: sentMessageId(connectorId, key.id), sentAt: { $gte: cutoff() } }, { content: 1 }).lean<{ content: string }>();
      return kept ? decode(kept.content, encryptionKey) : rebuiltText(connectorId, key.id);
    },
    prune,
  };
}
