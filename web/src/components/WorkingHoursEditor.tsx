import { Checkbox, Fieldset, Group, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import type { WorkingHours } from '../../../domain/bot-script.js';
import { useT, type MessageKey } from '../i18n/useT.js';

/** ISO weekdays, Monday first, with their short names. */
const WEEKDAYS: Array<[number, MessageKey]> = [
  [1, 'bot.weekdays.mon'],
  [2, 'bot.weekdays.tue'],
  [3, 'bot.weekdays.wed'],
  [4, 'bot.weekdays.thu'],
  [5, 'bot.weekdays.fri'],
  [6, 'bot.weekdays.sat'],
  [7, 'bot.weekdays.sun'],
];

const ZONES = Intl.supportedValuesOf('timeZone');

interface WorkingHoursEditorProps {
  hours: WorkingHours;
  onChange: (hours: WorkingHours) => void;
  errorOf: (field: string) => string | undefined;
}

/** "Working hours": on/off, the time zone, the days and hours, and the answer out of them. */
export function WorkingHoursEditor({ hours, onChange, errorOf }: WorkingHoursEditorProps) {
  const t = useT();
  const edit = (change: Partial<WorkingHours>) => {
    onChange({ ...hours, ...change });
  };
  const zones = ZONES.includes(hours.timezone) ? ZONES : [hours.timezone, ...ZONES];
  return (
    <Fieldset legend={t('bot.workingHours')} variant="filled">
      <Stack gap="xs">
        <Switch
          label={t('bot.workingHoursEnabled')}
          checked={hours.enabled}
          onChange={(event) => {
            edit({ enabled: event.currentTarget.checked });
          }}
        />
        <Select
          label={t('bot.timezone')}
          data={zones}
          value={hours.timezone}
          onChange={(timezone) => {
            if (timezone !== null) edit({ timezone });
          }}
          searchable
          allowDeselect={false}
          error={errorOf('timezone')}
          maw={360}
        />
        <Checkbox.Group
          label={t('bot.days')}
          value={hours.days.map(String)}
          onChange={(days) => {
            edit({ days: days.map(Number).sort((a, b) => a - b) });
          }}
          error={errorOf('days')}
        >
          <Group gap="sm" mt={4}>
            {WEEKDAYS.map(([day, name]) => (
              <Checkbox key={day} value={String(day)} label={t(name)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group gap="sm" align="flex-start">
          <TextInput
            type="time"
            label={t('bot.from')}
            value={hours.from}
            onChange={(event) => {
              edit({ from: event.currentTarget.value });
            }}
            error={errorOf('from')}
            w={140}
          />
          <TextInput
            type="time"
            label={t('bot.to')}
            value={hours.to}
            onChange={(event) => {
              edit({ to: event.currentTarget.value });
            }}
            error={errorOf('to')}
            w={140}
          />
        </Group>
        <Textarea
          label={t('bot.outOfHoursReply')}
          description={t('bot.outOfHoursHint')}
          value={hours.outOfHoursReply}
          onChange={(event) => {
            edit({ outOfHoursReply: event.currentTarget.value });
          }}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4096}
          error={errorOf('outOfHoursReply')}
        />
      </Stack>
    </Fieldset>
  );
}
