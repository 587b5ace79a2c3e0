import { generateMessageIDV2 } from '@whiskeysockets/baileys';
import { jidFromPhone } from './jid.js';

/**
 * A message id in the shape WhatsApp Web generates (what `sendMessage` would pick itself), made before
 * the send so a resend after a crash carries the same id. Needs no socket; the account's own phone,
 * when known, goes into the hash as WhatsApp Web puts it there.
 */
export function newWhatsAppMessageId(accountPhone?: string): string {
  return generateMessageIDV2(accountPhone ? jidFromPhone(accountPhone) : undefined);
}
