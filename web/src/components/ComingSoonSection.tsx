import { Text } from '@mantine/core';
import { useT } from '../i18n/useT.js';
import { SettingsSection } from './SettingsSection.js';

/** A section whose backend comes with a later issue: its place in the window is kept. */
export function ComingSoonSection({ name, title }: { name: string; title: string }) {
  const t = useT();
  return (
    <SettingsSection name={name} title={title}>
      <Text size="sm" c="dimmed">
        {t('settings.comingSoon')}
      </Text>
    </SettingsSection>
  );
}
