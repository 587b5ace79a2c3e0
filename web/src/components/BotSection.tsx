import { Stack, Switch } from '@mantine/core';
import { useSaveSettings, type ConnectorSettings } from '../api/settings.js';
import { useT } from '../i18n/useT.js';
import { BotScriptForm } from './BotScriptForm.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SettingsSection } from './SettingsSection.js';

/**
 * "Bot assistant": the on/off switch, saved as soon as it is flipped, and while the bot is on, its
 * script editor with a preview of the dialog.
 */
export function BotSection({ connectorId, settings }: { connectorId: string; settings: ConnectorSettings }) {
  const t = useT();
  const toggle = useSaveSettings(connectorId);
  const save = useSaveSettings(connectorId);
  return (
    <SettingsSection name="bot" title={t('settings.bot')}>
      <Stack gap="md">
        <Switch
          label={t('bot.enabled')}
          checked={settings.bot.enabled}
          onChange={(event) => {
            const { checked: enabled } = event.currentTarget;
            toggle.mutate({ optimistic: true, change: (current) => ({ ...current, bot: { ...current.bot, enabled } }) });
          }}
          data-setting="bot.enabled"
        />
        {toggle.isError && <ErrorAlert error={toggle.error} onClose={toggle.reset} />}
        {settings.bot.enabled && <BotScriptForm key={JSON.stringify(settings.bot)} settings={settings} save={save} />}
      </Stack>
    </SettingsSection>
  );
}
