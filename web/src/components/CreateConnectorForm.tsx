import { Box, Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useCreateConnector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';

/** Name field and "create" button; the typed name stays when the api refuses it. */
export function CreateConnectorForm() {
  const t = useT();
  const create = useCreateConnector();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissing(trimmed === '');
    if (trimmed === '') return;
    create.mutate(trimmed, {
      onSuccess: () => {
        setName('');
      },
    });
  };

  const withSubmitButton = (input: ReactNode) => (
    <Group gap="sm" wrap="nowrap">
      <Box style={{ flex: 1 }}>{input}</Box>
      <Button type="submit" loading={create.isPending}>
        {t('createConnector.submit')}
      </Button>
    </Group>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label={t('createConnector.nameLabel')}
          placeholder={t('createConnector.namePlaceholder')}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          error={missing ? t('createConnector.nameRequired') : undefined}
          required
          inputContainer={withSubmitButton}
        />
        {create.isError && <ErrorAlert error={create.error} onClose={create.reset} />}
      </Stack>
    </form>
  );
}
