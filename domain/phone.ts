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
