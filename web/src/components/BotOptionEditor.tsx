import { Button, Checkbox, Fieldset, Group, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { BotOption } from '../../../domain/bot-script.js';
import { useT } from '../i18n/useT.js';

export type OptionMove = 'up' | 'down';

interface BotOptionEditorProps {
  option: BotOption;
  /** 0-based; the client types `index + 1`. */
  index: number;
  count: number;
  onChange: (option: BotOption) => void;
  onMove: (direction: OptionMove) => void;
  onRemove: () => void;
  /** The field's message, by the field's name inside the option ('' for the option as a whole). */
  errorOf: (field: string) => string | undefined;
}

/** One menu option: its line, keywords, the bot's answer and the hand-over, with move and remove buttons. */
export function BotOptionEditor({ option, index, count, onChange, onMove, onRemove, errorOf }: BotOptionEditorProps) {
  const t = useT();
  const number = index + 1;
  const edit = (change: Partial<BotOption>) => {
    onChange({ ...option, ...change });
  };
  return (
    <Fieldset legend={t('bot.option', { number })} variant="filled" data-bot-option={number}>
      <Stack gap="xs">
        <TextInput
          label={t('bot.label')}
          value={option.label}
          onChange={(event) => {
            edit({ label: event.currentTarget.value });
          }}
          maxLength={200}
          error={errorOf('label')}
        />
        <Checkbox
          label={t('bot.inMenu')}
          checked={option.inMenu}
          onChange={(event) => {
            edit({ inMenu: event.currentTarget.checked });
          }}
        />
        <TagsInput
          label={t('bot.keywords')}
          description={t('bot.keywordsHint')}
          value={option.keywords}
          onChange={(keywords) => {
            edit({ keywords });
          }}
          maxTags={50}
          error={errorOf('keywords')}
        />
        <Textarea
          label={t('bot.reply')}
          value={option.reply}
          onChange={(event) => {
            edit({ reply: event.currentTarget.value });
          }}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4096}
          error={errorOf('reply') ?? errorOf('')}
        />
        <Checkbox
          label={t('bot.handOver')}
          checked={option.handOver}
          onChange={(event) => {
            edit({ handOver: event.currentTarget.checked });
          }}
        />
        <Group gap="xs" justify="flex-end">
          <Button variant="default" size="compact-sm" aria-label={t('bot.moveUp', { number })} disabled={index === 0} onClick={() => onMove('up')} data-move="up">
            ↑
          </Button>
          <Button variant="default" size="compact-sm" aria-label={t('bot.moveDown', { number })} disabled={index === count - 1} onClick={() => onMove('down')} data-move="down">
            ↓
          </Button>
          <Button variant="subtle" color="red" size="compact-sm" aria-label={t('bot.remove', { number })} onClick={onRemove}>
            ✕
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
