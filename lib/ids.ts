import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Short lowercase ids: they appear in workflow ids, URLs and Bitrix24 SMS sender codes (`wa_<id>`),
 * which Bitrix24 wants lowercase.
 */
export function newId(length = 12): string {
  return Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
