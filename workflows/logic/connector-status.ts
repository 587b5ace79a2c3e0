import type { ConnectorStatus } from '../../domain/connector-state.js';
import { LAST_ERRORS, type SessionOutcome, type SessionReport } from '../../domain/session.js';

/**
 * Pure transitions of a connector's status: the workflow feeds them what its session reports and how
 * sessions end, so the rules are unit-tested without Temporal.
 */

export function applyReport(status: ConnectorStatus, report: SessionReport): ConnectorStatus {
  switch (report.kind) {
    case 'started':
      return { ...status, sessionHost: report.hostQueue };
    case 'pairing':
      return { ...status, state: 'pairing', phone: undefined, restriction: undefined };
    case 'connected':
      return { ...status, state: 'connected', phone: report.phone, lastError: undefined };
    case 'reconnecting':
      return { ...status, state: 'reconnecting', lastError: report.lastError ?? LAST_ERRORS.connectionLost };
    case 'restriction':
      return { ...status, restriction: { reason: report.reason, until: report.until } };
    case 'restriction_lifted':
      return { ...status, restriction: undefined };
  }
}

/** The status after a session ended by itself, and whether the portal's admins must be told. */
export function applyOutcome(status: ConnectorStatus, outcome: SessionOutcome): { status: ConnectorStatus; attention?: string } {
  const ended = { ...status, sessionHost: undefined, restriction: undefined };
  switch (outcome.kind) {
    case 'logged_out':
      return { status: { ...ended, state: 'pairing', phone: undefined, lastError: LAST_ERRORS.loggedOutFromPhone }, attention: LAST_ERRORS.loggedOutFromPhone };
    case 'conflict':
      return { status: { ...ended, state: 'conflict', lastError: LAST_ERRORS.connectionReplaced }, attention: LAST_ERRORS.connectionReplaced };
    case 'qr_timeout':
      return { status: { ...ended, state: 'qr_timeout', lastError: LAST_ERRORS.qrAttemptsEnded } };
  }
}

/** Milliseconds until the active-until date; undefined when there is none, 0 when it has passed. */
export function msUntilExpiry(activeUntil: string | undefined, now: number): number | undefined {
  if (!activeUntil) return undefined;
  return Math.max(0, Date.parse(activeUntil) - now);
}

export function isExpired(activeUntil: string | undefined, now: number): boolean {
  return msUntilExpiry(activeUntil, now) === 0;
}

/** Errors an admin must act on; reported once when the connector enters them. */
const ATTENTION_ERRORS: ReadonlySet<string> = new Set([LAST_ERRORS.staleWhatsAppVersion]);

/** Whether a report moved the connector into an error the portal's admins must hear about. */
export function needsAttention(before: ConnectorStatus, after: ConnectorStatus): boolean {
  return !!after.lastError && after.lastError !== before.lastError && ATTENTION_ERRORS.has(after.lastError);
}

/** States in which no session runs: the connector waits for a command (or removal). */
export function isIdle(status: ConnectorStatus): boolean {
  return status.state === 'expired' || status.state === 'conflict' || status.state === 'qr_timeout';
}

export type ConnectorCommand = 'disconnect' | 'reconnect' | 'new_qr' | 'refresh_expiry';

/**
 * What a command does to an idle connector: whether the stored pairing must be wiped, and the state
 * the next session starts from (an idle state means "stay idle").
 */
export function afterIdleCommand(status: ConnectorStatus, command: ConnectorCommand | undefined, now: number): { status: ConnectorStatus; clearAuth: boolean } {
  const clearAuth = command === 'disconnect';
  if (status.state === 'expired') {
    if (isExpired(status.activeUntil, now)) return { status: clearAuth ? { ...status, phone: undefined } : status, clearAuth };
    return { status: { ...status, state: clearAuth ? 'pairing' : 'reconnecting', lastError: undefined, ...(clearAuth && { phone: undefined }) }, clearAuth };
  }
  if (clearAuth || (command === 'new_qr' && status.state === 'qr_timeout')) {
    return { status: { ...status, state: 'pairing', lastError: undefined, phone: undefined }, clearAuth };
  }
  if (command === 'reconnect' && status.state === 'conflict') return { status: { ...status, state: 'reconnecting', lastError: undefined }, clearAuth };
  return { status, clearAuth };
}
