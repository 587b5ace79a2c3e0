import { Box, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import type { BotScript } from '../../../domain/bot-script.js';
import { withinWorkingHours } from '../../../workflows/logic/working-hours.js';
import { useT } from '../i18n/useT.js';
import { replayDialog } from '../lib/botDialog.js';
import { ChatBubble } from './ChatBubble.js';

/**
 * "Dialog preview": a client's chat with the bot, computed in the browser from the script in the form.
 * It opens with the client's hello and the bot's greeting; the admin writes as the client.
 */
export function BotPreview({ script }: { script: BotScript }) {
  const t = useT();
  const headingId = useId();
  const [typed, setTyped] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [outOfHours, setOutOfHours] = useState(() => !withinWorkingHours(script.workingHours, Date.now()));
  const logRef = useRef<HTMLUListElement>(null);
  const inHours = !(script.workingHours.enabled && outOfHours);
  const lines = replayDialog(script, [t('bot.previewFirstMessage'), ...typed], inHours);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [lines.length]);

  const send = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (message.trim() === '') return;
    setTyped([...typed, message]);
    setMessage('');
  };

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="sm" bg="gray.0" data-bot-preview>
      <Stack gap="xs">
        <Title order={4} size="h5" id={headingId}>
          {t('bot.preview')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('bot.previewHint')}
        </Text>
        {script.workingHours.enabled && (
          <Checkbox
            label={t('bot.previewOutOfHours')}
            checked={outOfHours}
            onChange={(event) => {
              setOutOfHours(event.currentTarget.checked);
            }}
          />
        )}
        <Box
          component="ul"
          ref={logRef}
          role="log"
          aria-label={t('bot.previewLog')}
          aria-live="polite"
          m={0}
          p="xs"
          mah={360}
          style={{ overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 6, background: 'var(--mantine-color-green-0)', borderRadius: 8 }}
        >
          {lines.map((line, index) =>
            line.from === 'note' ? (
              <Text component="li" key={index} size="xs" c="dimmed" ta="center" style={{ listStyle: 'none' }} data-preview-author="note">
                {line.note === 'handedOver' ? t('bot.previewHandedOver') : t('bot.previewSilent')}
              </Text>
            ) : (
              <ChatBubble key={index} side={line.from} author={line.from === 'client' ? t('bot.previewClient') : t('bot.previewBot')} text={line.text} />
            ),
          )}
        </Box>
        <form onSubmit={send}>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('bot.previewInput')}
              value={message}
              onChange={(event) => {
                setMessage(event.currentTarget.value);
              }}
              style={{ flex: 1 }}
              maxLength={4096}
            />
            <Button type="submit" variant="light">
              {t('bot.previewSend')}
            </Button>
          </Group>
        </form>
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setTyped([]);
            }}
          >
            {t('bot.previewRestart')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
