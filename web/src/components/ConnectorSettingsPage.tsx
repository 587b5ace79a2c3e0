import { Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useConnectorEvents } from '../api/connectorEvents.js';
import { useConnector } from '../api/connectors.js';
import { useSettings } from '../api/settings.js';
import { useT } from '../i18n/useT.js';
import { AutorespondersSection } from './AutorespondersSection.js';
import { BackLink } from './BackLink.js';
import { BotSection } from './BotSection.js';
import { ChatsSection } from './ChatsSection.js';
import { ComingSoonSection } from './ComingSoonSection.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { ConnectorLine } from './ConnectorLine.js';
import { ConnectorName } from './ConnectorName.js';
import { DisconnectSection } from './DisconnectSection.js';
import { ErrorAlert } from './ErrorAlert.js';
import { IgnoredNumbersSection } from './IgnoredNumbersSection.js';
import { IntervalsSection } from './IntervalsSection.js';
import { SettingsSection } from './SettingsSection.js';

function Loading({ label }: { label: string }) {
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text size="sm">{label}</Text>
    </Group>
  );
}

/** The connector settings window, its sections in the order of the product page. */
export function ConnectorSettingsPage({ id, showBack }: { id: string; showBack: boolean }) {
  const t = useT();
  const connector = useConnector(id);
  const settings = useSettings(id);
  const live = useConnectorEvents(id);

  return (
    <Stack gap="md">
      {showBack && <BackLink />}
      <Title order={2} size="h3">
        {t('settings.pageTitle')}
      </Title>
      {connector.isError && <ErrorAlert error={connector.error} onRetry={() => void connector.refetch()} />}
      {connector.isPending && <Loading label={t('settings.loading')} />}
      {connector.data && (
        <>
          <SettingsSection name="name" title={t('settings.name')}>
            <ConnectorName connector={connector.data} />
          </SettingsSection>
          <SettingsSection name="status" title={t('settings.status')}>
            <ConnectionStatus connector={connector.data} live={live} />
          </SettingsSection>
          <SettingsSection name="line" title={t('settings.line')}>
            <ConnectorLine connector={connector.data} />
          </SettingsSection>
        </>
      )}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isPending && !connector.isPending && <Loading label={t('settings.loading')} />}
      {settings.data && (
        <>
          <ChatsSection connectorId={id} settings={settings.data} />
          <IntervalsSection connectorId={id} settings={settings.data} />
          <IgnoredNumbersSection connectorId={id} settings={settings.data} />
          <AutorespondersSection connectorId={id} settings={settings.data} />
          <BotSection connectorId={id} settings={settings.data} />
        </>
      )}
      <ComingSoonSection name="widget" title={t('settings.widget')} />
      <ComingSoonSection name="access" title={t('settings.access')} />
      <ComingSoonSection name="webhook" title={t('settings.webhook')} />
      {connector.data && <DisconnectSection connector={connector.data} />}
    </Stack>
  );
}
