import { type FormEvent, useState } from 'react';
import { syncStatus } from '../outbox/outbox-sync';
import { useI18n } from '../shell/i18n';
import { logIn } from '../shell/session';
import { useStore } from '../shell/store';

/** Sign-in, once per session; after a session ends the outbox stays on the phone and resumes after this. */
export function LoginScreen({ sessionEnded }: { sessionEnded: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const { online } = useStore(syncStatus);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await logIn(username.trim(), password);
    setBusy(false);
    if (!outcome.ok) setError(outcome.status === 0 ? t('login.offline') : outcome.message || t('login.failed'));
  };

  return (
    <main className="wa-login">
      <div className="wa-logo" aria-hidden="true">
        网
      </div>
      <h1>{t('login.title')}</h1>
      {sessionEnded && (
        <p className="wa-banner" data-testid="session-ended">
          {t('login.sessionEnded')}
        </p>
      )}
      {!online && <p className="wa-banner">{t('login.offline')}</p>}
      <form onSubmit={submit}>
        <label className="wa-field">
          <span>{t('login.username')}</span>
          <input
            className="wa-input"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="wa-field">
          <span>{t('login.password')}</span>
          <input
            className="wa-input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="wa-banner" data-tone="error" role="alert">
            {error}
          </p>
        )}
        <button className="wa-btn wa-btn-huge" type="submit" disabled={busy} style={{ width: '100%' }}>
          {t('login.submit')}
        </button>
      </form>
      <p style={{ textAlign: 'center' }}>
        <button type="button" className="wa-link" onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>
          {t('app.language')}
        </button>
      </p>
    </main>
  );
}
