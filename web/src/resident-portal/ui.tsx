import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLargeText } from '../shared/large-text';
import { type PortalI18n, usePortalI18n } from './i18n';
import { ApiError } from './portal-api';

/** The message to show for a failed call: the server's (already in the reader's language) or ours. */
export function errorText(error: unknown, t: PortalI18n['t']): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    return error.code === 'network' ? t('error.network') : t('error.http', { status: error.status });
  }
  return error instanceof Error && error.message ? error.message : t('error.network');
}

/** A failed call: the message, and what is wrong with each field when the server says. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = usePortalI18n();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="yr-error" role="alert" data-testid="portal-error">
      <p>{errorText(error, t)}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={`${d.field}-${d.code}`}>{d.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A screen: a bar with the way back and the language switch, then the content. */
export function Screen({ title, back = '/', children }: { title: string; back?: string | null; children: ReactNode }) {
  const { t, locale, setLocale } = usePortalI18n();
  const [largeText, setLargeText] = useLargeText();
  return (
    <div className="yr-screen">
      <header className="yr-bar">
        {back !== null ? (
          <Link to={back} className="yr-bar-back" aria-label={t('nav.back')}>
            ‹
          </Link>
        ) : (
          <span className="yr-bar-back" />
        )}
        <h1>{title}</h1>
        <button
          type="button"
          className="yr-link"
          aria-pressed={largeText}
          data-testid="large-text"
          onClick={() => setLargeText(!largeText)}
        >
          {t('app.largeText')}
        </button>
        <button
          type="button"
          className="yr-link"
          lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
          onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
        >
          {t('language.switch')}
        </button>
      </header>
      <main className="yr-main">{children}</main>
    </div>
  );
}

/** A labelled form field with an optional hint; the control is the child. */
export function Field({
  label,
  hint,
  htmlFor,
  children,
}: {
  label: string;
  hint?: string;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <div className="yr-field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && <p className="yr-hint">{hint}</p>}
    </div>
  );
}

export function Loading() {
  const { t } = usePortalI18n();
  return (
    <p className="yr-loading" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}
