import { Image, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/useT.js';

/** The current WhatsApp QR; `data-qr` carries the encoded string (what the phone reads). */
export function QrCode({ qr, qrDataUrl }: { qr: string; qrDataUrl: string }) {
  const t = useT();
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">{t('status.qrInstructions')}</Text>
      <Image
        src={qrDataUrl}
        data-qr={qr}
        alt={t('status.qrAlt')}
        w={232}
        h={232}
        fit="contain"
        radius="sm"
        style={{ imageRendering: 'pixelated', border: '1px solid var(--mantine-color-default-border)' }}
      />
      <Text size="xs" c="dimmed">
        {t('status.qrRotates')}
      </Text>
    </Stack>
  );
}
