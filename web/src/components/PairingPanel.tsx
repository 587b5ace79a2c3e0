import { Anchor, Collapse, Group, Loader, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import type { Connector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { PairingCodeForm } from './PairingCodeForm.js';
import { QrCode } from './QrCode.js';

/** While pairing: the live QR, and pairing by a code as the alternative. */
export function PairingPanel({ connector }: { connector: Connector }) {
  const t = useT();
  const [codeOpen, code] = useDisclosure(false);
  const panelId = useId();
  return (
    <Stack gap="sm">
      {connector.qr !== undefined && connector.qrDataUrl !== undefined ? (
        <QrCode qr={connector.qr} qrDataUrl={connector.qrDataUrl} />
      ) : (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">{t('status.qrWaiting')}</Text>
        </Group>
      )}
      <Anchor
        component="button"
        type="button"
        size="sm"
        fw={600}
        style={{ alignSelf: 'flex-start' }}
        aria-expanded={codeOpen}
        aria-controls={panelId}
        onClick={code.toggle}
      >
        {t('pairing.toggle')}
      </Anchor>
      <Collapse expanded={codeOpen} id={panelId}>
        <PairingCodeForm connectorId={connector.id} />
      </Collapse>
    </Stack>
  );
}
