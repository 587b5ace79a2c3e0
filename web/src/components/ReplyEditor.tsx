import { Stack, Switch, Textarea } from '@mantine/core';
import type { ConnectorSettings } from '../api/settings.js';
import { useT } from '../i18n/useT.js';

type Reply = ConnectorSettings['autoresponders']['voiceMessage']['reply'];

interface ReplyEditorProps {
  reply: Reply;
  onChange: (reply: Reply) => void;
  error?: string;
}

/** An automatic reply: on/off and its text. The text stays editable (and kept) while the reply is off. */
export function ReplyEditor({ reply, onChange, error }: ReplyEditorProps) {
  const t = useT();
  return (
    <Stack gap="xs">
      <Switch
        label={t('autoresponders.replyEnabled')}
        checked={reply.enabled}
        onChange={(event) => {
          onChange({ ...reply, enabled: event.currentTarget.checked });
        }}
      />
      <Textarea
        label={t('autoresponders.replyText')}
        value={reply.text}
        onChange={(event) => {
          onChange({ ...reply, text: event.currentTarget.value });
        }}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={4096}
        error={error}
      />
    </Stack>
  );
}
