import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useConnectorAction, type Connector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SettingsSection } from './SettingsSection.js';

/** While there is nothing to log out of, the button is off. */
const PAIRED_STATES = new Set<Connector['state']>(['connected', 'reconnecting', 'conflict', 'expired']);

/** "Disconnect account": logs the WhatsApp account out and resets the connector to the QR, after a confirmation. */
export function DisconnectSection({ connector }: { connector: Connector }) {
  const t = useT();
  const [confirming, confirm] = useDisclosure(false);
  const disconnect = useConnectorAction(connector.id, 'disconnect');
  const paired = PAIRED_STATES.has(connector.state);

  return (
    <SettingsSection name="disconnect" title={t('settings.disconnect')}>
      <Stack gap="sm">
        <Text size="sm">{t('disconnect.description')}</Text>
        {!paired && (
          <Text size="sm" c="dimmed">
            {t('disconnect.notConnected')}
          </Text>
        )}
        <Button color="red" variant="outline" style={{ alignSelf: 'flex-start' }} disabled={!paired} onClick={confirm.open}>
          {t('disconnect.button')}
        </Button>
        {disconnect.isError && <ErrorAlert error={disconnect.error} onClose={disconnect.reset} />}
      </Stack>
      <Modal opened={confirming} onClose={confirm.close} title={t('disconnect.confirmTitle')} centered>
        <Stack gap="md">
          <Text size="sm">{t('disconnect.confirmText')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={confirm.close} data-autofocus>
              {t('disconnect.cancel')}
            </Button>
            <Button
              color="red"
              loading={disconnect.isPending}
              onClick={() => {
                disconnect.mutate(undefined, { onSettled: confirm.close });
              }}
            >
              {t('disconnect.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SettingsSection>
  );
}
