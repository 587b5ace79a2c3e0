import { isHostedLidUser, isHostedPnUser, isLidUser, isPnUser, jidDecode, jidNormalizedUser, type WACallEvent, type WAMessageKey } from '@whiskeysockets/baileys';
import type { ContactRef } from '../transport.js';

/**
 * JIDs never leave the adapter: the product speaks E.164 phones and, for contacts WhatsApp only
 * addresses by LID, the LID string. Groups, status broadcasts and newsletters are not Open Line chats.
 */

const E164_DIGITS = /^[1-9]\d{6,14}$/;

/** `4915112345678:12@s.whatsapp.net` → `+4915112345678`; undefined for anything that is not a phone JID. */
export function phoneFromJid(jid: string | null | undefined): string | undefined {
  if (!jid) return undefined;
  const normalized = jidNormalizedUser(jid);
  if (!isPnUser(normalized) && !isHostedPnUser(normalized)) return undefined;
  const user = jidDecode(normalized)?.user;
  return user && E164_DIGITS.test(user) ? `+${user}` : undefined;
}

/** `123456789:3@lid` → `123456789@lid` (the device suffix is not part of a contact's identity). */
export function lidFromJid(jid: string | null | undefined): string | undefined {
  if (!jid) return undefined;
  const normalized = jidNormalizedUser(jid);
  return isLidUser(normalized) || isHostedLidUser(normalized) ? normalized : undefined;
}

/** `+4915112345678` → `4915112345678`, the form WhatsApp's pairing and JIDs take. */
export function phoneDigits(e164: string): string {
  const digits = e164.startsWith('+') ? e164.slice(1) : '';
  if (!E164_DIGITS.test(digits)) throw new Error(`${e164} is not an E.164 phone number`);
  return digits;
}

export function jidFromPhone(e164: string): string {
  return `${phoneDigits(e164)}@s.whatsapp.net`;
}

/** One-to-one chats with a person, whichever way WhatsApp addresses them; everything else is ignored. */
export function isPersonalChat(jid: string | null | undefined): jid is string {
  return phoneFromJid(jid) !== undefined || lidFromJid(jid) !== undefined;
}

function contactRef(jid: string | null | undefined, altJid: string | null | undefined, pushName?: string | null): ContactRef {
  const phone = phoneFromJid(jid) ?? phoneFromJid(altJid);
  const lid = lidFromJid(jid) ?? lidFromJid(altJid);
  return { ...(phone && { phone }), ...(lid && { lid }), ...(pushName && { pushName }) };
}

/**
 * The client of a one-to-one chat. Baileys 7 puts the chat's other identity (the phone when the chat is
 * LID-addressed, or the LID when it is phone-addressed) into `remoteJidAlt`; `participant` only matters
 * in groups, which never get here. On our own messages the push name is ours, not the client's.
 */
export function contactFromKey(key: WAMessageKey, pushName?: string | null): ContactRef {
  return contactRef(key.remoteJid, key.remoteJidAlt, key.fromMe ? undefined : pushName);
}

/** A call's caller: `from` may be a LID, then `callerPn` carries the phone when WhatsApp sent it. */
export function contactFromCall(call: Pick<WACallEvent, 'from' | 'callerPn'>): ContactRef {
  return contactRef(call.from, call.callerPn);
}
