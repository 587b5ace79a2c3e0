import { Badge, type MantineColor } from '@mantine/core';
import type { ConnectorState } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';

const STATE_COLORS: Record<ConnectorState, MantineColor> = {
  pairing: 'blue',
  qr_timeout: 'orange',
  connected: 'green',
  reconnecting: 'yellow',
  conflict: 'red',
  expired: 'gray',
};

export function StateBadge({ state }: { state: ConnectorState }) {
  const t = useT();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" tt="none" size="lg">
      {t(`state.${state}`)}
    </Badge>
  );
}
