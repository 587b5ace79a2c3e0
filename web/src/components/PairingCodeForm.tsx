import { Alert, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { normalizePhone } from '../../../domain/phone.js';
import { usePairingCode } from '../api/connectors.js';
import { useT } from '../i18n/useT.js';
import { DEFAULT_PHONE_REGION } from '../lib/phoneRegion.js';
import { ErrorAlert } from './ErrorAlert.js';

/** Pairing without a camera: the admin gives the account's number, WhatsApp answers with a code to type on the phone. */
export function PairingCodeForm({ connectorId }: { connectorId: string }) {
  const t = useT();
  const pairingCode = usePairingCode(connectorId);
  const [phone, setPhone] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const normalized = normalizePhone(phone, DEFAULT_PHONE_REGION);
    setInvalid(!normalized.ok);
    if (normalized.ok) pairingCode.mutate(normalized.e164);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('pairing.phoneLabel')}
            placeholder={t('pairing.phonePlaceholder')}
            type="tel"
            autoComplete="tel"
            value={phone}
            onChange={(event) => {
              setPhone(event.currentTarget.value);
            }}
            error={invalid ? t('pairing.invalid') : undefined}
            style={{ flex: '1 1 14rem' }}
          />
          <Button type="submit" variant="light" loading={pairingCode.isPending}>
            {t('pairing.submit')}
          </Button>
        </Group>
        {pairingCode.isError && <ErrorAlert error={pairingCode.error} onClose={pairingCode.reset} />}
        {pairingCode.data && (
          <Alert color="blue" title={t('pairing.codeLabel')} role="status">
            <Stack gap="xs">
              <Code fz="xl" fw={700} data-pairing-code={pairingCode.data.code} style={{ letterSpacing: '0.2em' }}>
                {pairingCode.data.code}
              </Code>
              <Text size="sm">{t('pairing.codeInstructions')}</Text>
            </Stack>
          </Alert>
        )}
      </Stack>
    </form>
  );
}
