import { Box, Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useCreateConnector, type Connector } from '../api/connectors.js';
import { useLines } from '../api/lines.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { LinePicker } from './LinePicker.js';

interface CreateConnectorFormProps {
  /** The open line to preselect (the line Bitrix24 opened the placement for). */
  initialLineId?: number;
  onCreated?: (connector: Connector) => void;
}

/**
 * Name field, the open line to activate it on (when the portal's lines can be read) and "create";
 * the typed name and the chosen line stay when the api refuses them.
 */
export function CreateConnectorForm({ initialLineId, onCreated }: CreateConnectorFormProps) {
  const t = useT();
  const create = useCreateConnector();
  const lines = useLines();
  const [name, setName] = useState('');
  const [line, setLine] = useState(initialLineId === undefined ? '' : String(initialLineId));
  const [missing, setMissing] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissing(trimmed === '');
    if (trimmed === '') return;
    create.mutate(
      { name: trimmed, ...(line !== '' && { lineId: Number(line) }) },
      {
        onSuccess: (connector) => {
          setName('');
          setLine('');
          onCreated?.(connector);
        },
      },
    );
  };

  const withSubmitButton = (input: ReactNode) => (
    <Group gap="sm" wrap="nowrap">
      <Box style={{ flex: 1 }}>{input}</Box>
      <Button type="submit" loading={create.isPending}>
        {t('createConnector.submit')}
      </Button>
    </Group>
  );

  const lineTaken = create.error instanceof ApiError && create.error.code === 'line_taken';
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
        {lines.data && lines.data.length > 0 && (
          <LinePicker
            label={t('createConnector.lineLabel')}
            description={t('createConnector.lineDescription')}
            lines={lines.data}
            value={line}
            onChange={(value) => {
              setLine(value);
              if (lineTaken) create.reset();
            }}
            error={lineTaken ? t('lines.takenError') : undefined}
          />
        )}
        {create.isError && !lineTaken && <ErrorAlert error={create.error} onClose={create.reset} />}
      </Stack>
    </form>
  );
}
