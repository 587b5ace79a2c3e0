import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring URLs for media Bitrix24 downloads (`/media/:id?exp=&sig=`). The HMAC key is derived
 * from ENCRYPTION_KEY for this one purpose, so a leaked URL reveals nothing about the key that seals
 * the stored secrets.
 */
function mediaKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'olbridge media url v1', 32));
}

function signature(key: Buffer, id: string, exp: number): string {
  return createHmac('sha256', mediaKey(key)).update(`${id}.${exp}`).digest('base64url');
}

export function signedMediaUrl(publicUrl: string, encryptionKey: Buffer, id: string, ttlMs: number, now = Date.now()): string {
  const exp = Math.floor((now + ttlMs) / 1000);
  return `${publicUrl}/media/${encodeURIComponent(id)}?exp=${exp}&sig=${signature(encryptionKey, id, exp)}`;
}

/** True when `sig` was made by us for this id and `exp` (unix seconds) has not passed. */
export function verifyMediaSignature(encryptionKey: Buffer, id: string, exp: string, sig: string, now = Date.now()): boolean {
  const expSeconds = Number(exp);
  if (!Number.isInteger(expSeconds) || expSeconds * 1000 < now) return false;
  const expected = Buffer.from(signature(encryptionKey, id, expSeconds));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
