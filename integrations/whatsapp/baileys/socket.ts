import {
  Browsers,
  fetchLatestWaWebVersion,
  makeWASocket,
  proto,
  type AuthenticationState,
  type WAMessageKey,
  type WASocket,
  type WAVersion,
} from '@whiskeysockets/baileys';
import type { Logger } from '../../../lib/logger.js';

const VERSION_FETCH_TIMEOUT_MS = 10_000;
/** One fetch serves every socket of the host for a while; WhatsApp Web releases at most a few times a day. */
const VERSION_TTL_MS = 3_600_000;

/**
 * History syncs that carry LID↔phone mappings and push names. Baileys 7 warns that refusing every
 * sync leaves LID-addressed contacts without a phone; chat history itself never reaches the Open Line,
 * as `messaging-history.set` is not translated.
 */
const HISTORY_TO_SYNC = new Set([
  proto.Message.HistorySyncType.INITIAL_BOOTSTRAP,
  proto.Message.HistorySyncType.PUSH_NAME,
  proto.Message.HistorySyncType.NON_BLOCKING_DATA,
]);

let cachedVersion: { version: WAVersion; fetchedAt: number } | undefined;

/**
 * The WhatsApp Web version to announce. The one pinned in Baileys ages and then earns 405s, so ask
 * web.whatsapp.com; on failure `fetchLatestWaWebVersion` itself answers with the pinned one.
 */
async function whatsAppWebVersion(logger: Logger): Promise<WAVersion> {
  if (cachedVersion && Date.now() - cachedVersion.fetchedAt < VERSION_TTL_MS) return cachedVersion.version;
  const { version, isLatest, error } = await fetchLatestWaWebVersion({ signal: AbortSignal.timeout(VERSION_FETCH_TIMEOUT_MS) });
  if (!isLatest) {
    logger.warn({ err: error, version }, 'could not fetch the WhatsApp Web version; using the one Baileys pins');
    return version;
  }
  cachedVersion = { version, fetchedAt: Date.now() };
  return version;
}

/** Baileys' debug and trace logs carry whole stanzas, message content included: warn at most. */
function baileysLogger(logger: Logger): Logger {
  const level = logger.levelVal > logger.levels.values.warn! ? logger.level : 'warn';
  return logger.child({ module: 'baileys' }, { level });
}

export interface SocketOptions {
  auth: AuthenticationState;
  showOnline: boolean;
  /** What we sent under a key, for a recipient's retry receipt (sent-messages.ts). */
  getMessage: (key: WAMessageKey) => Promise<proto.IMessage | undefined>;
  logger: Logger;
}

export async function openSocket({ auth, showOnline, getMessage, logger }: SocketOptions): Promise<WASocket> {
  return makeWASocket({
    auth,
    logger: baileysLogger(logger),
    version: await whatsAppWebVersion(logger),
    browser: Browsers.macOS('Desktop'),
    // Online on connect silences the phone's notifications, so it is the account's "show online" choice.
    markOnlineOnConnect: showOnline,
    // The Open Line starts from the connection on; full history would only flood memory.
    syncFullHistory: false,
    shouldSyncHistoryMessage: ({ syncType }) => syncType != null && HISTORY_TO_SYNC.has(syncType),
    // Our own sends would come back as `messages.upsert`; only what the phone sends is news.
    emitOwnEvents: false,
    getMessage,
  });
}
