import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startChatSandbox, type ChatSandbox } from '../support/chat-sandbox.js';
import { eventually, type Product } from '../support/product.js';

/**
 * Every kind of client message reaches the open line chat once, with its file downloadable by the
 * portal (as Bitrix24 fetches it from our signed URL). Portal emulator + WhatsApp simulator.
 */
let sandbox: ChatSandbox;
let product: Product;
let portal: ChatSandbox['portal'];
let connectorId: string;
let lineId: number;

const bytes = (text: string) => Buffer.from(text).toString('base64');

before(async () => {
  sandbox = await startChatSandbox('+79990004001');
  ({ product, portal, connectorId, lineId } = sandbox);
});
after(() => sandbox?.stop());

/** The client chat's messages once `count` have arrived. */
async function chatMessages(phone: string, count: number) {
  return eventually(async () => {
    const chat = (await portal.chats()).find((c) => c.line === lineId && c.user.phone === phone);
    if (!chat) return undefined;
    const { messages } = await portal.chat(chat.id);
    return messages.length >= count ? messages : undefined;
  }, 30_000, `${count} messages from ${phone}`);
}

test('video, document, audio, voice note and sticker arrive as downloadable files, captions as text', async () => {
  const from = '+79990004101';
  const kinds: Array<{ kind: 'video' | 'document' | 'audio' | 'sticker'; mimetype: string; fileName: string; caption?: string }> = [
    { kind: 'video', mimetype: 'video/mp4', fileName: 'clip.mp4', caption: 'my video' },
    { kind: 'document', mimetype: 'application/pdf', fileName: 'invoice.pdf' },
    { kind: 'audio', mimetype: 'audio/mpeg', fileName: 'song.mp3' },
    { kind: 'sticker', mimetype: 'image/webp', fileName: 'sticker.webp' },
  ];
  for (const { caption, ...media } of kinds) await product.phone.inbound(connectorId, { from, text: caption, media: { ...media, base64: bytes(`${media.kind} bytes`) } });
  await product.phone.inbound(connectorId, { from, voice: true, media: { kind: 'audio', mimetype: 'audio/ogg; codecs=opus', base64: bytes('voice bytes') } });
  const messages = await chatMessages(from, 5);
  assert.equal(messages.length, 5, 'each message once');
  for (const message of messages) {
    assert.equal(message.files.length, 1);
    assert.deepEqual(message.files[0]!.download?.error, undefined, 'the portal downloaded the file');
  }
  assert.match(messages[0]!.text, /my video/);
});

test('a location arrives as a map link and a shared contact with its name and phone', async () => {
  const from = '+79990004102';
  await product.phone.inbound(connectorId, { from, location: { lat: 55.7558, lng: 37.6173, name: 'Office' } });
  await product.phone.inbound(connectorId, { from, contact: { name: 'Anna Petrova', phone: '+79990004199' } });
  const [location, contact] = await chatMessages(from, 2);
  assert.match(location!.text, /55\.7558/);
  assert.match(contact!.text, /Anna Petrova/);
  assert.match(contact!.text, /79990004199/);
});

test('a reply quoting an earlier message carries the quoted text', async () => {
  const from = '+79990004103';
  await product.phone.inbound(connectorId, { from, id: 'QUOTED0001', text: 'Do you deliver on Sundays?' });
  await product.phone.inbound(connectorId, { from, quotedId: 'QUOTED0001', text: 'I mean this one' });
  const [, reply] = await chatMessages(from, 2);
  assert.match(reply!.text, /Do you deliver on Sundays\?/);
  assert.match(reply!.text, /I mean this one/);
});
