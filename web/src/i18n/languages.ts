import { readStored, writeStored } from '../lib/storage.js';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How each language names itself in the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };

const STORAGE_KEY = 'olb.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** `?lang=` in the address wins (a link may ask for a language), then the user's last choice, then Russian. */
export function initialLanguage(): Language {
  const requested = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(requested)) return requested;
  const remembered = readStored('local', STORAGE_KEY);
  return isLanguage(remembered) ? remembered : 'ru';
}

export function rememberLanguage(language: Language): void {
  writeStored('local', STORAGE_KEY, language);
}
