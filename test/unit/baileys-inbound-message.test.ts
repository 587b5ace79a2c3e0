import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proto, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { translateInbound, type InboundEvent } from '../../integrations/whatsapp/baileys/inbound-message.js';
import type { InboundMessage } from '../../integrations/whatsapp/transport.js';

const CLIENT = '4915112345678@s.whatsapp.net';
const CLIENT_LID = '190253895659622@lid';
const SENT_AT = 1_700_000_000;

const fromClient = (id = '3EB0C0FFEE'): WAMessageKey => ({ remoteJid: CLIENT, fromMe: false, id, addressingMode: 'pn' });

/**
 * A `messages.upsert` item as Baileys 7 hands it over: the protobuf WebMessageInfo with a plain key,
 * since v7's key extras (remoteJidAlt, addressingMode) are not protobuf fields.
 */
function received(key: WAMessageKey, message: proto.IMessage, pushName = 'Anna'): WAMessage {
  const info = proto.WebMessageInfo.fromObject({ message, messageTimestamp: SENT_AT, pushName }) as WAMessage;
  info.key = key;
  return info;
}

const noDownload = async (): Promise<Buffer> => {
  throw new Error('no download expected');
};

function messageOf(event: InboundEvent | undefined): InboundMessage {
  assert.equal(event?.type, 'message');
  return event.message;
}

test('a plain text from a client becomes a message with the phone, push name and time in ms', () => {
  const event = translateInbound(received(fromClient(), { conversation: 'Hello, is the shop open?' }), noDownload);
  assert.deepEqual(event, {
    type: 'message',
    message: { id: '3EB0C0FFEE', from: { phone: '+4915112345678', pushName: 'Anna' }, fromMe: false, timestamp: SENT_AT * 1000, text: 'Hello, is the shop open?' },
  });
});

test('a message typed on the company phone is fromMe and addressed to the client', () => {
  const key: WAMessageKey = { remoteJid: CLIENT, fromMe: true, id: '3A1B2C' };
  const message = messageOf(translateInbound(received(key, { conversation: 'We open at 9' }, 'Shop'), noDownload));
  assert.equal(message.fromMe, true);
  assert.deepEqual(message.from, { phone: '+4915112345678' });
});

test('a reply carries the id of the quoted message', () => {
  const content = { extendedTextMessage: { text: 'Yes, that one', contextInfo: { stanzaId: '3EB0QUOTED', participant: CLIENT, quotedMessage: { conversation: 'Which one?' } } } };
  const message = messageOf(translateInbound(received(fromClient(), content), noDownload));
  assert.equal(message.text, 'Yes, that one');
  assert.equal(message.quotedId, '3EB0QUOTED');
});

test('a voice note is audio marked as voice, with its duration', () => {
  const content = { audioMessage: { url: 'https://mmg.whatsapp.net/v/t62.7117-24/x.enc', mimetype: 'audio/ogg; codecs=opus', seconds: 7, ptt: true, mediaKey: Buffer.alloc(32, 1) } };
  const { media } = messageOf(translateInbound(received(fromClient(), content), noDownload));
  assert.deepEqual({ ...media, download: undefined }, { kind: 'audio', mimetype: 'audio/ogg; codecs=opus', voice: true, seconds: 7, download: undefined });
});

test('an audio file that is not a voice note is not marked as voice', () => {
  const content = { audioMessage: { url: 'https://mmg.whatsapp.net/a.enc', mimetype: 'audio/mpeg', seconds: 180, ptt: false } };
  assert.equal(messageOf(translateInbound(received(fromClient(), content), noDownload)).media?.voice, undefined);
});

test('an image with a caption gives the media and the caption as text', () => {
  const content = { imageMessage: { url: 'https://mmg.whatsapp.net/i.enc', mimetype: 'image/jpeg', caption: 'The broken part', width: 1280, height: 960 } };
  const message = messageOf(translateInbound(received(fromClient(), content), noDownload));
  assert.equal(message.media?.kind, 'image');
  assert.equal(message.media?.mimetype, 'image/jpeg');
  assert.equal(message.text, 'The broken part');
});

test('a video keeps its mimetype and duration', () => {
  const content = { videoMessage: { url: 'https://mmg.whatsapp.net/v.enc', mimetype: 'video/mp4', seconds: 12 } };
  const { media } = messageOf(translateInbound(received(fromClient(), content), noDownload));
  assert.equal(media?.kind, 'video');
  assert.equal(media?.seconds, 12);
});

test('a document with a caption (documentWithCaptionMessage) keeps its file name, mimetype and caption', () => {
  const content = {
    documentWithCaptionMessage: { message: { documentMessage: { url: 'https://mmg.whatsapp.net/d.enc', mimetype: 'application/pdf', fileName: 'invoice-42.pdf', caption: 'My invoice' } } },
  };
  const message = messageOf(translateInbound(received(fromClient(), content), noDownload));
  assert.equal(message.media?.kind, 'document');
  assert.equal(message.media?.fileName, 'invoice-42.pdf');
  assert.equal(message.media?.mimetype, 'application/pdf');
  assert.equal(message.text, 'My invoice');
});

test('a sticker without a mimetype gets WhatsApp\'s webp', () => {
  const content = { stickerMessage: { url: 'https://mmg.whatsapp.net/s.enc', isAnimated: false } };
  assert.deepEqual(
    { ...messageOf(translateInbound(received(fromClient(), content), noDownload)).media, download: undefined },
    { kind: 'sticker', mimetype: 'image/webp', download: undefined },
  );
});

test('download fetches the bytes of this very message', async () => {
  const message = received(fromClient(), { imageMessage: { url: 'https://mmg.whatsapp.net/i.enc', mimetype: 'image/png' } });
  let asked: WAMessage | undefined;
  const media = messageOf(translateInbound(message, async (msg) => ((asked = msg), Buffer.from('png-bytes')))).media;
  assert.deepEqual(await media?.download(), Buffer.from('png-bytes'));
  assert.equal(asked, message);
});

test('a shared location gives coordinates and the place name', () => {
  const content = { locationMessage: { degreesLatitude: 52.520008, degreesLongitude: 13.404954, name: 'Alexanderplatz', address: 'Berlin' } };
  assert.deepEqual(messageOf(translateInbound(received(fromClient(), content), noDownload)).location, { lat: 52.520008, lng: 13.404954, name: 'Alexanderplatz' });
});

test('a shared contact gives its name, its WhatsApp number and the vCard', () => {
  const vcard = 'BEGIN:VCARD\nVERSION:3.0\nN:;Max;;;\nFN:Max Muster\nTEL;type=CELL;type=VOICE;waid=4917612345678:+49 176 12345678\nEND:VCARD';
  const contact = messageOf(translateInbound(received(fromClient(), { contactMessage: { displayName: 'Max Muster', vcard } }), noDownload)).contact;
  assert.deepEqual(contact, { name: 'Max Muster', phone: '+4917612345678', vcard });
});

test('a LID-addressed sender is known by LID and by the phone in remoteJidAlt', () => {
  const key: WAMessageKey = { remoteJid: CLIENT_LID, remoteJidAlt: CLIENT, fromMe: false, id: '3EB0LID', addressingMode: 'lid' };
  const message = messageOf(translateInbound(received(key, { conversation: 'hi' }), noDownload));
  assert.deepEqual(message.from, { phone: '+4915112345678', lid: CLIENT_LID, pushName: 'Anna' });
});

test('a sender known only by LID has no phone', () => {
  const key: WAMessageKey = { remoteJid: CLIENT_LID, fromMe: false, id: '3EB0LID2', addressingMode: 'lid' };
  assert.deepEqual(messageOf(translateInbound(received(key, { conversation: 'hi' }), noDownload)).from, { lid: CLIENT_LID, pushName: 'Anna' });
});

test('a disappearing (ephemeral) message is unwrapped', () => {
  const content = { ephemeralMessage: { message: { extendedTextMessage: { text: 'gone in 24h' } } } };
  assert.equal(messageOf(translateInbound(received(fromClient(), content), noDownload)).text, 'gone in 24h');
});

test('a group message is ignored', () => {
  const key: WAMessageKey = { remoteJid: '120363025246125486@g.us', participant: CLIENT, fromMe: false, id: '3EB0GRP', addressingMode: 'pn' };
  assert.equal(translateInbound(received(key, { conversation: 'hello group' }), noDownload), undefined);
});

test('a status broadcast and a newsletter post are ignored', () => {
  const status: WAMessageKey = { remoteJid: 'status@broadcast', participant: CLIENT, fromMe: false, id: '3EB0STATUS' };
  const newsletter: WAMessageKey = { remoteJid: '120363144038483540@newsletter', fromMe: false, id: '100', server_id: '100' };
  assert.equal(translateInbound(received(status, { conversation: 'my story' }), noDownload), undefined);
  assert.equal(translateInbound(received(newsletter, { conversation: 'news' }), noDownload), undefined);
});

test('a reaction yields nothing', () => {
  const content = { reactionMessage: { key: { remoteJid: CLIENT, fromMe: true, id: '3A1B2C' }, text: '👍', senderTimestampMs: SENT_AT * 1000 } };
  assert.equal(translateInbound(received(fromClient(), content), noDownload), undefined);
});

test('"delete for everyone" becomes a revoke of the original message id', () => {
  const content = { protocolMessage: { key: { remoteJid: CLIENT, fromMe: true, id: '3EB0ORIGINAL' }, type: proto.Message.ProtocolMessage.Type.REVOKE } };
  assert.deepEqual(translateInbound(received(fromClient('3EB0REVOKER'), content), noDownload), {
    type: 'message_revoked',
    id: '3EB0ORIGINAL',
    from: { phone: '+4915112345678', pushName: 'Anna' },
    timestamp: SENT_AT * 1000,
  });
});

test('an edit becomes the new text of the original message id, at the edit time', () => {
  const content = {
    editedMessage: {
      message: {
        protocolMessage: {
          key: { remoteJid: CLIENT, fromMe: true, id: '3EB0ORIGINAL' },
          type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
          editedMessage: { conversation: 'Hello, is the shop open today?' },
          timestampMs: (SENT_AT + 30) * 1000,
        },
      },
    },
  };
  assert.deepEqual(translateInbound(received(fromClient('3EB0EDITOR'), content), noDownload), {
    type: 'message_edited',
    id: '3EB0ORIGINAL',
    from: { phone: '+4915112345678', pushName: 'Anna' },
    text: 'Hello, is the shop open today?',
    timestamp: (SENT_AT + 30) * 1000,
  });
});

test('a missed-call stub without content is not a message', () => {
  const stub = proto.WebMessageInfo.fromObject({ messageTimestamp: SENT_AT, messageStubType: proto.WebMessageInfo.StubType.CALL_MISSED_VOICE }) as WAMessage;
  stub.key = { remoteJid: CLIENT, fromMe: false, id: 'CALL1' };
  assert.equal(translateInbound(stub, noDownload), undefined);
});
