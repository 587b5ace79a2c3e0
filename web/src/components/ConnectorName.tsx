import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type SubmitEvent, type KeyboardEvent } from 'react';
import { useRenameConnector, type Connector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';

/** The connector's name with inline rename; a refused rename reopens the editor with the typed name. */
export function ConnectorName({ connector }: { connector: Pick<Connector, 'id' | 'name'> }) {
  const t = useT();
  const rename = useRenameConnector();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(connector.name);
  const [missing, setMissing] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const restoreFocus = useRef(false);

  useEffect(() => {
    if (editing || !restoreFocus.current) return;
    restoreFocus.current = false;
    renameButton.current?.focus();
  }, [editing]);

  const startEditing = () => {
    rename.reset();
    setDraft(connector.name);
    setMissing(false);
    setEditing(true);
  };

  const stopEditing = () => {
    restoreFocus.current = true;
    setEditing(false);
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = draft.trim();
    setMissing(name === '');
    if (name === '') return;
    stopEditing();
    if (name === connector.name) return;
    rename.mutate(
      { id: connector.id, name },
      {
        onError: () => {
          setEditing(true);
        },
      },
    );
  };

  const cancel = () => {
    rename.reset();
    stopEditing();
  };

  const cancelOnEscape = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') cancel();
  };

  return (
    <Stack gap="xs">
      {editing ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <TextInput
              label={t('renameConnector.nameLabel')}
              value={draft}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
              }}
              onKeyDown={cancelOnEscape}
              error={missing ? t('renameConnector.nameRequired') : undefined}
              required
              autoFocus
            />
            <Group gap="xs">
              <Button type="submit" size="xs">
                {t('renameConnector.save')}
              </Button>
              <Button type="button" size="xs" variant="default" onClick={cancel}>
                {t('renameConnector.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {connector.name}
          </Title>
          <Button
            ref={renameButton}
            variant="subtle"
            color="gray"
            size="compact-sm"
            style={{ flexShrink: 0 }}
            leftSection={<span aria-hidden="true">✎</span>}
            onClick={startEditing}
          >
            {t('renameConnector.start')}
          </Button>
        </Group>
      )}
      {rename.isError && <ErrorAlert error={rename.error} onClose={rename.reset} />}
    </Stack>
  );
}
