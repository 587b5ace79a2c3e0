import type { FailureReason, MessageStatus } from '../domain/message.js';
import { MessageModel } from './models/message.js';

/**
 * The message status machine as conditional updates: each moves a message only from the statuses it may
 * leave, so retries, receipts that overtake the send's own write, and races with cancel are harmless.
 */

type Filter = { _id: string } | { connectorId: string; whatsappId: string };

async function move(filter: Filter, from: MessageStatus[], to: MessageStatus, extra: Record<string, unknown> = {}): Promise<boolean> {
  const at = new Date();
  const result = await MessageModel.updateOne({ ...filter, status: { $in: from } }, { $set: { status: to, ...extra }, $push: { history: { status: to, at } } });
  return result.modifiedCount > 0;
}

/** queued → sending: the send workflow took the message; false if it was cancelled or handled before. */
export const claimForSending = (messageId: string) => move({ _id: messageId }, ['queued'], 'sending');

/**
 * Writes about one WhatsApp message made in this process, one at a time. The session host records the
 * send and the receipt that follows it milliseconds later; FerretDB does not make two concurrent
 * conditional updates of one document atomic (the later write can restore the earlier state), MongoDB
 * does. Serialising them here keeps both databases right.
 */
const chains = new Map<string, Promise<unknown>>();
function serial<T>(key: string, write: () => Promise<T>): Promise<T> {
  const next = (chains.get(key) ?? Promise.resolve()).then(write, write);
  const settled = next.catch(() => undefined);
  chains.set(key, settled);
  void settled.then(() => chains.get(key) === settled && chains.delete(key));
  return next;
}

export const markSent = (message: { _id: string; connectorId: string; whatsappId: string }) =>
  serial(`${message.connectorId}:${message.whatsappId}`, () => move({ _id: message._id }, ['queued', 'sending'], 'sent'));

export const markFailed = (messageId: string, reason: FailureReason, detail?: string) =>
  move({ _id: messageId }, ['queued', 'sending'], 'failed', { failureReason: reason, ...(detail && { failureDetail: detail.slice(0, 500) }) });

export const cancelQueued = (messageId: string) => move({ _id: messageId }, ['queued'], 'cancelled');

/** Takes back a message whose acceptance was never acknowledged; false once a send has claimed it. */
export async function withdrawQueued(messageId: string): Promise<boolean> {
  return (await MessageModel.deleteOne({ _id: messageId, status: 'queued' })).deletedCount > 0;
}

/**
 * A delivery or read receipt from WhatsApp. A receipt proves the message was sent, so one that arrives
 * before the send recorded itself records `sent` first; history then reads sent → delivered → read.
 */
export function recordReceipt(connectorId: string, whatsappId: string, status: 'delivered' | 'read'): Promise<void> {
  const filter = { connectorId, whatsappId };
  return serial(`${connectorId}:${whatsappId}`, async () => {
    await move(filter, ['queued', 'sending'], 'sent');
    if (status === 'delivered') await move(filter, ['sent'], 'delivered');
    else await move(filter, ['sent', 'delivered'], 'read');
  });
}

/** Fails every message still queued for a connector (it was removed); returns how many. */
export async function failAllQueued(connectorId: string, reason: FailureReason): Promise<number> {
  const at = new Date();
  const result = await MessageModel.updateMany(
    { connectorId, status: 'queued' },
    { $set: { status: 'failed', failureReason: reason }, $push: { history: { status: 'failed', at } } },
  );
  return result.modifiedCount;
}
