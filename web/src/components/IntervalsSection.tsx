import { Divider, NumberInput, Stack, Text } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { DAILY_CAP_RANGE, JITTER_MS_RANGE } from '../../../domain/settings.js';
import { fieldErrorsOf, useSaveSettings, validateSettings, type ConnectorSettings, type FieldErrors } from '../api/settings.js';
import { useT } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SaveBar } from './SaveBar.js';
import { SettingsSection } from './SettingsSection.js';

type Intervals = ConnectorSettings['intervals'];

/** "Message send intervals": stored in milliseconds, typed in seconds; the daily cap is a count. */
export function IntervalsSection({ connectorId, settings }: { connectorId: string; settings: ConnectorSettings }) {
  const t = useT();
  const save = useSaveSettings(connectorId);
  const { sendMs, marketingMs, jitterMs, dailyCap } = settings.intervals;
  return (
    <SettingsSection name="intervals" title={t('settings.intervals')}>
      {/* A saved change remounts the form with the saved values; a refused one keeps what was typed. */}
      <IntervalsForm key={`${sendMs}:${marketingMs}:${jitterMs}:${dailyCap}`} settings={settings} save={save} />
    </SettingsSection>
  );
}

type Typed = number | string;
const toSeconds = (ms: number): number => ms / 1000;
const toMs = (seconds: Typed): number => (typeof seconds === 'number' ? Math.round(seconds * 1000) : Number.NaN);
const toCount = (count: Typed): number => (typeof count === 'number' ? count : Number.NaN);

interface IntervalsFormProps {
  settings: ConnectorSettings;
  save: ReturnType<typeof useSaveSettings>;
}

function IntervalsForm({ settings, save }: IntervalsFormProps) {
  const t = useT();
  const [send, setSend] = useState<Typed>(toSeconds(settings.intervals.sendMs));
  const [marketing, setMarketing] = useState<Typed>(toSeconds(settings.intervals.marketingMs));
  const [jitter, setJitter] = useState<Typed>(toSeconds(settings.intervals.jitterMs));
  const [cap, setCap] = useState<Typed>(settings.intervals.dailyCap);
  const [invalid, setInvalid] = useState<FieldErrors>({});
  const typed = { sendMs: toMs(send), marketingMs: toMs(marketing), jitterMs: toMs(jitter), dailyCap: toCount(cap) } satisfies Intervals;
  const dirty = (Object.keys(typed) as (keyof Intervals)[]).some((field) => typed[field] !== settings.intervals[field]);
  const errors = { ...fieldErrorsOf(save.error), ...invalid };
  const edited = (set: (value: Typed) => void) => (value: Typed) => {
    set(value);
    setInvalid({});
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = validateSettings({ ...settings, intervals: { ...settings.intervals, ...typed } });
    setInvalid(problems);
    if (Object.keys(problems).length === 0) save.mutate({ change: (current) => ({ ...current, intervals: { ...current.intervals, ...typed } }) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NumberInput
          label={t('intervals.send')}
          description={t('intervals.sendRange')}
          value={send}
          onChange={edited(setSend)}
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
          onChange={edited(setMarketing)}
          min={15}
          max={600}
          step={1}
          decimalScale={1}
          clampBehavior="none"
          error={errors['intervals.marketingMs'] === undefined ? undefined : t('intervals.marketingOutOfRange')}
          maw={360}
        />
        <Divider mt="xs" labelPosition="left" label={<Text size="sm" fw={600}>{t('intervals.banProtection')}</Text>} />
        <NumberInput
          label={t('intervals.jitter')}
          description={t('intervals.jitterRange', { max: toSeconds(JITTER_MS_RANGE.max) })}
          value={jitter}
          onChange={edited(setJitter)}
          min={toSeconds(JITTER_MS_RANGE.min)}
          max={toSeconds(JITTER_MS_RANGE.max)}
          step={0.5}
          decimalScale={1}
          clampBehavior="none"
          error={errors['intervals.jitterMs'] === undefined ? undefined : t('intervals.jitterOutOfRange', { max: toSeconds(JITTER_MS_RANGE.max) })}
          maw={360}
        />
        <NumberInput
          label={t('intervals.dailyCap')}
          description={t('intervals.dailyCapRange', { max: DAILY_CAP_RANGE.max })}
          value={cap}
          onChange={edited(setCap)}
          min={DAILY_CAP_RANGE.min}
          max={DAILY_CAP_RANGE.max}
          step={100}
          allowDecimal={false}
          clampBehavior="none"
          error={errors['intervals.dailyCap'] === undefined ? undefined : t('intervals.dailyCapOutOfRange', { max: DAILY_CAP_RANGE.max })}
          maw={360}
        />
        {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
        <SaveBar dirty={dirty} saving={save.isPending} saved={save.isSuccess} />
      </Stack>
    </form>
  );
}
