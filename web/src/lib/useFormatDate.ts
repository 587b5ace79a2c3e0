import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats an ISO date in the interface language: `date` (31 December 2026) or `dateTime` (with the time). */
export function useFormatDate(): (iso: string, style?: 'date' | 'dateTime') => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useCallback(
    (iso, style = 'date') =>
      new Intl.DateTimeFormat(language, style === 'date' ? { dateStyle: 'long' } : { dateStyle: 'long', timeStyle: 'short' }).format(
        new Date(iso),
      ),
    [language],
  );
}
