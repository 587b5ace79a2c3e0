import { readStored, writeStored } from '../lib/storage.js';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How each language names itself in the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };

const STORAGE_KEY = 'olb.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/**
 * `?lang=` in the address wins (a link may ask for a language), then the user's last choice, then the
 * portal's language (`LANG=` in the address of the Bitrix24 placement), then Russian.
 */
export function initialLanguage(): Language {
  const query = new URLSearchParams(window.location.search);
  const requested = query.get('lang');
  if (isLanguage(requested)) return requested;
  const remembered = readStored('local', STORAGE_KEY);
  if (isLanguage(remembered)) return remembered;
  const portal = query.get('LANG');
  return isLanguage(portal) ? portal : 'ru';
}

export function rememberLanguage(language: Language): void {
  writeStored('local', STORAGE_KEY, language);
}
