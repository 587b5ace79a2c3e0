import { DisconnectReason } from '@whiskeysockets/baileys';
import type { CloseReason } from '../transport.js';

export interface CloseDecision {
  reason: CloseReason;
  code?: number;
  detail?: string;
}

/** 419 is not in DisconnectReason, but Baileys counts it among its UNAUTHORIZED_CODES. */
const LOGGED_OUT_CODES = new Set<number>([DisconnectReason.loggedOut, DisconnectReason.forbidden, 419]);
const STALE_VERSION_CODE = 405;
/**
 * 408 also closes a socket whose network failed (even while pairing), so only Baileys' own words
 * tell that the QR codes ran out.
 */
const QR_ATTEMPTS_ENDED = 'QR refs attempts ended';

/** Baileys closes with a Boom; its status code sits at `output.statusCode`. */
function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

function reasonFor(code: number | undefined, detail: string | undefined): CloseReason {
  if (code === undefined) return 'connection_lost';
  if (LOGGED_OUT_CODES.has(code)) return 'logged_out';
  if (code === DisconnectReason.connectionReplaced) return 'connection_replaced';
  if (code === DisconnectReason.restartRequired) return 'restart_required';
  if (code === STALE_VERSION_CODE) return 'stale_whatsapp_version';
  if (code === DisconnectReason.timedOut && detail === QR_ATTEMPTS_ENDED) return 'qr_attempts_ended';
  return 'connection_lost';
}

/** Decides what a `connection.update` close means, from `lastDisconnect.error`. */
export function decideClose(error: unknown): CloseDecision {
  const code = statusCodeOf(error);
  const detail = error instanceof Error ? error.message : undefined;
  return { reason: reasonFor(code, detail), ...(code !== undefined && { code }), ...(detail && { detail }) };
}
