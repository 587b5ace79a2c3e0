import type { Lane } from '../../domain/message.js';
import type { PacingIntervals } from '../../domain/outbound.js';

/**
 * The pacer's decisions as pure functions of plain data, so the rules hold for 10-minute intervals in
 * unit tests that wait for nothing. Times are ms since epoch.
 */

/** Carried across continue-as-new: plain JSON. */
export interface PacingState {
  /** When the account's last send left (the send workflow's completion, never earlier than the transport). */
  lastSendAt?: number;
  lastMarketingAt?: number;
  /** UTC day (YYYY-MM-DD) that `sentToday` counts. */
  day?: string;
  sentToday: number;
  /** The random extra delay drawn for the next send (0 without jitter). */
  jitterMs: number;
}

export type Release =
  | { kind: 'idle' }
  | { kind: 'wait'; until: number; reason: 'interval' | 'daily_cap' }
  | { kind: 'send'; lane: Lane };

export const initialPacing = (): PacingState => ({ sentToday: 0, jitterMs: 0 });

/**
 * The earliest moment a message of `lane` may leave: `sendMs` after the account's last send, and for
 * marketing also `marketingMs` after the last marketing send. Computed from the intervals in force now,
 * so a changed interval applies to the very next send.
 */
export function earliestSend(state: PacingState, intervals: PacingIntervals, lane: Lane): number {
  // Jitter drawn under an older setting never exceeds the one in force.
  const jitter = Math.min(state.jitterMs, intervals.jitterMs);
  const account = state.lastSendAt === undefined ? -Infinity : state.lastSendAt + intervals.sendMs + jitter;
  if (lane === 'regular') return account;
  const marketing = state.lastMarketingAt === undefined ? -Infinity : state.lastMarketingAt + intervals.marketingMs + jitter;
  return Math.max(account, marketing);
}

/** What the pacer does now. A waiting regular message always goes before marketing. */
export function nextRelease(state: PacingState, intervals: PacingIntervals, waiting: Record<Lane, boolean>, now: number): Release {
  if (!waiting.regular && !waiting.marketing) return { kind: 'idle' };
  if (intervals.dailyCap > 0 && sentOn(state, utcDay(now)) >= intervals.dailyCap) return { kind: 'wait', until: nextUtcMidnight(now), reason: 'daily_cap' };
  const lane: Lane = waiting.regular ? 'regular' : 'marketing';
  const at = earliestSend(state, intervals, lane);
  return at <= now ? { kind: 'send', lane } : { kind: 'wait', until: at, reason: 'interval' };
}

/** The state after a send of `lane` left at `at`; `random` ∈ [0, 1) draws the next send's jitter. */
export function afterSend(state: PacingState, intervals: PacingIntervals, lane: Lane, at: number, random: number): PacingState {
  const day = utcDay(at);
  return {
    lastSendAt: at,
    lastMarketingAt: lane === 'marketing' ? at : state.lastMarketingAt,
    day,
    sentToday: sentOn(state, day) + 1,
    jitterMs: Math.floor(random * (intervals.jitterMs + 1)),
  };
}

function sentOn(state: PacingState, day: string): number {
  return state.day === day ? state.sentToday : 0;
}

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function nextUtcMidnight(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}
