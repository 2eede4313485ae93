import { type ReactNode, useState } from 'react';
import { createPortal } from 'react-dom';
import { NavLink, useNavigate } from 'react-router';
import { useLargeText } from '../../shared/large-text';
import { isPending } from '../outbox/outbox-logic';
import { outboxItems } from '../outbox/outbox-store';
import { syncStatus } from '../outbox/outbox-sync';
import { askConfirm } from './confirm';
import { useI18n } from './i18n';
import { applyUpdate, updateReady } from './service-worker-registration';
import { logOut } from './session';
import { useStore } from './store';

function Header({ title, back }: { title: string; back?: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const { online } = useStore(syncStatus);
  const pending = useStore(outboxItems).filter(isPending).length;
  const [menu, setMenu] = useState(false);
  const [largeText, setLargeText] = useLargeText();
  return (
    <header className="wa-header">
      {back && (
        <button type="button" aria-label={t('app.back')} onClick={() => navigate(-1)}>
          ‹
        </button>
      )}
      <h1>{title}</h1>
      <span className="wa-net" data-online={online} data-testid="network-state">
        {online ? t('app.online') : t('app.offline')}
      </span>
      <button type="button" aria-label={t('app.menu')} onClick={() => setMenu(true)}>
        ☰
      </button>
      {/* In <body>, not the sticky header: the header's stacking order would put the sheet under the action bar. */}
      {menu &&
        createPortal(
          // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the backdrop closes the sheet; its buttons are the keyboard way
          <div className="wa-sheet-backdrop" onClick={() => setMenu(false)}>
            <div className="wa-sheet">
              <button
                type="button"
                className="wa-btn wa-btn-secondary"
                onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
              >
                {t('app.language')}
              </button>
              <button
                type="button"
                className="wa-btn wa-btn-secondary"
                aria-pressed={largeText}
                data-testid="large-text"
                onClick={() => setLargeText(!largeText)}
              >
                {largeText ? '✓ ' : ''}
                {t('app.largeText')}
              </button>
              <button
                type="button"
                className="wa-btn wa-btn-red"
                onClick={async () => {
                  setMenu(false);
                  if (
                    pending > 0 &&
                    !(await askConfirm(t('app.logoutPending', { count: pending }), {
                      confirm: t('app.logout'),
                      danger: true,
                    }))
                  )
                    return;
                  void logOut();
                }}
              >
                {t('app.logout')}
              </button>
            </div>
          </div>,
          document.body,
        )}
    </header>
  );
}

function NavBar() {
  const { t } = useI18n();
  const pending = useStore(outboxItems).filter((i) => isPending(i) || i.state === 'failed').length;
  return (
    <nav className="wa-nav">
      <div className="wa-nav-inner">
        <NavLink to="/" end>
          <span className="wa-nav-icon">⌂</span>
          {t('nav.today')}
        </NavLink>
        <NavLink to="/report" className="wa-nav-report" data-testid="nav-report">
          <span className="wa-nav-icon">＋</span>
          {t('nav.report')}
        </NavLink>
        <NavLink to="/visit">
          <span className="wa-nav-icon">✎</span>
          {t('nav.visit')}
        </NavLink>
        <NavLink to="/outbox" data-testid="nav-outbox">
          <span className="wa-nav-icon">⇅</span>
          {t('nav.outbox')}
          {pending > 0 && (
            <span className="wa-badge" data-testid="outbox-badge">
              {pending}
            </span>
          )}
        </NavLink>
      </div>
    </nav>
  );
}

/** A screen: header, content, the nav bar; `action` is the screen's primary button, above the nav bar. */
export function Screen({
  title,
  back,
  action,
  children,
}: {
  title: string;
  back?: boolean;
  action?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const waiting = useStore(updateReady);
  return (
    <>
      <Header title={title} {...(back ? { back } : {})} />
      <main className={action ? 'wa-main' : 'wa-main wa-no-action'}>
        {waiting && (
          <button
            type="button"
            className="wa-banner"
            data-tone="info"
            style={{ width: '100%', border: 0 }}
            onClick={applyUpdate}
          >
            {t('app.updateReady')}
          </button>
        )}
        {children}
      </main>
      {action && (
        <div className="wa-action-bar">
          <div className="wa-action-bar-inner">{action}</div>
        </div>
      )}
      <NavBar />
    </>
  );
}
