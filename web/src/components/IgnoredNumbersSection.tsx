import { Stack, TextInput } from '@mantine/core';
import { useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { normalizePhone } from '../../../domain/phone.js';
import { fieldErrorsOf, useSaveSettings, type ConnectorSettings } from '../api/settings.js';
import { useT } from '../i18n/useT.js';
import { DEFAULT_PHONE_REGION } from '../lib/phoneRegion.js';
import { ErrorAlert } from './ErrorAlert.js';
import { PhoneChips } from './PhoneChips.js';
import { SaveBar } from './SaveBar.js';
import { SettingsSection } from './SettingsSection.js';

/** "Ignored numbers": Enter adds a number (normalized to E.164) as a chip; "Save" stores the list. */
export function IgnoredNumbersSection({ connectorId, settings }: { connectorId: string; settings: ConnectorSettings }) {
  const t = useT();
  const save = useSaveSettings(connectorId);
  return (
    <SettingsSection name="ignoredNumbers" title={t('settings.ignoredNumbers')}>
      <IgnoredNumbersForm key={settings.ignoredNumbers.join(',')} saved={settings.ignoredNumbers} save={save} />
    </SettingsSection>
  );
}

interface IgnoredNumbersFormProps {
  saved: string[];
  save: ReturnType<typeof useSaveSettings>;
}

type Added = { ok: true; numbers: string[] } | { ok: false };

function IgnoredNumbersForm({ saved, save }: IgnoredNumbersFormProps) {
  const t = useT();
  const [numbers, setNumbers] = useState(saved);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const dirty = numbers.join(',') !== saved.join(',') || typed.trim() !== '';

  /** Adds what is typed; an invalid number stays in the field, flagged, so nothing typed is lost. */
  const addTyped = (): Added => {
    const text = typed.trim();
    if (text === '') return { ok: true, numbers };
    const phone = normalizePhone(text, DEFAULT_PHONE_REGION);
    if (!phone.ok) {
      setProblem(t('ignored.invalid', { number: text }));
      return { ok: false };
    }
    setTyped('');
    if (numbers.includes(phone.e164)) {
      setProblem(t('ignored.duplicate', { number: phone.e164 }));
      return { ok: true, numbers };
    }
    setProblem(undefined);
    const next = [...numbers, phone.e164];
    setNumbers(next);
    return { ok: true, numbers: next };
  };

  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addTyped();
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const added = addTyped();
    if (added.ok) save.mutate({ change: (current) => ({ ...current, ignoredNumbers: added.numbers }) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('ignored.inputLabel')}
          description={t('ignored.description')}
          placeholder={t('ignored.placeholder')}
          type="tel"
          value={typed}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
            setProblem(undefined);
          }}
          onKeyDown={addOnEnter}
          error={problem}
          maw={420}
        />
        <PhoneChips
          numbers={numbers}
          rejected={fieldErrorsOf(save.error)}
          onRemove={(number) => {
            setNumbers(numbers.filter((n) => n !== number));
          }}
        />
        {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
        <SaveBar dirty={dirty} saving={save.isPending} saved={save.isSuccess} />
      </Stack>
    </form>
  );
}
