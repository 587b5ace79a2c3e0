import {
  initAuthCreds,
  makeCacheableSignalKeyStore,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { Logger } from '../../../lib/logger.js';
import type { AuthStore } from '../transport.js';

export interface BaileysAuth {
  state: AuthenticationState;
  /** Merges a `creds.update` into the live creds and queues a write of them. */
  updateCreds(update: Partial<AuthenticationCreds>): void;
  /** Resolves once every queued creds write has finished (failed writes are logged, not rethrown). */
  settled(): Promise<void>;
}

function signalKeyStore(store: AuthStore): SignalKeyStore {
  return {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      return (await store.getKeys(type, ids)) as { [id: string]: SignalDataTypeMap[T] };
    },
    set: (data: SignalDataSet) => store.setKeys(data as Record<string, Record<string, unknown>>),
  };
}

/** A device that finished pairing carries its signed identity; until then the socket only offers QR codes. */
export function isPaired(creds: AuthenticationCreds): boolean {
  return Boolean(creds.account);
}

/**
 * Baileys' auth state over an `AuthStore`. Creds writes form a chain, so they land in order and the
 * adapter can wait for the last one before it reports a close: after pairing, WhatsApp closes with
 * 515 right behind the `creds.update` that carries the new identity, and reconnecting before it is
 * stored would bring the QR back.
 */
export async function loadBaileysAuth(store: AuthStore, logger: Logger): Promise<BaileysAuth> {
  const creds = ((await store.readCreds()) as AuthenticationCreds | undefined) ?? initAuthCreds();
  let writes = Promise.resolve();
  return {
    state: { creds, keys: makeCacheableSignalKeyStore(signalKeyStore(store), logger) },
    updateCreds(update) {
      Object.assign(creds, update);
      writes = writes.then(() => store.writeCreds(creds)).catch((err: unknown) => logger.error({ err }, 'could not store WhatsApp credentials'));
    },
    settled: () => writes,
  };
}
