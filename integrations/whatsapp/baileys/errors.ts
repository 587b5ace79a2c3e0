import { DisconnectReason } from '@whiskeysockets/baileys';
import { TransportError } from '../transport.js';
import { restrictionFromSendError } from './restrictions.js';

function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * What a failed Baileys request means to the session host. Baileys rejects with a Boom: 428
 * "Connection Closed" when the socket is not (or no longer) open, 408 "Timed Out" when WhatsApp did
 * not answer a query in time; a rate limit comes back as the IQ error "rate-overlimit".
 */
export function toTransportError(error: unknown, what: string): TransportError {
  if (error instanceof TransportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (restrictionFromSendError(error)) return new TransportError('restricted', `cannot ${what}: WhatsApp limits the account (${message})`);
  const code = statusCodeOf(error);
  if (code === DisconnectReason.connectionClosed) return new TransportError('not_connected', `cannot ${what}: the socket is not open`);
  if (code === DisconnectReason.timedOut) return new TransportError('timeout', `WhatsApp did not answer ${what} in time`);
  return new TransportError('rejected', `cannot ${what}: ${message}`);
}
