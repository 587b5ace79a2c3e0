import { Stack, Switch, Text } from '@mantine/core';
import { useSaveSettings, type ConnectorSettings } from '../api/settings.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SettingsSection } from './SettingsSection.js';

/**
 * "Bot assistant": the on/off switch. The settings document has no script yet (only `bot.enabled`),
 * so the script editor and dialog preview wait for the bot's backend instead of editing nothing.
 */
export function BotSection({ connectorId, settings }: { connectorId: string; settings: ConnectorSettings }) {
  const t = useT();
  const save = useSaveSettings(connectorId);
  return (
    <SettingsSection name="bot" title={t('settings.bot')}>
      <Stack gap="sm">
        <Switch
          label={t('bot.enabled')}
          checked={settings.bot.enabled}
          onChange={(event) => {
            const { checked: enabled } = event.currentTarget;
            save.mutate({ optimistic: true, change: (current) => ({ ...current, bot: { ...current.bot, enabled } }) });
          }}
          data-setting="bot.enabled"
        />
        <Text size="sm" c="dimmed">
          {t('bot.editorComingSoon')}
        </Text>
        {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
      </Stack>
    </SettingsSection>
  );
}
