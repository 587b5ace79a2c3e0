import type { AuthenticationCreds, BaileysEventEmitter, BaileysEventMap, ConnectionState } from '@whiskeysockets/baileys';
import type { Logger } from '../../../lib/logger.js';
import type { TransportEvent } from '../transport.js';
import type { BaileysAuth } from './auth-state.js';
import { isMissedCallStub, type CallTracker } from './calls.js';
import { decideClose, type CloseDecision } from './close-reason.js';
import { translateInbound, type MediaDownloader } from './inbound-message.js';
import { phoneFromJid } from './jid.js';
import { translateReceipts } from './receipts.js';
import { restrictionFromMessageCap, restrictionFromMessageUpdate, restrictionFromTimeLock } from './restrictions.js';

/** What the translation needs of a socket's `ev`: Baileys' buffered emitter, or any emitter with its event names. */
export type BaileysEventSource = Pick<BaileysEventEmitter, 'on' | 'off'>;

/** Baileys' defaults (qrTimeout unset): the first QR lives 60 s, each next one 20 s. */
const FIRST_QR_TTL_MS = 60_000;
const NEXT_QR_TTL_MS = 20_000;
/**
 * Baileys tells that the offline replay ended (`receivedPendingNotifications`) as soon as WhatsApp's
 * end-of-batch stanza arrives, while its offline queue may still be working through the stanzas before
 * it (every message decrypt waits on the key store). Offline calls are concluded this much later, so
 * an outcome still queued (an answer on the phone) lands first.
 */
export const OFFLINE_QUEUE_GRACE_MS = 15_000;

export interface EventBindingOptions {
  ev: BaileysEventSource;
  auth: Pick<BaileysAuth, 'state' | 'updateCreds' | 'settled'>;
  calls: CallTracker;
  download: MediaDownloader;
  onEvent: (event: TransportEvent) => void;
  logger: Logger;
  /** Runs once the close is decided and before it is reported (pending creds writes are already stored). */
  beforeClose?: (decision: CloseDecision) => Promise<void>;
  afterOpen?: () => void;
  now?: () => number;
  /** Runs `run` once `ms` have passed; returns its cancel. */
  schedule?: (run: () => void, ms: number) => () => void;
}

function schedule(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

function openEvent(creds: AuthenticationCreds): TransportEvent {
  const me = creds.me;
  // Pairing by code stores a placeholder name '~' until WhatsApp tells the real one.
  const name = me?.name && me.name !== '~' ? me.name : me?.verifiedName;
  return { type: 'open', phone: phoneFromJid(me?.id) ?? '', ...(name && { name }) };
}

/**
 * Turns one socket's Baileys events into TransportEvents. A close is reported only after every creds
 * write queued before it has finished, so the session host may reconnect (515) or wipe the auth state
 * (401) the moment it hears of it. Returns a function that detaches the listeners.
 */
export function bindTransportEvents(options: EventBindingOptions): () => void {
  const { ev, auth, calls, download, onEvent, logger } = options;
  const now = options.now ?? Date.now;
  const after = options.schedule ?? schedule;
  let qrCount = 0;
  let cancelConclusion = () => {};

  function concludeOfflineCalls(): void {
    try {
      calls.concludeOffline().forEach(onEvent);
    } catch (err) {
      logger.error({ err }, 'could not report the calls missed while offline');
    }
  }

  async function reportClose(error: unknown): Promise<void> {
    await auth.settled();
    const decision = decideClose(error);
    // The close is reported whatever happens here: a session host waiting for it must not hang.
    await options.beforeClose?.(decision).catch((err: unknown) => logger.error({ err }, 'could not wind down the closed WhatsApp session'));
    logger.info({ reason: decision.reason, code: decision.code }, 'WhatsApp connection closed');
    onEvent({ type: 'close', ...decision });
  }

  function onConnection(update: Partial<ConnectionState>): void {
    if (update.qr) onEvent({ type: 'qr', qr: update.qr, expiresAt: now() + (qrCount++ === 0 ? FIRST_QR_TTL_MS : NEXT_QR_TTL_MS) });
    const restriction = restrictionFromTimeLock(update.reachoutTimeLock);
    if (restriction) onEvent(restriction);
    if (update.receivedPendingNotifications) {
      cancelConclusion();
      cancelConclusion = after(concludeOfflineCalls, OFFLINE_QUEUE_GRACE_MS);
    }
    if (update.connection === 'open') {
      onEvent(openEvent(auth.state.creds));
      options.afterOpen?.();
    }
    if (update.connection === 'close') {
      // Offline stanzas not yet handled were not acknowledged: the next socket's replay brings them again.
      cancelConclusion();
      reportClose(update.lastDisconnect?.error).catch((err: unknown) => logger.error({ err }, 'could not report the WhatsApp close'));
    }
  }

  function onUpsert({ messages, type }: BaileysEventMap['messages.upsert']): void {
    for (const message of messages) {
      const event = isMissedCallStub(message) ? calls.onMissedCallStub(message, type === 'append') : translateInbound(message, download);
      if (event) onEvent(event);
    }
  }

  function onUpdate(updates: BaileysEventMap['messages.update']): void {
    translateReceipts(updates).forEach(onEvent);
    for (const update of updates) {
      const restriction = restrictionFromMessageUpdate(update);
      if (restriction) onEvent(restriction);
    }
  }

  function onCalls(events: BaileysEventMap['call']): void {
    for (const call of events) {
      const event = calls.onCall(call);
      if (event) onEvent(event);
    }
  }

  function onCap(info: BaileysEventMap['message-capping.update']): void {
    const restriction = restrictionFromMessageCap(info);
    if (restriction) onEvent(restriction);
  }

  /** A throw inside a listener would unwind into Baileys' own code, which emitted the event. */
  function listen<E extends keyof BaileysEventMap>(event: E, handler: (arg: BaileysEventMap[E]) => void): () => void {
    const listener = (arg: BaileysEventMap[E]) => {
      try {
        handler(arg);
      } catch (err) {
        logger.error({ err, event }, 'could not translate a WhatsApp event');
      }
    };
    ev.on(event, listener);
    return () => ev.off(event, listener);
  }

  const detachers = [
    listen('creds.update', auth.updateCreds),
    listen('connection.update', onConnection),
    listen('messages.upsert', onUpsert),
    listen('messages.update', onUpdate),
    listen('call', onCalls),
    listen('message-capping.update', onCap),
  ];
  return () => {
    cancelConclusion();
    detachers.forEach((detach) => detach());
  };
}
