import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { ok: true; e164: string } | { ok: false; error: string };

/** Normalizes a number typed in any common shape to E.164; numbers without a country code use `region`. */
export function normalizePhone(input: string, region: string): PhoneResult {
  try {
    const phone = parsePhoneNumberWithError(input.trim(), region as CountryCode);
    if (!phone.isValid()) return { ok: false, error: `${input} is not a valid phone number` };
    return { ok: true, e164: phone.number };
  } catch {
    return { ok: false, error: `${input} is not a phone number` };
  }
}

/** The shapes CRM may hold a number in (reference §7: `+7900…`, `7900…`, and a Russian `8900…`). */
export function phoneVariants(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  return [...new Set([`+${digits}`, digits, ...(e164.startsWith('+7') ? [`8${digits.slice(1)}`] : [])])];
}
