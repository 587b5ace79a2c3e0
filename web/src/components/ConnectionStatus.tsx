import { Group, Stack, Text } from '@mantine/core';
import type { Connector } from '../api/connectors.js';
import type { LiveStatus } from '../api/connectorEvents.js';
import { useT } from '../i18n/useT.js';
import { ActiveUntil } from './ActiveUntil.js';
import { LastError } from './LastError.js';
import { PairingPanel } from './PairingPanel.js';
import { RestrictionAlert } from './RestrictionAlert.js';
import { StateBadge } from './StateBadge.js';
import { StateDetails } from './StateDetails.js';

/**
 * "Connection status": what the account is doing now, kept live by the events stream. Changes are
 * announced politely to screen readers; the QR itself is not (it rotates every ~20 s).
 */
export function ConnectionStatus({ connector, live }: { connector: Connector; live: LiveStatus }) {
  const t = useT();
  return (
    <Stack gap="sm" data-state={connector.state}>
      <Stack gap="xs" aria-live="polite">
        <Group gap="sm">
          <StateBadge state={connector.state} />
          {connector.phone !== undefined && (
            <Text size="sm" c="dimmed">
              {t('status.phone', { phone: connector.phone })}
            </Text>
          )}
        </Group>
        <StateDetails connector={connector} />
        <LastError connector={connector} />
        {connector.restriction && <RestrictionAlert restriction={connector.restriction} />}
      </Stack>
      <ActiveUntil connector={connector} />
      {connector.state === 'pairing' && <PairingPanel connector={connector} />}
      {live === 'retrying' && (
        <Text size="xs" c="dimmed" role="status">
          {t('status.liveRetrying')}
        </Text>
      )}
    </Stack>
  );
}
