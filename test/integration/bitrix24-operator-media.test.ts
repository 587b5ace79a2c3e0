import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';
import { eventually, type Product } from '../support/product.js';
import { MessageModel } from '../../storage/models/message.js';

/**
 * Operators' edits, deletions, pictures and voice recordings reach the client's phone; with "publish
 * outgoing" off, a message typed on the phone stays out of the chat. Portal emulator + WhatsApp simulator.
 */
let sandbox: ChatSandbox;
let product: Product;
let portal: ChatSandbox['portal'];
let connectorId: string;
let lineId: number;

async function clientChat(phone: string, text: string) {
  await product.phone.inbound(connectorId, { from: phone, text, pushName: 'Client' });
  return eventually(async () => (await portal.chats()).find((c) => c.line === lineId && c.user.phone === phone), 30_000, 'the client chat');
}

const sentTo = (phone: string) => eventually(async () => (await product.phone.sent(connectorId)).find((s) => s.to === phone), 30_000, `a message to ${phone}`);

/** Half a second of silence as 8 kHz 16-bit mono PCM: what a browser recording might upload. */
function silentWav(): Buffer {
  const samples = 4000;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples * 2, 40);
  return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}

const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

before(async () => {
  sandbox = await startChatSandbox('+79990003001');
  ({ product, portal, connectorId, lineId } = sandbox);
});
after(() => sandbox?.stop());

test("an operator's edit and deletion reach the client's phone", async () => {
  const chat = await clientChat('+79990003101', 'Hello');
  const { message } = await portal.reply(chat.id, { text: 'Price is 100' });
  const sent = await sentTo('+79990003101');
  await portal.edit(message.id, { text: 'Price is 90' });
  await eventually(async () => ((await product.phone.sent(connectorId)).find((s) => s.id === sent.id)?.edits ? true : undefined), 30_000, 'the edit on the phone');
  await portal.remove(message.id);
  await eventually(async () => ((await product.phone.sent(connectorId)).find((s) => s.id === sent.id)?.deleted ? true : undefined), 30_000, 'the deletion on the phone');
});

test("an operator's picture reaches the client as a picture", async () => {
  const chat = await clientChat('+79990003102', 'Send me a photo');
  await portal.reply(chat.id, { files: [{ name: 'photo.png', base64: PIXEL_PNG, mime: 'image/png' }] });
  const sent = await sentTo('+79990003102');
  assert.equal(sent.media?.kind, 'image');
});

test("an operator's audio recording reaches the client as a voice note", async () => {
  const chat = await clientChat('+79990003103', 'Say it');
  await portal.reply(chat.id, { files: [{ name: 'recording.wav', base64: silentWav().toString('base64'), mime: 'audio/wav' }] });
  const sent = await sentTo('+79990003103');
  assert.deepEqual({ kind: sent.media?.kind, voice: sent.media?.voice, mimetype: sent.media?.mimetype }, { kind: 'audio', voice: true, mimetype: 'audio/ogg; codecs=opus' });
});

test('with "publish outgoing" off, a message typed on the phone is not posted into the chat', async () => {
  const settings = (await product.api(`/connectors/${connectorId}/settings`)).body;
  const withPublish = (publishOutgoing: boolean) =>
    product.api(`/connectors/${connectorId}/settings`, { method: 'PUT', body: { ...settings, chats: { ...settings.chats, publishOutgoing } } });
  const chat = await clientChat('+79990003104', 'Question');
  await withPublish(false);
  await product.phone.phoneMessage(connectorId, { to: '+79990003104', text: 'Private answer from the phone' });
  // Recorded by the session host (without a follow-up) before the switch goes back on.
  await eventually(async () => ((await MessageModel.exists({ connectorId, text: 'Private answer from the phone', 'origin.source': 'phone', followUp: false })) ? true : undefined), 30_000, 'the phone message recorded');
  await withPublish(true);
  await product.phone.phoneMessage(connectorId, { to: '+79990003104', text: 'Public answer from the phone' });
  await eventually(async () => ((await portal.chat(chat.id)).messages.some((m) => m.text.includes('Public answer from the phone')) ? true : undefined), 30_000, 'the later phone message posted');
  assert.equal((await portal.chat(chat.id)).messages.some((m) => m.text.includes('Private answer from the phone')), false);
});
