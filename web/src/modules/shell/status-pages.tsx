import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n/i18n-provider';

// Result pages carry large illustrations; this file is loaded only when one is shown.

export function NoDeskPage() {
  const { t } = useI18n();
  return <Result status="info" title={t('shell.noDeskTitle')} subTitle={t('shell.noDeskHelp')} />;
}

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('shell.pageNotFound')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('action.backHome')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return <Result status="403" title="403" subTitle={t('shell.forbidden')} />;
}
