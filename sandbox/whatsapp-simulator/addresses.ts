import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { normalizePhone } from '../../domain/phone.js';

/** Who wrote: the phone (unless hidden) and the LID WhatsApp also knows them by, as Baileys 7 reports both. */
export interface ContactAddress {
  phone?: string;
  lid?: string;
  pushName?: string;
}

/**
 * A LID derived from the phone, so it is stable across messages and restarts like a real one and a
 * client seen first by LID can later be matched to the same phone. 15 digits, as WhatsApp's are.
 */
export function lidFor(phone: string): string {
  const digest = createHash('sha256').update(phone).digest();
  const digits = 10n ** 14n + (digest.readBigUInt64BE(0) % (9n * 10n ** 14n));
  return `${digits}@lid`;
}

export function contactAddress(phone: string, options: { lidOnly?: boolean; pushName?: string } = {}): ContactAddress {
  const address: ContactAddress = { lid: lidFor(phone) };
  if (!options.lidOnly) address.phone = phone;
  if (options.pushName) address.pushName = options.pushName;
  return address;
}

/** A message id in the shape phones generate (`3A` + hex), so it never collides with the product's ids. */
export const phoneMessageId = (): string => `3A${randomBytes(9).toString('hex').toUpperCase()}`;

/** E.164 or undefined; the simulator takes numbers in any common shape, as the product does. */
export function toE164(input: string, region: string): string | undefined {
  const result = normalizePhone(input, region);
  return result.ok ? result.e164 : undefined;
}

/** A phone field of the control API: normalized to E.164, or a 422 naming the field. */
export function phoneField(region: string) {
  return z.string().transform((input, ctx) => {
    const result = normalizePhone(input, region);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });
}
