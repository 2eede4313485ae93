import { useMutation } from '@tanstack/react-query';
import { MAINLAND_MOBILE_PATTERN } from '@yiwang/contracts/vocabulary';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { usePortalI18n } from '../i18n';
import { portalApi } from '../portal-api';
import { isResident, useSession, useSetSession } from '../session';
import { ErrorNote, Field, Loading, Screen } from '../ui';

/** Where to go after signing in: the page that sent the visitor here (only paths inside the portal). */
function useNext(): string {
  const [params] = useSearchParams();
  const next = params.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = usePortalI18n();
  const navigate = useNavigate();
  const sentHere = (useLocation().state as { reason?: string } | null)?.reason === 'login';
  const next = useNext();
  const setSession = useSetSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => portalApi.login(username.trim(), password),
    onSuccess: (session) => {
      setSession(session);
      // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
      void navigate(next, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <Screen title={t('auth.loginTitle')}>
      {sentHere && <p className="yr-note">{t('auth.needLogin')}</p>}
      <form className="yr-form" onSubmit={submit}>
        <Field label={t('auth.phoneOrUsername')} htmlFor="login-username">
          <input
            id="login-username"
            inputMode="tel"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label={t('auth.password')} htmlFor="login-password">
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <ErrorNote error={login.error} />
        <button type="submit" className="yr-button yr-button-primary" disabled={login.isPending}>
          {t('auth.login')}
        </button>
        <p className="yr-switch">
          {t('auth.noAccount')} <Link to={`/register?next=${encodeURIComponent(next)}`}>{t('auth.register')}</Link>
        </p>
      </form>
    </Screen>
  );
}

const MOBILE = new RegExp(MAINLAND_MOBILE_PATTERN);

export function RegisterPage() {
  const { t, locale } = usePortalI18n();
  const navigate = useNavigate();
  const next = useNext();
  const setSession = useSetSession();
  const [form, setForm] = useState({ phone: '', displayName: '', password: '', again: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: () =>
      portalApi.register({
        phone: form.phone.trim(),
        displayName: form.displayName.trim(),
        password: form.password,
        locale,
      }),
    onSuccess: (session) => {
      setSession(session);
      // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
      void navigate(next, { replace: true });
    },
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.password !== form.again) return setProblem(t('auth.passwordMismatch'));
    setProblem(null);
    register.mutate();
  };
  return (
    <Screen title={t('auth.registerTitle')}>
      <form className="yr-form" onSubmit={submit}>
        <Field label={t('auth.phone')} htmlFor="reg-phone">
          <input
            id="reg-phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            required
            maxLength={11}
            value={form.phone}
            onChange={set('phone')}
            aria-invalid={form.phone.length === 11 && !MOBILE.test(form.phone)}
          />
        </Field>
        <Field label={t('auth.displayName')} hint={t('auth.displayNameHint')} htmlFor="reg-name">
          <input
            id="reg-name"
            autoComplete="nickname"
            required
            maxLength={32}
            value={form.displayName}
            onChange={set('displayName')}
          />
        </Field>
        <Field label={t('auth.password')} hint={t('auth.passwordHint')} htmlFor="reg-password">
          <input
            id="reg-password"
            type="password"
            autoComplete="new-password"
            required
            value={form.password}
            onChange={set('password')}
          />
        </Field>
        <Field label={t('auth.passwordAgain')} htmlFor="reg-again">
          <input
            id="reg-again"
            type="password"
            autoComplete="new-password"
            required
            value={form.again}
            onChange={set('again')}
          />
        </Field>
        {problem && (
          <div className="yr-error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        <ErrorNote error={register.error} />
        <button type="submit" className="yr-button yr-button-primary" disabled={register.isPending}>
          {t('auth.register')}
        </button>
        <p className="yr-switch">
          {t('auth.haveAccount')} <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('auth.login')}</Link>
        </p>
      </form>
    </Screen>
  );
}

/** Pages for a signed-in resident: others are sent to sign in first and come back after. */
export function RequireResident({ title, children }: { title: string; children: ReactNode }) {
  const { t } = usePortalI18n();
  const { session, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (error)
    return (
      <Screen title={title}>
        <ErrorNote error={error} />
      </Screen>
    );
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace state={{ reason: 'login' }} />;
  }
  if (!isResident(session))
    return (
      <Screen title={title}>
        <p className="yr-note">{t('auth.staffAccount')}</p>
      </Screen>
    );
  return children;
}
