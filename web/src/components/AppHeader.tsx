import { Box, Button, Group, Title } from '@mantine/core';
import { signOut, useSession } from '../api/session.js';
import { useT } from '../i18n/useT.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const PRODUCT_NAME = 'Openline Bridge';

export function AppHeader() {
  const t = useT();
  const session = useSession();
  return (
    <Box
      component="header"
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" gap="sm" maw={720} mx="auto">
        <Title order={1} size="h3">
          {PRODUCT_NAME}
        </Title>
        <Group gap="sm">
          <LanguageSwitch />
          {session.status === 'signed_in' && session.mode === 'standalone' && (
            <Button variant="default" size="xs" onClick={signOut}>
              {t('auth.signOut')}
            </Button>
          )}
        </Group>
      </Group>
    </Box>
  );
}
