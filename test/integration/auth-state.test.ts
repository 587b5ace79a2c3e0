import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import mongoose from 'mongoose';
import { BufferJSON, initAuthCreds, proto, type AuthenticationCreds, type SignalDataSet } from '@whiskeysockets/baileys';
import { createMongoAuthStore } from '../../integrations/whatsapp/baileys/mongo-auth-store.js';
import { AuthStateModel } from '../../storage/models/auth-state.js';
import { useTestDatabase } from '../support/servers.js';

let dropDatabase: () => Promise<void>;
const key = randomBytes(32);

before(async () => {
  dropDatabase = await useTestDatabase();
});
after(() => dropDatabase());

let connectorCount = 0;
const newConnector = () => `conn${++connectorCount}`;

/** Every key type Baileys 7 stores, each in the shape Baileys writes it. */
function everyKeyType(): SignalDataSet {
  return {
    'pre-key': { '1': { public: randomBytes(33), private: randomBytes(32) } },
    session: { '4915112345678.0': randomBytes(200), '190253895659622_1.3': randomBytes(180) },
    'sender-key': { '120363025246125486@g.us::4915112345678::0': randomBytes(120) },
    'sender-key-memory': { '120363025246125486@g.us': { '4915112345678:0@s.whatsapp.net': true } },
    'app-state-sync-key': {
      AAAAAGd5: proto.Message.AppStateSyncKeyData.fromObject({
        keyData: randomBytes(32),
        fingerprint: { rawId: 12, currentIndex: 3, deviceIndexes: [0, 3] },
        timestamp: 1_714_557_600_000,
      }),
    },
    'app-state-sync-version': { regular_high: { version: 17, hash: randomBytes(128), indexValueMap: { 'aW5kZXg=': { valueMac: randomBytes(32) } } } },
    'lid-mapping': { '4915112345678': '190253895659622', '190253895659622_reverse': '4915112345678' },
    'device-list': { '4915112345678': ['0', '3', '12'] },
    tctoken: { '190253895659622@lid': { token: randomBytes(24), timestamp: '1714557600' } },
    'identity-key': { '190253895659622.0': randomBytes(33) },
  };
}

/** BufferJSON's text is how Baileys itself compares auth state across a restart. */
const asStored = (value: unknown) => JSON.stringify(value, BufferJSON.replacer);

function pairedCreds(): AuthenticationCreds {
  return { ...initAuthCreds(), me: { id: '4930901820:12@s.whatsapp.net', lid: '88022341230812:12@lid', name: 'Shop' }, platform: 'smba' };
}

test('creds read back equal to what was written, Buffers as Buffers', async () => {
  const store = createMongoAuthStore(newConnector(), key);
  const creds = pairedCreds();
  await store.writeCreds(creds);
  const read = (await store.readCreds()) as AuthenticationCreds;
  assert.equal(asStored(read), asStored(creds));
  assert.ok(Buffer.isBuffer(read.noiseKey.private));
  assert.deepEqual(read.signedPreKey.signature, creds.signedPreKey.signature);
});

test('a connector without stored creds reads none', async () => {
  assert.equal(await createMongoAuthStore(newConnector(), key).readCreds(), undefined);
});

test('writing creds again replaces them', async () => {
  const store = createMongoAuthStore(newConnector(), key);
  await store.writeCreds(initAuthCreds());
  const creds = pairedCreds();
  await store.writeCreds(creds);
  assert.equal(((await store.readCreds()) as AuthenticationCreds).me?.id, creds.me?.id);
});

test('every Baileys 7 key type round-trips', async () => {
  const store = createMongoAuthStore(newConnector(), key);
  const data = everyKeyType();
  await store.setKeys(data as Record<string, Record<string, unknown>>);
  for (const [type, values] of Object.entries(data)) {
    const read = await store.getKeys(type, Object.keys(values));
    assert.equal(asStored(read), asStored(values), type);
  }
});

test('app-state sync keys come back as protobuf AppStateSyncKeyData, as Baileys reads them', async () => {
  const store = createMongoAuthStore(newConnector(), key);
  const data = everyKeyType();
  await store.setKeys(data as Record<string, Record<string, unknown>>);
  const { AAAAAGd5: read } = await store.getKeys('app-state-sync-key', ['AAAAAGd5']);
  assert.ok(read instanceof proto.Message.AppStateSyncKeyData);
  assert.deepEqual(read.keyData, data['app-state-sync-key']?.AAAAAGd5?.keyData);
});

test('keys that were never stored are absent from the answer', async () => {
  const store = createMongoAuthStore(newConnector(), key);
  await store.setKeys({ 'pre-key': { '1': { public: randomBytes(33), private: randomBytes(32) } } });
  assert.deepEqual(Object.keys(await store.getKeys('pre-key', ['1', '2'])), ['1']);
});

test('null deletes a key, in the same call that writes others', async () => {
  const store = createMongoAuthStore(newConnector(), key);
  await store.setKeys({ 'pre-key': { '1': { public: randomBytes(33), private: randomBytes(32) }, '2': { public: randomBytes(33), private: randomBytes(32) } } });
  await store.setKeys({ 'pre-key': { '1': null, '3': { public: randomBytes(33), private: randomBytes(32) } } });
  assert.deepEqual(Object.keys(await store.getKeys('pre-key', ['1', '2', '3'])).sort(), ['2', '3']);
});

test('clear() wipes the creds and keys of that connector only', async () => {
  const [mine, theirs] = [newConnector(), newConnector()];
  for (const connectorId of [mine, theirs]) {
    const store = createMongoAuthStore(connectorId, key);
    await store.writeCreds(pairedCreds());
    await store.setKeys({ session: { '4915112345678.0': randomBytes(64) } });
  }
  await createMongoAuthStore(mine, key).clear();
  const [cleared, kept] = [createMongoAuthStore(mine, key), createMongoAuthStore(theirs, key)];
  assert.equal(await cleared.readCreds(), undefined);
  assert.deepEqual(await cleared.getKeys('session', ['4915112345678.0']), {});
  assert.notEqual(await kept.readCreds(), undefined);
  assert.deepEqual(Object.keys(await kept.getKeys('session', ['4915112345678.0'])), ['4915112345678.0']);
});

test('the stored documents hold no plaintext: neither our JID nor any key bytes', async () => {
  const connectorId = newConnector();
  const store = createMongoAuthStore(connectorId, key);
  const creds = pairedCreds();
  const session = randomBytes(64);
  await store.writeCreds(creds);
  await store.setKeys({ session: { '4915112345678.0': session }, 'lid-mapping': { '4915112345678': '190253895659622' } });
  const raw = JSON.stringify(await mongoose.connection.collection(AuthStateModel.collection.name).find({ connectorId }).toArray());
  const secrets: (string | Buffer)[] = ['4930901820', 'Shop', '190253895659622', Buffer.from(creds.noiseKey.private), creds.advSecretKey, session];
  for (const secret of secrets) {
    const forms = Buffer.isBuffer(secret) ? [secret.toString('base64'), secret.toString('hex'), secret.toString('base64url')] : [secret];
    for (const form of forms) assert.ok(!raw.includes(form), `stored documents contain ${form}`);
  }
});

test('a store with another encryption key cannot read the creds', async () => {
  const connectorId = newConnector();
  await createMongoAuthStore(connectorId, key).writeCreds(pairedCreds());
  await assert.rejects(createMongoAuthStore(connectorId, randomBytes(32)).readCreds());
});

test('an encryption key that is not 32 bytes is refused', () => {
  assert.throws(() => createMongoAuthStore(newConnector(), randomBytes(16)), /32 bytes/);
});
