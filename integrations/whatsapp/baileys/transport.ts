import { downloadMediaMessage, type WAMessage, type WAMessageKey, type WASocket } from '@whiskeysockets/baileys';
import type { Logger } from '../../../lib/logger.js';
import { TransportError, type TransportEvent, type TransportFactory, type TransportOptions, type WhatsAppTransport } from '../transport.js';
import { isPaired, loadBaileysAuth, type BaileysAuth } from './auth-state.js';
import { createCallTracker, type CallTracker } from './calls.js';
import { toTransportError } from './errors.js';
import { bindTransportEvents } from './events.js';
import { jidFromPhone, phoneDigits } from './jid.js';
import { createKnownRecipients, type KnownRecipients } from './known-recipients.js';
import { toBaileysContent } from './outbound-content.js';
import { restrictionFromMessageCap, restrictionFromSendError } from './restrictions.js';
import { createSentMessages, type SentMessages } from './sent-messages.js';
import { openSocket } from './socket.js';

interface Session {
  sock: WASocket;
  auth: BaileysAuth;
  detach: () => void;
  /** Set by `close()`: the socket ends quietly, its close is not reported. */
  stopped: boolean;
  /** Resolves once the socket's close has been handled (reported, or swallowed when stopped). */
  closed: Promise<void>;
}

function mediaDownloader(sock: WASocket, logger: Logger) {
  return (message: WAMessage) => downloadMediaMessage(message, 'buffer', {}, { logger, reuploadRequest: sock.updateMediaMessage });
}

/**
 * The account's standing right after connecting: the time lock arrives as a `connection.update`,
 * which the event binding reports; the message cap is only an answer, so it is reported here.
 */
function checkRestrictions(sock: WASocket, deliver: (event: TransportEvent) => void, logger: Logger): void {
  sock.fetchAccountReachoutTimelock().catch((err: unknown) => logger.warn({ err }, 'could not fetch the reach-out time lock'));
  sock
    .fetchNewChatMessageCap()
    .then((info) => {
      const restriction = restrictionFromMessageCap(info);
      if (restriction) deliver(restriction);
    })
    .catch((err: unknown) => logger.warn({ err }, 'could not fetch the new-chat message cap'));
}

async function onWhatsApp(sock: WASocket, phone: string): Promise<boolean> {
  const results = await sock.onWhatsApp(jidFromPhone(phone));
  return results?.some((result) => result.exists) ?? false;
}

/** State that outlives a socket: calls end across reconnects, recipients stay known, sends stay re-sendable. */
interface TransportMemory {
  calls: CallTracker;
  recipients: KnownRecipients;
  sent: SentMessages;
}

/** A failing lookup must not break Baileys' receipt handling; the recipient then asks again. */
function retryContent(sent: SentMessages, logger: Logger) {
  return (key: WAMessageKey) =>
    sent.contentFor(key).catch((err: unknown) => {
      logger.warn({ err, messageId: key.id }, 'could not look up a sent message for a retry receipt');
      return undefined;
    });
}

/** The send itself succeeded; a failure to keep its content only costs a later re-send. */
async function keepSent(sent: SentMessages, message: WAMessage | undefined, logger: Logger): Promise<void> {
  await sent.remember(message).catch((err: unknown) => logger.warn({ err, messageId: message?.key.id }, 'could not keep a sent message for retry receipts'));
}

async function startSession(options: TransportOptions, memory: TransportMemory, logger: Logger, onEnded: (session: Session) => void): Promise<Session> {
  const auth = await loadBaileysAuth(options.auth, logger);
  await memory.sent.prune().catch((err: unknown) => logger.warn({ err }, 'could not prune the kept sent messages'));
  const sock = await openSocket({ auth: auth.state, showOnline: options.showOnline, getMessage: retryContent(memory.sent, logger), logger });
  let markClosed!: () => void;
  const session: Session = { sock, auth, detach: () => {}, stopped: false, closed: new Promise((resolve) => (markClosed = resolve)) };
  const deliver = (event: TransportEvent) => {
    try {
      if (event.type === 'message' && event.message.from.phone) memory.recipients.add(event.message.from.phone);
      if (!session.stopped) options.onEvent(event);
    } finally {
      if (event.type === 'close') markClosed();
    }
  };
  session.detach = bindTransportEvents({
    ev: sock.ev,
    auth,
    calls: memory.calls,
    download: mediaDownloader(sock, logger),
    onEvent: deliver,
    logger,
    beforeClose: async ({ reason }) => {
      onEnded(session);
      session.detach();
      if (reason === 'logged_out' && !session.stopped) await options.auth.clear();
    },
    afterOpen: () => checkRestrictions(sock, deliver, logger),
  });
  return session;
}

export interface BaileysTransportDeps {
  /** Seals the content of kept sends (sent-messages.ts), as it seals the auth state. */
  encryptionKey: Buffer;
}

/**
 * The production transport: one Baileys socket at a time. After a close event, `connect()` opens a
 * fresh socket from the stored auth state; after `logged_out` that state is already wiped, so the
 * next socket offers QR codes.
 */
function baileysTransport(options: TransportOptions, deps: BaileysTransportDeps): WhatsAppTransport {
  const logger = options.logger.child({ connectorId: options.connectorId });
  const memory: TransportMemory = {
    calls: createCallTracker(),
    recipients: createKnownRecipients(),
    sent: createSentMessages(options.connectorId, deps.encryptionKey),
  };
  let session: Session | undefined;
  let starting = false;

  const onEnded = (ended: Session) => {
    if (session === ended) session = undefined;
  };

  /** Runs a request on the live socket, its failure told in TransportError terms (a rate limit also as an event). */
  async function request<T>(what: string, run: (current: Session) => Promise<T>): Promise<T> {
    if (!session) throw new TransportError('not_connected', `cannot ${what}: the socket is not open`);
    try {
      return await run(session);
    } catch (err) {
      const restriction = restrictionFromSendError(err);
      if (restriction) options.onEvent(restriction);
      throw toTransportError(err, what);
    }
  }

  async function confirmRecipient(sock: WASocket, phone: string): Promise<void> {
    if (memory.recipients.has(phone)) return;
    if (!(await onWhatsApp(sock, phone))) throw new TransportError('not_on_whatsapp', `${phone} is not on WhatsApp`);
    memory.recipients.add(phone);
  }

  async function stop(current: Session): Promise<void> {
    current.stopped = true;
    onEnded(current);
    await current.sock.end(undefined);
    await current.auth.settled();
    current.detach();
  }

  return {
    async connect() {
      // Two sockets on one account knock each other out (440).
      if (session || starting) throw new Error('the WhatsApp socket is already connected');
      starting = true;
      try {
        session = await startSession(options, memory, logger, onEnded);
      } finally {
        starting = false;
      }
    },
    requestPairingCode: (phone) =>
      request('request a pairing code', async ({ sock, auth }) => {
        if (isPaired(auth.state.creds)) throw new TransportError('rejected', 'the account is already paired');
        return sock.requestPairingCode(phoneDigits(phone));
      }),
    isOnWhatsApp: (phone) => request('check the number', ({ sock }) => onWhatsApp(sock, phone)),
    // Baileys sends to any number without asking whether it has WhatsApp; asking before the first
    // message to a number lets the session host hear `not_on_whatsapp` instead of waiting for a receipt.
    send: (toPhone, content, messageId) =>
      request('send', async ({ sock }) => {
        const message = toBaileysContent(content);
        await confirmRecipient(sock, toPhone);
        const sent = await sock.sendMessage(jidFromPhone(toPhone), message, { messageId });
        // Text is rebuilt from the stored message when asked for; media holds upload keys made here.
        if (content.media) await keepSent(memory.sent, sent, logger);
      }),
    // Both address our own message by its key; WhatsApp applies a repeated edit or deletion once.
    editMessage: (toPhone, messageId, text) =>
      request('edit', async ({ sock }) => {
        const jid = jidFromPhone(toPhone);
        await keepSent(memory.sent, await sock.sendMessage(jid, { text, edit: { remoteJid: jid, fromMe: true, id: messageId } }), logger);
      }),
    deleteMessage: (toPhone, messageId) =>
      request('delete', async ({ sock }) => {
        const jid = jidFromPhone(toPhone);
        await keepSent(memory.sent, await sock.sendMessage(jid, { delete: { remoteJid: jid, fromMe: true, id: messageId } }), logger);
      }),
    setOnline: (online) => request('set the presence', ({ sock }) => sock.sendPresenceUpdate(online ? 'available' : 'unavailable')),
    async logout() {
      const current = session;
      if (current) {
        try {
          await current.sock.logout();
          await current.closed;
          return;
        } catch (err) {
          logger.warn({ err }, 'could not remove the device from WhatsApp; forgetting it here only');
          await stop(current);
        }
      }
      await options.auth.clear();
      options.onEvent({ type: 'close', reason: 'logged_out' });
    },
    async close() {
      if (session) await stop(session);
    },
  };
}

export function createBaileysTransport(deps: BaileysTransportDeps): TransportFactory {
  return (options) => baileysTransport(options, deps);
}
