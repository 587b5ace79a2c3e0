import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useSignIn } from '../api/signIn.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';

interface LoginFormProps {
  /** The previous session ended because the api stopped accepting its token. */
  tokenRejected: boolean;
}

/** Standalone sign-in: the admin pastes ADMIN_API_TOKEN. */
export function LoginForm({ tokenRejected }: LoginFormProps) {
  const t = useT();
  const signIn = useSignIn();
  const [token, setToken] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = token.trim();
    setMissing(trimmed === '');
    if (trimmed !== '') signIn.mutate(trimmed);
  };

  return (
    <Paper withBorder p="lg" radius="md" maw={480} mx="auto">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">
            {t('auth.title')}
          </Title>
          {tokenRejected && signIn.isIdle && <Alert color="yellow">{t('auth.tokenRejected')}</Alert>}
          <Text size="sm" c="dimmed">
            {t('auth.description')}
          </Text>
          <PasswordInput
            label={t('auth.tokenLabel')}
            value={token}
            onChange={(event) => {
              setToken(event.currentTarget.value);
            }}
            error={missing ? t('auth.tokenRequired') : undefined}
            required
            autoFocus
            autoComplete="off"
            spellCheck={false}
          />
          {signIn.isError && <ErrorAlert error={signIn.error} />}
          <Button type="submit" loading={signIn.isPending}>
            {t('auth.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
