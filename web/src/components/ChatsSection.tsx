import { Stack, Switch } from '@mantine/core';
import { useSaveSettings, type ConnectorSettings } from '../api/settings.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SettingsSection } from './SettingsSection.js';

type ChatSwitch = keyof ConnectorSettings['chats'];

/** The product page's order. */
const SWITCHES: ChatSwitch[] = ['publishOutgoing', 'createChatOnSmsProvider', 'createChatOnSmsMailing', 'smsProviderEnabled', 'showOnline'];

/** "Chats": five switches, each saved as soon as it is flipped (and flipped back if the api refuses). */
export function ChatsSection({ connectorId, settings }: { connectorId: string; settings: ConnectorSettings }) {
  const t = useT();
  const save = useSaveSettings(connectorId);
  const flip = (name: ChatSwitch, on: boolean) =>
    save.mutate({ optimistic: true, change: (current) => ({ ...current, chats: { ...current.chats, [name]: on } }) });

  return (
    <SettingsSection name="chats" title={t('settings.chats')}>
      <Stack gap="sm">
        {SWITCHES.map((name) => (
          <Switch
            key={name}
            label={t(`chats.${name}`)}
            checked={settings.chats[name]}
            onChange={(event) => {
              flip(name, event.currentTarget.checked);
            }}
            data-setting={`chats.${name}`}
          />
        ))}
        {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
      </Stack>
    </SettingsSection>
  );
}
