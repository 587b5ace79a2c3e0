import { Box, Group, Paper, Text } from '@mantine/core';
import type { Connector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { useFormatDate } from '../lib/useFormatDate.js';
import { AppLink } from './AppLink.js';
import { ConnectorName } from './ConnectorName.js';
import { StateBadge } from './StateBadge.js';

/** One connector in the list: name, state, number, active-until date and the way to its settings. */
export function ConnectorCard({ connector }: { connector: Connector }) {
  const t = useT();
  const formatDate = useFormatDate();

  return (
    <Paper component="li" withBorder p="md" radius="md" data-connector={connector.id}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Box style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <ConnectorName connector={connector} />
        </Box>
        <StateBadge state={connector.state} />
      </Group>
      <Group gap="md" mt="xs">
        <AppLink
          to={{ name: 'connector', id: connector.id }}
          size="sm"
          fw={600}
          aria-label={t('connectors.openSettingsOf', { name: connector.name })}
        >
          {t('connectors.openSettings')}
        </AppLink>
        {connector.phone !== undefined && (
          <Text size="sm" c="dimmed">
            {t('connectors.phone', { phone: connector.phone })}
          </Text>
        )}
        {connector.activeUntil !== undefined && (
          <Text size="sm" c="dimmed">
            {t('connectors.activeUntil', { date: formatDate(connector.activeUntil) })}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
