import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { ApiError, stringField } from '../api/client.js';
import { useT, type Translate } from '../i18n/useT.js';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  onClose?: () => void;
}

/** Shows why a request failed, with what the api said about it. */
export function ErrorAlert({ error, onRetry, onClose }: ErrorAlertProps) {
  const t = useT();
  const answer = error instanceof ApiError ? (stringField(error.body, 'message') ?? error.code) : undefined;
  const fields = error instanceof ApiError ? fieldMessages(error.body) : [];
  return (
    <Alert
      color="red"
      title={t('errors.title')}
      withCloseButton={onClose !== undefined}
      closeButtonLabel={t('errors.close')}
      onClose={onClose}
    >
      <Stack gap="xs">
        <Text size="sm">{summary(error, t)}</Text>
        {fields.length > 0 && (
          <List size="sm">
            {fields.map((field) => (
              <List.Item key={field}>{field}</List.Item>
            ))}
          </List>
        )}
        {answer !== undefined && (
          <Text size="xs" c="dimmed">
            {t('errors.answer', { answer })}
          </Text>
        )}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry} style={{ alignSelf: 'flex-start' }}>
            {t('errors.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

function summary(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return t('errors.unexpected', { message: error instanceof Error ? error.message : String(error) });
  }
  const { status } = error;
  if (status === 0) return t('errors.network');
  if (status === 401) return t('errors.unauthorized');
  if (status === 403) return t('errors.forbidden');
  if (status === 404) return t('errors.notFound');
  if (status === 409) return t('errors.conflict');
  if (status === 422) return t('errors.invalid');
  if (status >= 500) return t('errors.server', { status });
  return t('errors.status', { status });
}

/** `{fields: {path: message}}` of a 422, as `path: message` lines. */
function fieldMessages(body: unknown): string[] {
  const fields = typeof body === 'object' && body !== null ? (body as { fields?: unknown }).fields : undefined;
  if (typeof fields !== 'object' || fields === null) return [];
  return Object.entries(fields).map(([path, message]) => `${path}: ${String(message)}`);
}
