import { Alert, Button, Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorText } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { SignedInContext, useSessionQuery } from './session';

const ChangePasswordPage = lazy(() => import('./change-password-page'));

export function FullPageSpin() {
  return (
    <div className="yw-full-page-center">
      <Spin size="large" />
    </div>
  );
}

/** Shows its children only to a signed-in user; everyone else goes to the login page and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t, setLocale } = useI18n();
  const location = useLocation();
  const { data: session, isPending, error, refetch } = useSessionQuery();
  const accountLocale = session?.user.locale;

  useEffect(() => {
    // The account's language wins once signed in (it is also what the server answers in).
    if (accountLocale) setLocale(accountLocale);
  }, [accountLocale, setLocale]);

  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <div className="yw-full-page-center">
        <Alert
          type="error"
          showIcon
          title={t('error.sessionCheckFailed')}
          description={errorText(error)}
          action={<Button onClick={() => void refetch()}>{t('action.retry')}</Button>}
        />
      </div>
    );
  }
  if (!session) return <Navigate to="/login" replace state={{ from: location }} />;
  if (session.mustChangePassword) {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <ChangePasswordPage />
      </Suspense>
    );
  }
  if (session.totpEnrollmentRequired && location.pathname !== '/account/security') {
    return <Navigate to="/account/security" replace />;
  }
  return <SignedInContext value={session}>{children}</SignedInContext>;
}
