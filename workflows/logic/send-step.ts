import type { AccountRoute, SendAttempt } from '../../domain/outbound.js';

/**
 * What a send workflow does next, from the account's route, the message's send deadline (SEND_TTL after
 * acceptance) and how the previous attempt ended. Pure, so the waiting rules are tested without Temporal.
 */

/** How the previous attempt ended; `unreachable` = the host never picked the attempt up (it is gone). */
export type LastAttempt = SendAttempt['kind'] | 'unreachable';

export type SendStep =
  | { kind: 'send'; hostQueue: string }
  | { kind: 'wait'; ms: number; status: 'waiting_connection' | 'restricted' | 'retrying' }
  | { kind: 'fail'; reason: 'connector_removed' | 'send_ttl_expired' };

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;
/** A restriction's end is re-read at least this often: WhatsApp may lift or extend it. */
const MAX_RESTRICTION_WAIT_MS = 5 * 60_000;

export const retryDelayMs = (attempt: number) => Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempt, 10));

export function nextSendStep(route: AccountRoute, now: number, expiresAt: number, attempt: number, last?: LastAttempt): SendStep {
  if (!route.exists) return { kind: 'fail', reason: 'connector_removed' };
  // A restriction pauses without a deadline: the messages go once WhatsApp lets the account send again.
  const until = route.restriction?.until;
  if (until !== undefined && until > now) return { kind: 'wait', ms: Math.min(until - now, MAX_RESTRICTION_WAIT_MS), status: 'restricted' };
  if (last === 'restricted') return { kind: 'wait', ms: retryDelayMs(attempt), status: 'restricted' };
  const connected = route.state === 'connected' && !!route.sessionHost;
  if (!connected || last === 'not_connected' || last === 'unreachable') {
    if (now >= expiresAt) return { kind: 'fail', reason: 'send_ttl_expired' };
    return { kind: 'wait', ms: Math.max(1, Math.min(retryDelayMs(attempt), expiresAt - now)), status: 'waiting_connection' };
  }
  if (last === 'unknown') return { kind: 'wait', ms: retryDelayMs(attempt), status: 'retrying' };
  return { kind: 'send', hostQueue: route.sessionHost! };
}
