import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PortalModel } from '../../storage/models/portal.js';
import { createBitrix24Emulator, type Bitrix24Emulator } from '../../sandbox/bitrix24-emulator/app.js';
import { emulatorControl, type EmulatorControl } from '../../sandbox/bitrix24-emulator/control-client.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/bitrix24-emulator/portal.js';
import { connectorWhen, eventually, startProduct, type Product } from '../support/product.js';

/**
 * Operators' edits, deletions, pictures and voice recordings reach the client's phone; with "publish
 * outgoing" off, a message typed on the phone stays out of the chat. Portal emulator + WhatsApp simulator.
 */
let product: Product;
let emulator: Bitrix24Emulator;
let portal: EmulatorControl;
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
  product = await startProduct({ qr: { qrRotateMs: 2000, qrFirstMs: 2000, qrRotations: 100 }, bitrix24: { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET } });
  await product.startSessionHost();
  emulator = createBitrix24Emulator({ productUrl: product.url });
  portal = emulatorControl(await emulator.listen(0));
  await portal.install({ mode: 'event' });
  await eventually(async () => ((await PortalModel.findById(emulator.state.memberId).lean())?.registeredAt ? true : undefined), 20_000, 'registrations');
  lineId = (await portal.addLine({ name: 'WhatsApp media' })).id;
  connectorId = await product.createConnector('Media');
  await product.scanShownQr(connectorId, '+79990003001');
  await connectorWhen(product, connectorId, (c) => c.state === 'connected', 'connected');
  await product.api(`/connectors/${connectorId}`, { method: 'PATCH', body: { lineId } });
  await eventually(async () => ((await portal.calls('imconnector.connector.data.set')).some((c) => c.status === 200) ? true : undefined), 20_000, 'the line activated');
});
after(async () => {
  await emulator.close();
  await product.stop();
});

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
  await eventually(async () => ((await product.phone.sent(connectorId)).some((s) => s.text === 'Private answer from the phone') ? true : undefined), 30_000, 'the phone message sent');
  // A later phone message, posted once the switch is back on, shows the session host has handled the first.
  await withPublish(true);
  await product.phone.phoneMessage(connectorId, { to: '+79990003104', text: 'Public answer from the phone' });
  await eventually(async () => ((await portal.chat(chat.id)).messages.some((m) => m.text.includes('Public answer from the phone')) ? true : undefined), 30_000, 'the later phone message posted');
  assert.equal((await portal.chat(chat.id)).messages.some((m) => m.text.includes('Private answer from the phone')), false);
});
