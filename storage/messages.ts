import type { Lane, MEDIA_KINDS, MessageStatus } from '../domain/message.js';
import type { MessageOrigin } from '../domain/outgoing.js';
import { isDuplicateKey } from './duplicate-key.js';
import { MessageModel } from './models/message.js';

/** A message as it is accepted (storage/models/message.ts says what each field holds). */
export interface NewMessage {
  _id: string;
  connectorId: string;
  to: string;
  lane: Lane;
  text?: string;
  media?: { kind: (typeof MEDIA_KINDS)[number]; mimetype: string; fileName?: string; voice?: boolean; fileId: string; size: number } | null;
  idempotencyKey: string;
  whatsappId: string;
  publishToChat?: boolean;
  origin?: MessageOrigin;
  followUp?: boolean;
  status: MessageStatus;
  history: Array<{ status: MessageStatus; at: Date }>;
  acceptedAt: Date;
}

/**
 * Stores a message once: false when its idempotency key or WhatsApp id is already taken, i.e. the same
 * message was accepted before (a retried activity, a repeated request, a redelivered event).
 */
export async function insertMessageOnce(message: NewMessage): Promise<boolean> {
  // The unique indexes must exist before the first insert can rely on them to refuse a duplicate.
  await MessageModel.init();
  try {
    await MessageModel.create(message);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
