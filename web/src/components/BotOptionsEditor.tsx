import { Box, Button, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { BotOption } from '../../../domain/bot-script.js';
import { useT } from '../i18n/useT.js';
import { BotOptionEditor, type OptionMove } from './BotOptionEditor.js';

const MAX_OPTIONS = 20;
const newOption = (): BotOption => ({ label: '', inMenu: true, keywords: [], reply: '', handOver: false });

interface BotOptionsEditorProps {
  options: BotOption[];
  onChange: (options: BotOption[]) => void;
  /** The message of a field of option `index` ('' for the option as a whole). */
  errorOf: (index: number, field: string) => string | undefined;
}

/** Where the keyboard focus goes after a button changed the list, so it never falls to the page. */
type FocusTarget = { id: number; move: OptionMove } | { id: number; field: 'label' } | 'add';

/**
 * "Menu options": the list, in the order of their numbers. Moving an option keeps the focus on its
 * button; adding one focuses its first field; removing one focuses "Add an option".
 */
export function BotOptionsEditor({ options, onChange, errorOf }: BotOptionsEditorProps) {
  const t = useT();
  const nextId = useRef(options.length);
  const [ids, setIds] = useState(() => options.map((_, index) => index));
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focus === null) return;
    if (focus === 'add') addRef.current?.focus();
    else {
      const option = listRef.current?.querySelector(`[data-option-id="${focus.id}"]`);
      const target = 'move' in focus ? option?.querySelector<HTMLButtonElement>(`[data-move="${focus.move}"]:not(:disabled)`) ?? option?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)') : option?.querySelector('input');
      target?.focus();
    }
    setFocus(null);
  }, [focus]);

  const update = (nextOptions: BotOption[], nextIds: number[], target: FocusTarget | null) => {
    setIds(nextIds);
    onChange(nextOptions);
    setFocus(target);
  };
  const move = (index: number, direction: OptionMove) => {
    const to = direction === 'up' ? index - 1 : index + 1;
    const swap = <T,>(list: T[]) => list.map((item, i) => (i === index ? list[to] : i === to ? list[index] : item) as T);
    update(swap(options), swap(ids), { id: ids[index] ?? -1, move: direction });
  };
  const add = () => {
    const id = nextId.current++;
    update([...options, newOption()], [...ids, id], { id, field: 'label' });
  };
  const remove = (index: number) => {
    update(
      options.filter((_, i) => i !== index),
      ids.filter((_, i) => i !== index),
      'add',
    );
  };

  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t('bot.options')}
      </Title>
      {options.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('bot.noOptions')}
        </Text>
      )}
      <Stack gap="xs" ref={listRef}>
        {options.map((option, index) => (
          <Box key={ids[index]} data-option-id={ids[index]}>
            <BotOptionEditor
              option={option}
              index={index}
              count={options.length}
              onChange={(changed) => {
                onChange(options.map((item, i) => (i === index ? changed : item)));
              }}
              onMove={(direction) => {
                move(index, direction);
              }}
              onRemove={() => {
                remove(index);
              }}
              errorOf={(field) => errorOf(index, field)}
            />
          </Box>
        ))}
      </Stack>
      <div>
        <Button ref={addRef} variant="light" onClick={add} disabled={options.length >= MAX_OPTIONS}>
          {t('bot.addOption')}
        </Button>
      </div>
    </Stack>
  );
}
