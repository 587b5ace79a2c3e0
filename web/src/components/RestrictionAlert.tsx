import { Alert, Text } from '@mantine/core';
import type { Restriction } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { useFormatDate } from '../lib/useFormatDate.js';

/** WhatsApp restricts the account for a while; sending is paused until then. */
export function RestrictionAlert({ restriction }: { restriction: Restriction }) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <Alert color="yellow" data-testid="restriction">
      <Text size="sm">
        {restriction.until === undefined
          ? t('status.restrictionNoDate')
          : t('status.restriction', { date: formatDate(restriction.until, 'dateTime') })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('status.restrictionReason', { reason: restriction.reason })}
      </Text>
    </Alert>
  );
}
