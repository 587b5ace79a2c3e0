import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Messages } from './ru.js';

type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A dotted path to a message, e.g. `state.connected`. */
export type MessageKey = KeysOf<Messages>;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * `t` restricted to the keys that exist. (A project-wide i18next type augmentation would also
 * reach the server code, which shares this tsconfig; this keeps the typing local to web/.)
 */
export function useT(): Translate {
  const { t } = useTranslation();
  return useCallback<Translate>((key, values) => t(key, { ...values }), [t]);
}
