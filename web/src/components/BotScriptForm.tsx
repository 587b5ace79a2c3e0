import { NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import type { BotScript } from '../../../domain/bot-script.js';
import { fieldErrorsOf, validateSettings, type ConnectorSettings, type FieldErrors, type useSaveSettings } from '../api/settings.js';
import { useT, type Translate } from '../i18n/useT.js';
import { BotOptionsEditor } from './BotOptionsEditor.js';
import { BotPreview } from './BotPreview.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SaveBar } from './SaveBar.js';
import { WorkingHoursEditor } from './WorkingHoursEditor.js';

interface BotScriptFormProps {
  settings: ConnectorSettings;
  save: ReturnType<typeof useSaveSettings>;
}

const PATH = 'bot.';
const TIMEOUT_RANGE = { min: 1, max: 720 };

/** The schema's (and the api's) message for a field, in the admin's language where the app knows it. */
function messageOf(path: string, message: string, t: Translate): string {
  if (/^bot\.options\.\d+$/.test(path)) return t('bot.optionNeedsAction');
  if (/^bot\.workingHours\.(from|to)$/.test(path)) return t('bot.timeFormat');
  if (path === 'bot.workingHours.timezone') return t('bot.timezoneInvalid');
  if (path === 'bot.dialogTimeoutHours') return t('bot.outOfRange', TIMEOUT_RANGE);
  return message;
}

const withoutSwitch = ({ enabled: _enabled, ...script }: BotScript) => JSON.stringify(script);

/**
 * The bot's script, saved whole with "Save" (the on/off switch saves itself). The form keeps what was
 * typed when the api refuses it; the preview follows the form, saved or not.
 */
export function BotScriptForm({ settings, save }: BotScriptFormProps) {
  const t = useT();
  const [draft, setDraft] = useState<BotScript>(settings.bot);
  const [invalid, setInvalid] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsOf(save.error), ...invalid };
  const dirty = withoutSwitch(draft) !== withoutSwitch(settings.bot);

  const edit = (change: Partial<BotScript>) => {
    setDraft({ ...draft, ...change });
    setInvalid({});
  };
  /** The message of `field` or of anything inside it (`options.0.keywords` covers `options.0.keywords.2`). */
  const errorOf = (field: string, exact = false): string | undefined => {
    const path = PATH + field;
    const found = Object.keys(errors).find((key) => key === path || (!exact && key.startsWith(`${path}.`)));
    return found === undefined ? undefined : messageOf(found, errors[found] ?? '', t);
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = validateSettings({ ...settings, bot: draft });
    setInvalid(problems);
    if (Object.keys(problems).length === 0) save.mutate({ change: (current) => ({ ...current, bot: { ...draft, enabled: current.bot.enabled } }) });
  };

  return (
    <Stack gap="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('bot.description')}
          </Text>
          <Textarea
            label={t('bot.greeting')}
            description={t('bot.greetingHint')}
            value={draft.greeting}
            onChange={(event) => {
              edit({ greeting: event.currentTarget.value });
            }}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={4096}
            error={errorOf('greeting')}
          />
          <BotOptionsEditor
            options={draft.options}
            onChange={(options) => {
              edit({ options });
            }}
            errorOf={(index, field) => (field === '' ? errorOf(`options.${index}`, true) : errorOf(`options.${index}.${field}`))}
          />
          <Textarea
            label={t('bot.unknownReply')}
            description={t('bot.unknownReplyHint')}
            value={draft.unknownReply}
            onChange={(event) => {
              edit({ unknownReply: event.currentTarget.value });
            }}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={4096}
            error={errorOf('unknownReply')}
          />
          <NumberInput
            label={t('bot.dialogTimeoutHours')}
            value={draft.dialogTimeoutHours}
            onChange={(value) => {
              edit({ dialogTimeoutHours: typeof value === 'number' ? value : Number.NaN });
            }}
            min={TIMEOUT_RANGE.min}
            max={TIMEOUT_RANGE.max}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            error={errorOf('dialogTimeoutHours')}
            maw={360}
          />
          <WorkingHoursEditor
            hours={draft.workingHours}
            onChange={(workingHours) => {
              edit({ workingHours });
            }}
            errorOf={(field) => errorOf(`workingHours.${field}`)}
          />
          {save.isError && <ErrorAlert error={save.error} onClose={save.reset} />}
          <SaveBar dirty={dirty} saving={save.isPending} saved={save.isSuccess} />
        </Stack>
      </form>
      <BotPreview script={draft} />
    </Stack>
  );
}
