import { Alert, Stack, Title } from '@mantine/core';
import { useT } from '../i18n/useT.js';
import { navigate } from '../lib/route.js';
import { ConnectorList } from './ConnectorList.js';
import { CreateConnectorForm } from './CreateConnectorForm.js';

/**
 * The connector list with the create form. Opened by the Bitrix24 placement for an open line without
 * a connector (`placementLineId`), it says so, preselects that line and goes to the new connector.
 */
export function ConnectorsPage({ placementLineId }: { placementLineId?: number }) {
  const t = useT();
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('connectors.title')}
      </Title>
      {placementLineId !== undefined && (
        <Alert color="blue" role="status">
          {t('placement.newOnLine')}
        </Alert>
      )}
      <CreateConnectorForm
        initialLineId={placementLineId}
        onCreated={
          placementLineId === undefined
            ? undefined
            : (connector) => {
                navigate({ name: 'connector', id: connector.id });
              }
        }
      />
      <ConnectorList />
    </Stack>
  );
}
