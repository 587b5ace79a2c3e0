import { WAMessageStatus, type WAMessageUpdate } from '@whiskeysockets/baileys';
import type { TransportEvent } from '../transport.js';
import { isPersonalChat } from './jid.js';

export type ReceiptEvent = Extract<TransportEvent, { type: 'receipt' }>;

const RECEIPT_STATUS = new Map<number, ReceiptEvent['status']>([
  [WAMessageStatus.DELIVERY_ACK, 'delivered'],
  [WAMessageStatus.READ, 'read'],
  // A voice note or video played implies it was read.
  [WAMessageStatus.PLAYED, 'read'],
]);

/**
 * Delivery and read receipts of our own messages in one-to-one chats, from `messages.update`
 * (group and status receipts come per participant on `message-receipt.update`, which Open Lines do not use).
 */
export function translateReceipts(updates: WAMessageUpdate[]): ReceiptEvent[] {
  return updates.flatMap(({ key, update }) => {
    const status = typeof update.status === 'number' ? RECEIPT_STATUS.get(update.status) : undefined;
    if (!status || !key.fromMe || !key.id || !isPersonalChat(key.remoteJid)) return [];
    return [{ type: 'receipt', id: key.id, status }];
  });
}
