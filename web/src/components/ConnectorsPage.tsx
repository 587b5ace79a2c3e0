import { Stack, Title } from '@mantine/core';
import { useT } from '../i18n/useT.js';
import { ConnectorList } from './ConnectorList.js';
import { CreateConnectorForm } from './CreateConnectorForm.js';

export function ConnectorsPage() {
  const t = useT();
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('connectors.title')}
      </Title>
      <CreateConnectorForm />
      <ConnectorList />
    </Stack>
  );
}
