import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { generateWAMessage, proto, type AnyMessageContent, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { createMongoAuthStore } from '../../integrations/whatsapp/baileys/mongo-auth-store.js';
import { createSentMessages, type SentMessageLimits } from '../../integrations/whatsapp/baileys/sent-messages.js';
import { unseal } from '../../lib/crypto.js';
import { createLogger } from '../../lib/logger.js';
import { insertMessageOnce, type NewMessage } from '../../storage/messages.js';
import { SentMessageModel } from '../../storage/models/sent-message.js';
import { useTestDatabase } from '../support/servers.js';

let dropDatabase: () => Promise<void>;
const key = randomBytes(32);
const CLIENT = '4915112345678@s.whatsapp.net';
const DAY = 24 * 3_600_000;
const logger = createLogger('test', 'silent');

before(async () => {
  dropDatabase = await useTestDatabase();
});
after(() => dropDatabase());

let connectorCount = 0;
const newConnector = () => `conn${++connectorCount}`;

/** How Baileys asks in a retry receipt: the chat, fromMe, and the id it could not decrypt. */
const retryKey = (id: string): WAMessageKey => ({ remoteJid: CLIENT, fromMe: true, id });

/** What `sock.sendMessage` returns, made by Baileys' own generator; the upload stands in for WhatsApp's media servers. */
function sentByBaileys(content: AnyMessageContent, messageId: string): Promise<WAMessage> {
  return generateWAMessage(CLIENT, content, {
    userJid: '4930901820:12@s.whatsapp.net',
    logger,
    messageId,
    upload: async () => ({ mediaUrl: `https://mmg.whatsapp.net/v/t62.7119-24/${messageId}`, directPath: `/v/t62.7119-24/${messageId}` }),
  });
}

const aDocument = (messageId: string) => sentByBaileys({ document: Buffer.from('%PDF-1.4 the offer'), mimetype: 'application/pdf', fileName: 'offer.pdf' }, messageId);

function storedMessage(connectorId: string, whatsappId: string, fields: Partial<NewMessage> = {}): NewMessage {
  return {
    _id: `${connectorId}-${whatsappId}`,
    connectorId,
    to: '+4915112345678',
    lane: 'regular',
    idempotencyKey: whatsappId,
    whatsappId,
    origin: { source: 'operator' },
    status: 'sent',
    history: [],
    acceptedAt: new Date(),
    ...fields,
  };
}

const bytesOf = (message: proto.IMessage | undefined) => (message ? Buffer.from(proto.Message.encode(message).finish()) : undefined);

test('a sent media message is returned for its key exactly as Baileys generated it, upload keys included', async () => {
  const sent = createSentMessages(newConnector(), key);
  const message = await aDocument('3EB0DOC1');
  await sent.remember(message);
  const content = await sent.contentFor(retryKey('3EB0DOC1'));
  assert.deepEqual(bytesOf(content), bytesOf(message.message!));
  assert.equal(content?.documentMessage?.url, 'https://mmg.whatsapp.net/v/t62.7119-24/3EB0DOC1');
});

test('a sent text message is rebuilt from the stored text, as sendMessage builds a text', async () => {
  const connectorId = newConnector();
  await insertMessageOnce(storedMessage(connectorId, '3EB0TEXT1', { text: 'Your order is ready' }));
  const content = await createSentMessages(connectorId, key).contentFor(retryKey('3EB0TEXT1'));
  assert.deepEqual(proto.Message.toObject(proto.Message.create(content!)), { extendedTextMessage: { text: 'Your order is ready' } });
});

test('an edit we sent is returned as sent, so its retry re-sends the edit', async () => {
  const sent = createSentMessages(newConnector(), key);
  const edit = await sentByBaileys({ text: 'Ready at 5 pm', edit: retryKey('3EB0TEXT2') }, '3EB0EDIT1');
  await sent.remember(edit);
  assert.deepEqual(bytesOf(await sent.contentFor(retryKey('3EB0EDIT1'))), bytesOf(edit.message!));
});

test('an unknown key gives undefined', async () => {
  assert.equal(await createSentMessages(newConnector(), key).contentFor(retryKey('3EB0NOPE')), undefined);
});

test('a message typed on the phone gives undefined: only the device that sent it answers its retry', async () => {
  const connectorId = newConnector();
  await insertMessageOnce(storedMessage(connectorId, '3EB0PHONE', { text: 'Typed on the phone', origin: { source: 'phone' } }));
  assert.equal(await createSentMessages(connectorId, key).contentFor(retryKey('3EB0PHONE')), undefined);
});

test('a media message no longer kept gives undefined instead of its caption alone', async () => {
  const connectorId = newConnector();
  const media = { kind: 'image' as const, mimetype: 'image/jpeg', fileId: 'f1', size: 10 };
  await insertMessageOnce(storedMessage(connectorId, '3EB0OLDIMG', { text: 'The photo', media }));
  assert.equal(await createSentMessages(connectorId, key).contentFor(retryKey('3EB0OLDIMG')), undefined);
});

test('another account\'s message under the same id is not ours to re-send', async () => {
  const [mine, theirs] = [newConnector(), newConnector()];
  await createSentMessages(theirs, key).remember(await aDocument('3EB0SHARED'));
  await insertMessageOnce(storedMessage(theirs, '3EB0SHARED2', { text: 'Theirs' }));
  const sent = createSentMessages(mine, key);
  assert.equal(await sent.contentFor(retryKey('3EB0SHARED')), undefined);
  assert.equal(await sent.contentFor(retryKey('3EB0SHARED2')), undefined);
});

test('the kept content is sealed under the encryption key', async () => {
  const connectorId = newConnector();
  const message = await aDocument('3EB0SEALED');
  await createSentMessages(connectorId, key).remember(message);
  const doc = await SentMessageModel.findOne({ connectorId }).lean<{ content: string }>();
  const plain = Buffer.from(proto.Message.encode(message.message!).finish()).toString('base64');
  assert.ok(doc);
  assert.match(doc.content, /^v1\./);
  assert.ok(!doc.content.includes(plain) && !doc.content.includes('offer.pdf'));
  assert.equal(unseal(doc.content, key), plain);
  assert.throws(() => unseal(doc.content, randomBytes(32)));
});

test('an account keeps only its most recent sends, beyond the count the oldest are forgotten', async () => {
  const [connectorId, other] = [newConnector(), newConnector()];
  let clock = Date.now();
  const limits: SentMessageLimits = { maxAgeMs: DAY, maxCount: 2 };
  const sent = createSentMessages(connectorId, key, limits, () => clock);
  await createSentMessages(other, key, limits).remember(await aDocument('3EB0OTHER'));
  for (const id of ['3EB0N1', '3EB0N2', '3EB0N3']) {
    clock += 1000;
    await sent.remember(await aDocument(id));
  }
  assert.equal(await SentMessageModel.countDocuments({ connectorId }), 2);
  assert.equal(await sent.contentFor(retryKey('3EB0N1')), undefined);
  assert.ok(await sent.contentFor(retryKey('3EB0N3')));
  assert.equal(await SentMessageModel.countDocuments({ connectorId: other }), 1);
});

test('kept content older than the age limit is no longer returned, and the next prune removes it', async () => {
  const connectorId = newConnector();
  let clock = Date.now();
  const sent = createSentMessages(connectorId, key, { maxAgeMs: DAY, maxCount: 100 }, () => clock);
  await sent.remember(await aDocument('3EB0AGED'));
  clock += DAY + 1000;
  assert.equal(await sent.contentFor(retryKey('3EB0AGED')), undefined);
  await sent.prune();
  assert.equal(await SentMessageModel.countDocuments({ connectorId }), 0);
});

test('clearing the account\'s auth state (logout, deletion) forgets its kept sends', async () => {
  const connectorId = newConnector();
  await createSentMessages(connectorId, key).remember(await aDocument('3EB0GONE'));
  await createMongoAuthStore(connectorId, key).clear();
  assert.equal(await SentMessageModel.countDocuments({ connectorId }), 0);
});
