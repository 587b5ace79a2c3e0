import { Text } from '@mantine/core';
import type { Connector } from '../api/connectors.js';
import { ru } from '../i18n/ru.js';
import { useT } from '../i18n/useT.js';

type KnownError = keyof typeof ru.lastError;
const isKnown = (code: string): code is KnownError => code in ru.lastError;

/**
 * Why the current state was entered, in words where the code is known; not shown while all is well, nor
 * for an expired connector, whose own sentence says why.
 */
export function LastError({ connector }: { connector: Connector }) {
  const t = useT();
  const code = connector.lastError;
  if (code === undefined || connector.state === 'connected' || connector.state === 'expired') return null;
  const reason = isKnown(code) ? t(`lastError.${code}`) : code;
  return (
    <Text size="sm" c="dimmed">
      {t('status.lastError', { reason })}
    </Text>
  );
}
