import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toBaileysContent } from '../../integrations/whatsapp/baileys/outbound-content.js';

const data = Buffer.from('bytes');

test('text alone is a text message', () => {
  assert.deepEqual(toBaileysContent({ text: 'Hello' }), { text: 'Hello' });
});

test('an image carries the text as its caption', () => {
  assert.deepEqual(toBaileysContent({ text: 'Your receipt', media: { kind: 'image', mimetype: 'image/png', data } }), { image: data, mimetype: 'image/png', caption: 'Your receipt' });
});

test('a document keeps its file name', () => {
  assert.deepEqual(toBaileysContent({ media: { kind: 'document', mimetype: 'application/pdf', fileName: 'offer.pdf', data } }), {
    document: data,
    mimetype: 'application/pdf',
    fileName: 'offer.pdf',
  });
});

test('a voice recording is sent as a voice note (ptt)', () => {
  assert.deepEqual(toBaileysContent({ media: { kind: 'audio', mimetype: 'audio/ogg; codecs=opus', voice: true, data } }), {
    audio: data,
    mimetype: 'audio/ogg; codecs=opus',
    ptt: true,
  });
});

test('audio with text is refused, as WhatsApp has no audio captions', () => {
  assert.throws(() => toBaileysContent({ text: 'listen', media: { kind: 'audio', mimetype: 'audio/mpeg', data } }), /cannot carry text/);
});

test('a message with neither text nor media is refused', () => {
  assert.throws(() => toBaileysContent({}), /needs text or media/);
});
