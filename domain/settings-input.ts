import { normalizePhone } from './phone.js';
import { settingsSchema, type ConnectorSettings } from './settings.js';

export type SettingsResult = { ok: true; settings: ConnectorSettings } | { ok: false; fields: Record<string, string> };

/**
 * Validates a settings document as typed by an admin and normalizes its phone numbers to E.164
 * (duplicates after normalization collapse). Every problem is reported by field path, nothing is half-applied.
 */
export function parseSettingsInput(input: unknown, region: string): SettingsResult {
  const parsed = settingsSchema.safeParse(input);
  const fields: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '(body)'] ??= issue.message;
    return { ok: false, fields };
  }
  const numbers = new Set<string>();
  parsed.data.ignoredNumbers.forEach((typed, index) => {
    const phone = normalizePhone(typed, region);
    if (phone.ok) numbers.add(phone.e164);
    else fields[`ignoredNumbers.${index}`] = phone.error;
  });
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, settings: { ...parsed.data, ignoredNumbers: [...numbers] } };
}
