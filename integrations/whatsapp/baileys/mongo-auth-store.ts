import type { AnyBulkWriteOperation } from 'mongoose';
import { BufferJSON, proto } from '@whiskeysockets/baileys';
import { seal, unseal } from '../../../lib/crypto.js';
import { AuthStateModel, CREDS_TYPE, authStateId } from '../../../storage/models/auth-state.js';
import { SentMessageModel } from '../../../storage/models/sent-message.js';
import type { AuthStore } from '../transport.js';

type AuthStateDoc = { _id: string; connectorId: string; type: string; keyId: string; value: string };

/**
 * Baileys' values hold Buffers and Uint8Arrays, which plain JSON would turn into index maps; BufferJSON
 * writes them as base64 and brings them back as Buffers, the same files useMultiFileAuthState writes.
 */
function encode(value: unknown, key: Buffer): string {
  return seal(JSON.stringify(value, BufferJSON.replacer), key);
}

function decode(sealed: string, key: Buffer): unknown {
  return JSON.parse(unseal(sealed, key), BufferJSON.reviver) as unknown;
}

/** Baileys reads app-state sync keys as protobuf objects, as useMultiFileAuthState hands them back. */
function rehydrate(type: string, value: unknown): unknown {
  return type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>) : value;
}

function keyOperations(connectorId: string, data: Record<string, Record<string, unknown>>, key: Buffer): AnyBulkWriteOperation<AuthStateDoc>[] {
  return Object.entries(data).flatMap(([type, values]) =>
    Object.entries(values).map(([keyId, value]): AnyBulkWriteOperation<AuthStateDoc> => {
      const filter = { _id: authStateId(connectorId, type, keyId) };
      if (value === null || value === undefined) return { deleteOne: { filter } };
      return { updateOne: { filter, update: { $set: { connectorId, type, keyId, value: encode(value, key) } }, upsert: true } };
    }),
  );
}

/**
 * The production `AuthStore`: MongoDB (or FerretDB), sealed at rest with `encryptionKey` (32 bytes).
 * A `setKeys` call becomes one ordered bulk write, as FerretDB has no multi-document transactions: a
 * failure midway leaves the writes before it applied and none after, never a random subset.
 */
export function createMongoAuthStore(connectorId: string, encryptionKey: Buffer): AuthStore {
  if (encryptionKey.length !== 32) throw new Error('the auth state encryption key must be 32 bytes');
  const credsId = authStateId(connectorId, CREDS_TYPE, CREDS_TYPE);
  return {
    async readCreds() {
      const doc = await AuthStateModel.findById(credsId, { value: 1 }).lean<Pick<AuthStateDoc, 'value'>>();
      return doc ? decode(doc.value, encryptionKey) : undefined;
    },
    async writeCreds(creds) {
      const update = { connectorId, type: CREDS_TYPE, keyId: CREDS_TYPE, value: encode(creds, encryptionKey) };
      await AuthStateModel.updateOne({ _id: credsId }, { $set: update }, { upsert: true });
    },
    async getKeys(type, ids) {
      if (ids.length === 0) return {};
      const docs = await AuthStateModel.find({ _id: { $in: ids.map((id) => authStateId(connectorId, type, id)) } }, { keyId: 1, value: 1 }).lean<
        Pick<AuthStateDoc, 'keyId' | 'value'>[]
      >();
      return Object.fromEntries(docs.map((doc) => [doc.keyId, rehydrate(type, decode(doc.value, encryptionKey))]));
    },
    async setKeys(data) {
      const operations = keyOperations(connectorId, data, encryptionKey);
      if (operations.length > 0) await AuthStateModel.bulkWrite(operations, { ordered: true });
    },
    // The sends kept for retry receipts go with the pairing: no device will ask this one for them again.
    async clear() {
      await AuthStateModel.deleteMany({ connectorId });
      await SentMessageModel.deleteMany({ connectorId });
    },
  };
}
