import { Box, Group, Loader, Text } from '@mantine/core';
import { useConnectors } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { ConnectorCard } from './ConnectorCard.js';
import { ErrorAlert } from './ErrorAlert.js';

export function ConnectorList() {
  const t = useT();
  const connectors = useConnectors();

  if (connectors.isPending) {
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text size="sm">{t('connectors.loading')}</Text>
      </Group>
    );
  }

  return (
    <>
      {connectors.isError && <ErrorAlert error={connectors.error} onRetry={() => void connectors.refetch()} />}
      {connectors.data?.length === 0 && <Text c="dimmed">{t('connectors.empty')}</Text>}
      {connectors.data !== undefined && connectors.data.length > 0 && (
        <Box
          component="ul"
          m={0}
          p={0}
          style={{ listStyle: 'none', display: 'grid', gap: 'var(--mantine-spacing-sm)' }}
        >
          {connectors.data.map((connector) => (
            <ConnectorCard key={connector.id} connector={connector} />
          ))}
        </Box>
      )}
    </>
  );
}
