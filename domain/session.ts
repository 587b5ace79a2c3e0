/**
 * What a WhatsApp session (held by a session host) tells its ConnectorWorkflow. Reports carry the
 * session's epoch, so a report from a session the workflow already replaced is ignored.
 */
export type SessionReport =
  | { kind: 'started'; epoch: number; hostQueue: string }
  | { kind: 'pairing'; epoch: number }
  | { kind: 'connected'; epoch: number; phone: string; name?: string }
  | { kind: 'reconnecting'; epoch: number; lastError?: string }
  | { kind: 'restriction'; epoch: number; reason: string; until?: string }
  | { kind: 'restriction_lifted'; epoch: number };

/** Why a session ended by itself (cancellation aside): each needs the workflow to decide what next. */
export type SessionOutcome =
  /** The device was removed: from the phone, or by our own logout. Auth state is already wiped. */
  | { kind: 'logged_out' }
  /** Another client took the account over (440). */
  | { kind: 'conflict' }
  /** WhatsApp stopped offering QR codes. */
  | { kind: 'qr_timeout' };

/** Reasons recorded in `lastError` and for the admins' attention. */
export const LAST_ERRORS = {
  loggedOutFromPhone: 'logged_out_from_phone',
  connectionReplaced: 'connection_replaced',
  staleWhatsAppVersion: 'stale_whatsapp_version',
  qrAttemptsEnded: 'qr_attempts_ended',
  connectionLost: 'connection_lost',
  expired: 'expired',
} as const;

/** A report as the session produces it; the host stamps the epoch on. */
export type SessionReportBody = SessionReport extends infer R ? (R extends SessionReport ? Omit<R, 'epoch'> : never) : never;
