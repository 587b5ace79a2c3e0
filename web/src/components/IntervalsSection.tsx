import { NumberInput, Stack } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { fieldErrorsOf, useSaveSettings, validateSettings, type ConnectorSettings, type FieldErrors } from '../api/settings.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SaveBar } from './SaveBar.js';
import { SettingsSection } from './SettingsSection.js';

type Intervals = ConnectorSettings['intervals'];

/** "Message send intervals": stored in milliseconds, typed in seconds. */
export function IntervalsSection({ connectorId, settings }: { connectorId: string; settings: ConnectorSettings }) {
  const t = useT();
  const save = useSaveSettings(connectorId);
  const { sendMs, marketingMs } = settings.intervals;
  return (
    <SettingsSection name="intervals" title={t('settings.intervals')}>
      {/* A saved change remounts the form with the saved values; a refused one keeps what was typed. */}
      <IntervalsForm key={`${sendMs}:${marketingMs}`} settings={settings} save={save} />
    </SettingsSection>
  );
}

type Seconds = number | string;
const toSeconds = (ms: number): number => ms / 1000;
const toMs = (seconds: Seconds): number => (typeof seconds === 'number' ? Math.round(seconds * 1000) : Number.NaN);

interface IntervalsFormProps {
  settings: ConnectorSettings;
  save: ReturnType<typeof useSaveSettings>;
}

function IntervalsForm({ settings, save }: IntervalsFormProps) {
  const t = useT();
  const [send, setSend] = useState<Seconds>(toSeconds(settings.intervals.sendMs));
  const [marketing, setMarketing] = useState<Seconds>(toSeconds(settings.intervals.marketingMs));
  const [invalid, setInvalid] = useState<FieldErrors>({});
  // Other interval fields (added by later issues) are kept as saved.
  const draft: Intervals = { ...settings.intervals, sendMs: toMs(send), marketingMs: toMs(marketing) };
  const dirty = draft.sendMs !== settings.intervals.sendMs || draft.marketingMs !== settings.intervals.marketingMs;
  const errors = { ...fieldErrorsOf(save.error), ...invalid };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = validateSettings({ ...settings, intervals: draft });
    setInvalid(problems);
    if (Object.keys(problems).length === 0) save.mutate({
        change: (current) => ({ ...current, intervals: { ...current.intervals, sendMs: draft.sendMs, marketingMs: draft.marketingMs } }),
      });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NumberInput
          label={t('intervals.send')}
          description={t('intervals.sendRange')}
          value={send}
          onChange={(value) => {
            setSend(value);
            setInvalid({});
          }}
          min={0.5}
          max={600}
          step={0.5}
          decimalScale={1}
          clampBehavior="none"
          error={errors['intervals.sendMs'] === undefined ? undefined : t('intervals.sendOutOfRange')}
          maw={360}
        />
        <NumberInput
          label={t('intervals.marketing')}
          description={t('intervals.marketingRange')}
          value={marketing}
          onChange={(value) => {
            setMarketing(value);
            setInvalid({});
          }}
          min={15}
          max={600}
          step={1}
          decimalScale={1}
          clampBehavior="none"
          error={errors['intervals.marketingMs'] === undefined ? undefined : t('intervals.marketingOutOfRange')}
          maw={360}
        />
        {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
        <SaveBar dirty={dirty} saving={save.isPending} saved={save.isSuccess} />
      </Stack>
    </form>
  );
}
