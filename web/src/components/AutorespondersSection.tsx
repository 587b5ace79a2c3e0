import { Fieldset, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { fieldErrorsOf, useSaveSettings, validateSettings, type ConnectorSettings, type FieldErrors } from '../api/settings.js';
import { useT, type Translate } from '../i18n/useT.js';
import { ErrorAlert } from './ErrorAlert.js';
import { ReplyEditor } from './ReplyEditor.js';
import { SaveBar } from './SaveBar.js';
import { SettingsSection } from './SettingsSection.js';

type Autoresponders = ConnectorSettings['autoresponders'];
type MissedCall = Autoresponders['missedCall'];

/** "Autoresponders": the missed-call to-do and reply, the voice-message reply, and how often a client gets one. */
export function AutorespondersSection({ connectorId, settings }: { connectorId: string; settings: ConnectorSettings }) {
  const t = useT();
  const save = useSaveSettings(connectorId);
  return (
    <SettingsSection name="autoresponders" title={t('settings.autoresponders')}>
      <AutorespondersForm key={JSON.stringify(settings.autoresponders)} settings={settings} save={save} />
    </SettingsSection>
  );
}

interface AutorespondersFormProps {
  settings: ConnectorSettings;
  save: ReturnType<typeof useSaveSettings>;
}

const PATH = 'autoresponders.';
const RANGES: Record<string, { min: number; max: number }> = {
  periodHours: { min: 1, max: 720 },
  'missedCall.taskResponsibleId': { min: 1, max: 1_000_000_000 },
  'missedCall.taskDeadlineMinutes': { min: 1, max: 43_200 },
};

/** The schema's own checks, plus: a reply that is on needs a text. */
function problemsOf(settings: ConnectorSettings, draft: Autoresponders, t: Translate): FieldErrors {
  const problems = validateSettings({ ...settings, autoresponders: draft });
  if (draft.missedCall.reply.enabled && draft.missedCall.reply.text.trim() === '') {
    problems[`${PATH}missedCall.reply.text`] = t('autoresponders.replyTextRequired');
  }
  if (draft.voiceMessage.reply.enabled && draft.voiceMessage.reply.text.trim() === '') {
    problems[`${PATH}voiceMessage.reply.text`] = t('autoresponders.replyTextRequired');
  }
  return problems;
}

const asNumber = (value: number | string) => (typeof value === 'number' ? value : Number.NaN);

function AutorespondersForm({ settings, save }: AutorespondersFormProps) {
  const t = useT();
  const [draft, setDraft] = useState<Autoresponders>(settings.autoresponders);
  const [invalid, setInvalid] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsOf(save.error), ...invalid };
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings.autoresponders);

  const edit = (next: Autoresponders) => {
    setDraft(next);
    setInvalid({});
  };
  const editMissedCall = (change: Partial<MissedCall>) => edit({ ...draft, missedCall: { ...draft.missedCall, ...change } });
  const errorOf = (field: string): string | undefined => {
    const message = errors[PATH + field];
    if (message === undefined) return undefined;
    const range = RANGES[field];
    return range === undefined ? message : t('autoresponders.outOfRange', range);
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = problemsOf(settings, draft, t);
    setInvalid(problems);
    if (Object.keys(problems).length === 0) save.mutate({ change: (current) => ({ ...current, autoresponders: draft }) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('autoresponders.description')}
        </Text>
        <Fieldset legend={t('autoresponders.missedCall')} variant="filled">
          <Stack gap="sm">
            <Switch
              label={t('autoresponders.createTask')}
              checked={draft.missedCall.createTask}
              onChange={(event) => {
                editMissedCall({ createTask: event.currentTarget.checked });
              }}
            />
            <Switch
              label={t('autoresponders.createLeadIfNone')}
              checked={draft.missedCall.createLeadIfNone}
              onChange={(event) => {
                editMissedCall({ createLeadIfNone: event.currentTarget.checked });
              }}
            />
            <NumberInput
              label={t('autoresponders.taskResponsibleId')}
              value={draft.missedCall.taskResponsibleId}
              onChange={(value) => {
                editMissedCall({ taskResponsibleId: asNumber(value) });
              }}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              error={errorOf('missedCall.taskResponsibleId')}
              maw={360}
            />
            <NumberInput
              label={t('autoresponders.taskDeadlineMinutes')}
              value={draft.missedCall.taskDeadlineMinutes}
              onChange={(value) => {
                editMissedCall({ taskDeadlineMinutes: asNumber(value) });
              }}
              min={1}
              max={43_200}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              error={errorOf('missedCall.taskDeadlineMinutes')}
              maw={360}
            />
            <ReplyEditor
              reply={draft.missedCall.reply}
              onChange={(reply) => {
                editMissedCall({ reply });
              }}
              error={errorOf('missedCall.reply.text')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('autoresponders.voiceMessage')} variant="filled">
          <ReplyEditor
            reply={draft.voiceMessage.reply}
            onChange={(reply) => {
              edit({ ...draft, voiceMessage: { ...draft.voiceMessage, reply } });
            }}
            error={errorOf('voiceMessage.reply.text')}
          />
        </Fieldset>
        <NumberInput
          label={t('autoresponders.periodHours')}
          value={draft.periodHours}
          onChange={(value) => {
            edit({ ...draft, periodHours: asNumber(value) });
          }}
          min={1}
          max={720}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          error={errorOf('periodHours')}
          maw={360}
        />
        {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
        <SaveBar dirty={dirty} saving={save.isPending} saved={save.isSuccess} />
      </Stack>
    </form>
  );
}
