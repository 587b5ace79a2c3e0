import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useSetActiveUntil, type Connector } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { endOfLocalDay, localDayOf } from '../lib/localDay.js';
import { useFormatDate } from '../lib/useFormatDate.js';
import { ErrorAlert } from './ErrorAlert.js';

/** States whose sentence (StateDetails) already names the active-until date. */
const DATE_SHOWN = new Set<Connector['state']>(['connected', 'expired']);

/**
 * The date until which the connection is active, and the admin's way to set, extend or clear it. A past
 * date expires the connector at once; extending an expired one resumes it (the connector workflow does both).
 */
export function ActiveUntil({ connector }: { connector: Connector }) {
  const t = useT();
  const formatDate = useFormatDate();
  const setActiveUntil = useSetActiveUntil(connector.id);
  const [editing, setEditing] = useState(false);
  const [day, setDay] = useState('');
  const [missing, setMissing] = useState(false);

  const startEditing = () => {
    setActiveUntil.reset();
    setDay(connector.activeUntil === undefined ? '' : localDayOf(connector.activeUntil));
    setMissing(false);
    setEditing(true);
  };
  const store = (activeUntil: string | null) => {
    setActiveUntil.mutate(activeUntil, { onSuccess: () => setEditing(false) });
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(day === '');
    if (day !== '') store(endOfLocalDay(day));
  };

  if (!editing) {
    const summary =
      connector.activeUntil === undefined
        ? t('activeUntil.unlimited')
        : DATE_SHOWN.has(connector.state)
          ? undefined
          : t('activeUntil.until', { date: formatDate(connector.activeUntil) });
    return (
      <Group gap="xs" data-testid="active-until">
        {summary !== undefined && (
          <Text size="sm" c="dimmed">
            {summary}
          </Text>
        )}
        <Button variant="subtle" size="compact-sm" leftSection={<span aria-hidden="true">✎</span>} onClick={startEditing}>
          {t('activeUntil.change')}
        </Button>
      </Group>
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="active-until">
      <Stack gap="xs">
        <TextInput
          type="date"
          label={t('activeUntil.label')}
          description={t('activeUntil.hint')}
          value={day}
          onChange={(event) => {
            setDay(event.currentTarget.value);
            setMissing(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setEditing(false);
          }}
          error={missing ? t('activeUntil.required') : undefined}
          required
          autoFocus
          maw={360}
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={setActiveUntil.isPending && setActiveUntil.variables !== null}>
            {t('activeUntil.save')}
          </Button>
          {connector.activeUntil !== undefined && (
            <Button
              type="button"
              size="xs"
              variant="default"
              loading={setActiveUntil.isPending && setActiveUntil.variables === null}
              onClick={() => store(null)}
            >
              {t('activeUntil.clear')}
            </Button>
          )}
          <Button type="button" size="xs" variant="subtle" color="gray" onClick={() => setEditing(false)}>
            {t('activeUntil.cancel')}
          </Button>
        </Group>
        {setActiveUntil.isError && <ErrorAlert error={setActiveUntil.error} onClose={setActiveUntil.reset} />}
      </Stack>
    </form>
  );
}
