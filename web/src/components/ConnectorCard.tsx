import { Box, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Connector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { ConnectorName } from './ConnectorName.js';
import { StateBadge } from './StateBadge.js';

/** One connector in the list: name, state, number and active-until date. */
export function ConnectorCard({ connector }: { connector: Connector }) {
  const t = useT();
  const { i18n } = useTranslation();
  const activeUntil =
    connector.activeUntil === undefined
      ? undefined
      : new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long' }).format(new Date(connector.activeUntil));

  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Box style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <ConnectorName connector={connector} />
        </Box>
        <StateBadge state={connector.state} />
      </Group>
      {(connector.phone !== undefined || activeUntil !== undefined) && (
        <Group gap="md" mt="xs">
          {connector.phone !== undefined && (
            <Text size="sm" c="dimmed">
              {t('connectors.phone', { phone: connector.phone })}
            </Text>
          )}
          {activeUntil !== undefined && (
            <Text size="sm" c="dimmed">
              {t('connectors.activeUntil', { date: activeUntil })}
            </Text>
          )}
        </Group>
      )}
    </Paper>
  );
}
