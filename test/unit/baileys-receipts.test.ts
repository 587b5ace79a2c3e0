import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WAMessageStatus, type WAMessageUpdate } from '@whiskeysockets/baileys';
import { translateReceipts } from '../../integrations/whatsapp/baileys/receipts.js';

/** As Baileys' handleReceipt emits it for a 1:1 receipt: the key of our message, the status and receipt time. */
function receipt(status: number, { remoteJid = '4915112345678@s.whatsapp.net', fromMe = true, id = '3EB0SENT' } = {}): WAMessageUpdate {
  return { key: { remoteJid, id, fromMe, participant: undefined }, update: { status, messageTimestamp: 1_700_000_100 } };
}

test('DELIVERY_ACK on our message means delivered', () => {
  assert.deepEqual(translateReceipts([receipt(WAMessageStatus.DELIVERY_ACK)]), [{ type: 'receipt', id: '3EB0SENT', status: 'delivered' }]);
});

test('READ on our message means read', () => {
  assert.deepEqual(translateReceipts([receipt(WAMessageStatus.READ)]), [{ type: 'receipt', id: '3EB0SENT', status: 'read' }]);
});

test('PLAYED (a voice note listened to) means read', () => {
  assert.deepEqual(translateReceipts([receipt(WAMessageStatus.PLAYED)]), [{ type: 'receipt', id: '3EB0SENT', status: 'read' }]);
});

test('a receipt from a LID-addressed chat counts the same', () => {
  const update = receipt(WAMessageStatus.READ, { remoteJid: '190253895659622@lid' });
  assert.deepEqual(translateReceipts([update]), [{ type: 'receipt', id: '3EB0SENT', status: 'read' }]);
});

test('SERVER_ACK (only the server has it) is not a receipt', () => {
  assert.deepEqual(translateReceipts([receipt(WAMessageStatus.SERVER_ACK)]), []);
});

test('a status change of a client\'s message (our own read marks) is not a receipt', () => {
  assert.deepEqual(translateReceipts([receipt(WAMessageStatus.READ, { fromMe: false })]), []);
});

test('receipts in groups are ignored', () => {
  assert.deepEqual(translateReceipts([receipt(WAMessageStatus.READ, { remoteJid: '120363025246125486@g.us' })]), []);
});

test('an update without a status (an edit, a revoke) is not a receipt', () => {
  const revoke: WAMessageUpdate = { key: { remoteJid: '4915112345678@s.whatsapp.net', fromMe: true, id: '3EB0SENT' }, update: { message: null, messageStubType: 1 } };
  assert.deepEqual(translateReceipts([revoke]), []);
});

test('every message id of a batched receipt gets its own receipt', () => {
  const updates = ['A1', 'A2'].map((id) => receipt(WAMessageStatus.DELIVERY_ACK, { id }));
  assert.deepEqual(translateReceipts(updates).map((event) => event.id), ['A1', 'A2']);
});
