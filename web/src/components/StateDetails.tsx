import { Button, Group, Loader, Text } from '@mantine/core';
import { useConnectorAction, type Connector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { useFormatDate } from '../lib/useFormatDate.js';
import { ErrorAlert } from './ErrorAlert.js';

/** The sentence (and the one action, if any) that goes with each connector state. */
export function StateDetails({ connector }: { connector: Connector }) {
  const t = useT();
  const formatDate = useFormatDate();
  const activeUntil = connector.activeUntil === undefined ? undefined : formatDate(connector.activeUntil);

  switch (connector.state) {
    case 'connected':
      // Without an active-until date the badge says it all.
      return activeUntil === undefined ? null : (
        <Text fw={600} c="green.8" data-testid="connected-until">
          {t('status.connectedUntil', { date: activeUntil })}
        </Text>
      );
    case 'reconnecting':
      return (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('status.reconnecting')}</Text>
        </Group>
      );
    case 'qr_timeout':
      return <ActionNotice connectorId={connector.id} action="qr" text={t('status.qrTimeout')} label={t('status.newQr')} />;
    case 'conflict':
      return <ActionNotice connectorId={connector.id} action="reconnect" text={t('status.conflict')} label={t('status.reconnect')} />;
    case 'expired':
      return <Text size="sm">{activeUntil === undefined ? t('status.expiredNoDate') : t('status.expired', { date: activeUntil })}</Text>;
    case 'pairing':
      return null;
  }
}

interface ActionNoticeProps {
  connectorId: string;
  action: 'qr' | 'reconnect';
  text: string;
  label: string;
}

function ActionNotice({ connectorId, action, text, label }: ActionNoticeProps) {
  const run = useConnectorAction(connectorId, action);
  return (
    <>
      <Group gap="sm" justify="space-between">
        <Text size="sm">{text}</Text>
        <Button size="xs" onClick={() => run.mutate()} loading={run.isPending}>
          {label}
        </Button>
      </Group>
      {run.isError && <ErrorAlert error={run.error} onClose={run.reset} />}
    </>
  );
}
