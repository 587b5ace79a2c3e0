import type { Logger } from '../../lib/logger.js';

/**
 * The one seam between the product and WhatsApp. The session host drives a transport; the Baileys
 * adapter (production) and the simulator transport (sandbox, tests) implement it. Everything that
 * crosses it is plain data in the product's terms: E.164 phones, never JIDs outside the adapter.
 */

/** Why a socket closed, already decided from WhatsApp's close codes by the adapter. */
export type CloseReason =
  /** 401/403: the device was removed (from the phone, or by our logout); stored auth is void. */
  | 'logged_out'
  /** 440: another client opened a socket for the same account. */
  | 'connection_replaced'
  /** 515: expected right after pairing; reconnect at once with the new credentials. */
  | 'restart_required'
  /** 405: WhatsApp refuses our WhatsApp Web version. */
  | 'stale_whatsapp_version'
  /** 408 while pairing: WhatsApp stopped offering QR codes. */
  | 'qr_attempts_ended'
  /** Anything else (408, 428, 500, 503, network): reconnect with backoff. */
  | 'connection_lost';

export interface ContactRef {
  /** E.164, when WhatsApp told us the phone (absent for LID-only senders). */
  phone?: string;
  /** The sender's LID (`…@lid`) when WhatsApp addresses them by it. */
  lid?: string;
  pushName?: string;
}

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface InboundMedia {
  kind: MediaKind;
  mimetype: string;
  fileName?: string;
  /** A voice note (audio with `ptt`). */
  voice?: boolean;
  seconds?: number;
  /** Fetches and decrypts the bytes; only callable inside the session host while the socket lives. */
  download: () => Promise<Buffer>;
}

export interface InboundMessage {
  /** WhatsApp's message id (unique per chat; the product dedupes by connector + id). */
  id: string;
  from: ContactRef;
  /** Typed on the company's own phone (fromMe), not by the client. */
  fromMe: boolean;
  /** ms since epoch. */
  timestamp: number;
  text?: string;
  media?: InboundMedia;
  location?: { lat: number; lng: number; name?: string };
  contact?: { name: string; phone?: string; vcard?: string };
  quotedId?: string;
}

export type CallOutcome = 'missed' | 'rejected' | 'answered';

export type TransportEvent =
  | { type: 'qr'; qr: string; expiresAt: number }
  | { type: 'open'; phone: string; name?: string }
  | { type: 'close'; reason: CloseReason; code?: number; detail?: string }
  | { type: 'message'; message: InboundMessage }
  | { type: 'message_edited'; id: string; from: ContactRef; text: string; timestamp: number }
  | { type: 'message_revoked'; id: string; from: ContactRef; timestamp: number }
  | { type: 'receipt'; id: string; status: 'delivered' | 'read' }
  | { type: 'call'; id: string; from: ContactRef; outcome: CallOutcome; offline: boolean; timestamp: number }
  /** WhatsApp restricts sending (rate-overlimit, reach-out time lock, message capping). */
  | { type: 'restriction'; reason: string; until?: number };

export interface OutboundMedia {
  kind: MediaKind;
  mimetype: string;
  fileName?: string;
  voice?: boolean;
  data: Buffer;
}

export interface OutboundContent {
  text?: string;
  media?: OutboundMedia;
}

/**
 * Persistent auth state of one account. Creds and signal keys are opaque JSON-able values here;
 * the Baileys adapter serialises Buffers with BufferJSON, the store encrypts at rest.
 */
export interface AuthStore {
  readCreds(): Promise<unknown | undefined>;
  writeCreds(creds: unknown): Promise<void>;
  getKeys(type: string, ids: string[]): Promise<Record<string, unknown>>;
  /** `null` deletes a key. */
  setKeys(data: Record<string, Record<string, unknown | null>>): Promise<void>;
  clear(): Promise<void>;
}

export interface WhatsAppTransport {
  /** Opens the socket; events flow to `onEvent` until `close()` or a close event. */
  connect(): Promise<void>;
  /** Pairing by phone number instead of QR; only while not registered. Returns the 8-character code. */
  requestPairingCode(phone: string): Promise<string>;
  /** Whether a phone number has a WhatsApp account. */
  isOnWhatsApp(phone: string): Promise<boolean>;
  /** Sends with a pre-generated message id, so a resend after a crash is recognisable. */
  send(toPhone: string, content: OutboundContent, messageId: string): Promise<void>;
  /** Replaces the text of a message this account sent (WhatsApp allows it for a while after sending). */
  editMessage?(toPhone: string, messageId: string, text: string): Promise<void>;
  /** Deletes a message this account sent, for everyone ("revoke"). */
  deleteMessage?(toPhone: string, messageId: string): Promise<void>;
  /** Advertise the account as online or not ("Show online"). */
  setOnline(online: boolean): Promise<void>;
  /** Removes this device from the account (the phone then shows it gone); closes with `logged_out`. */
  logout(): Promise<void>;
  /** Closes the socket without logging out. */
  close(): Promise<void>;
}

export interface TransportOptions {
  connectorId: string;
  auth: AuthStore;
  showOnline: boolean;
  logger: Logger;
  onEvent: (event: TransportEvent) => void;
}

export type TransportFactory = (options: TransportOptions) => WhatsAppTransport;

export type TransportErrorReason =
  /** The recipient has no WhatsApp account. */
  | 'not_on_whatsapp'
  /** WhatsApp restricts the account's sending (see the `restriction` event). */
  | 'restricted'
  /** The socket is not open (pairing, closed, or it closed before WhatsApp answered). */
  | 'not_connected'
  /** WhatsApp did not answer in time; whether it acted is unknown. */
  | 'timeout'
  /** WhatsApp refused for another reason; the message says which. */
  | 'rejected';

/** A request (send, pairing code, number check, …) that failed; `reason` lets the session host decide what to record. */
export class TransportError extends Error {
  override readonly name = 'TransportError';

  constructor(
    readonly reason: TransportErrorReason,
    message: string = reason,
  ) {
    super(message);
  }
}
