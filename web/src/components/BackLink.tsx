import { useT } from '../i18n/useT.js';
import { AppLink } from './AppLink.js';

export function BackLink() {
  const t = useT();
  return (
    <AppLink to={{ name: 'list' }} size="sm">
      {t('connectors.back')}
    </AppLink>
  );
}
