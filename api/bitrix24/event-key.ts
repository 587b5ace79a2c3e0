import { createHash } from 'node:crypto';
import type { FormBody } from './trust.js';

/**
 * Bitrix24 events carry no id of their own. A repeated delivery of the same event has the same name
 * and `data`, while `ts` and the tokens in `auth` may differ; so the dedupe key is a digest of the
 * portal, the event and its data.
 */
export function eventKey(memberId: string, event: string, data: unknown): string {
  return createHash('sha256').update(JSON.stringify([memberId, event, canonical(data)])).digest('base64url');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as FormBody)
        .sort()
        .map((key) => [key, canonical((value as FormBody)[key])]),
    );
  }
  return value;
}
