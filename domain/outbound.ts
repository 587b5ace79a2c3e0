import type { ConnectorState } from './connector-state.js';
import type { Lane, MessageStatus } from './message.js';

/** What the outbound workflows and their activities exchange: ids and decisions, never message bodies. */

/** The oldest queued message ids per lane: a page of the backlog, which itself stays in MongoDB. */
export interface QueuePage {
  regular: string[];
  marketing: string[];
  /** The connector was deleted: its queue is failed and the pacer ends. */
  removed: boolean;
}

/** The pacing settings in force, read before each deadline is computed. `0` turns jitter / the cap off. */
export interface PacingIntervals {
  sendMs: number;
  marketingMs: number;
  jitterMs: number;
  dailyCap: number;
}

/** The send workflow's hold on a message: the recipient for search attributes, and when waiting must end. */
export type Claim =
  | { kind: 'claimed'; to: string; lane: Lane; expiresAt: number; followUp?: boolean }
  /** Handled before (cancelled, or a rerun of a send that already finished). */
  | { kind: 'final'; status: MessageStatus };

/** Where a send can go now: the account's state as its ConnectorWorkflow last published it. */
export interface AccountRoute {
  exists: boolean;
  state?: ConnectorState;
  /** The queue of the session host holding the socket. */
  sessionHost?: string;
  restriction?: { reason: string; until?: number };
}

/** One attempt on the session host. `unknown` = WhatsApp may or may not have it; a retry reuses the id. */
export type SendAttempt =
  | { kind: 'sent' }
  | { kind: 'not_on_whatsapp' }
  | { kind: 'not_connected' }
  | { kind: 'restricted' }
  | { kind: 'unknown' }
  | { kind: 'rejected'; detail: string }
  | { kind: 'final'; status: MessageStatus };

/** The pacer's state as its query shows it to ops and tests. */
export interface OutboxView {
  lastSendAt?: number;
  lastMarketingAt?: number;
  sentToday: number;
  /** The message whose send workflow runs now. */
  sending?: string;
  /** Why nothing leaves at the moment, when nothing does. */
  waiting?: 'messages' | 'interval' | 'daily_cap';
  queued: { regular: number; marketing: number };
}
