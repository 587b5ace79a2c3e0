import { pino, type Logger } from 'pino';

export type { Logger };

/** Secrets and message content never reach the logs, whatever a caller passes in. */
const REDACT = [
  '*.accessToken',
  '*.refreshToken',
  '*.applicationToken',
  '*.adminApiToken',
  '*.encryptionKey',
  '*.authorization',
  'req.headers.authorization',
  '*.text',
  '*.body',
];

export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } });
}
