import { Button, Group, Text } from '@mantine/core';
import { useT } from '../i18n/useT.js';

interface SaveBarProps {
  dirty: boolean;
  saving: boolean;
  /** The last save went through and nothing changed since. */
  saved: boolean;
}

/** The "Save" button of a form section, with what state the form is in beside it. */
export function SaveBar({ dirty, saving, saved }: SaveBarProps) {
  const t = useT();
  return (
    <Group gap="sm">
      <Button type="submit" loading={saving}>
        {t('settings.save')}
      </Button>
      <Text size="sm" c={dirty ? 'orange.8' : 'dimmed'} role="status">
        {dirty ? t('settings.unsaved') : saved ? t('settings.saved') : ''}
      </Text>
    </Group>
  );
}
