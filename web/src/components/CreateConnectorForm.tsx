import { Box, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useCreateConnector, type Connector } from '../api/connectors.js';
import { useLines } from '../api/lines.js';
import { portalChoice, usePortals } from '../api/portals.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { LinePicker } from './LinePicker.js';

interface CreateConnectorFormProps {
  /** The open line to preselect (the line Bitrix24 opened the placement for). */
  initialLineId?: number;
  onCreated?: (connector: Connector) => void;
}

/**
 * Name field, the portal (only when several are installed: the first is preselected), the open line
 * of that portal to activate it on (when its lines can be read) and "create"; the typed name and the
 * choices stay when the api refuses them.
 */
export function CreateConnectorForm({ initialLineId, onCreated }: CreateConnectorFormProps) {
  const t = useT();
  const create = useCreateConnector();
  const portals = usePortals();
  const choice = portalChoice(portals.data);
  const [chosenPortal, setChosenPortal] = useState<string | undefined>(undefined);
  const portal = choice && (choice.find((p) => p.memberId === chosenPortal) ?? choice[0]!).memberId;
  // Asked once the portals are known: with several, a request that names none is only a 422.
  const lines = useLines(portals.isPending ? null : portal);
  const [name, setName] = useState('');
  const [line, setLine] = useState(initialLineId === undefined ? '' : String(initialLineId));
  const [missing, setMissing] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissing(trimmed === '');
    if (trimmed === '') return;
    create.mutate(
      { name: trimmed, ...(portal !== undefined && { portal }), ...(line !== '' && { lineId: Number(line) }) },
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
        {choice && (
          <NativeSelect
            label={t('createConnector.portalLabel')}
            description={t('createConnector.portalDescription')}
            data={choice.map((p) => ({ value: p.memberId, label: p.domain }))}
            value={portal}
            onChange={(event) => {
              setChosenPortal(event.currentTarget.value);
              setLine('');
              if (lineTaken) create.reset();
            }}
          />
        )}
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
