import { Alert } from '@mantine/core';
import { useT } from '../i18n/useT.js';

/** Inside Bitrix24 there is no login form: a new session comes when Bitrix24 opens the settings again. */
export function SessionEnded() {
  const t = useT();
  return (
    <Alert color="yellow" role="alert">
      {t('placement.sessionEnded')}
    </Alert>
  );
}
