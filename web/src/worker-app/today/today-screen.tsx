import type { CaseSummary } from '@yiwang/contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { usePosition } from '../geo/position';
import { pendingVerifications } from '../outbox/outbox-logic';
import { outboxItems } from '../outbox/outbox-store';
import { formatDuration } from '../patrol/patrol-logic';
import { patrolStore, startPatrol, stopPatrol } from '../patrol/patrol-store';
import { askConfirm } from '../shell/confirm';
import { useI18n } from '../shell/i18n';
import type { WorkerMessageKey } from '../shell/messages';
import { Screen } from '../shell/screen';
import { currentUserId, sessionStore } from '../shell/session';
import { useStore } from '../shell/store';
import { loadToday, todayStore } from './today-data';

// OpenLayers is large: the map loads after the lists, in its own chunk.
const GridMapView = lazy(() => import('./grid-map-view'));

const STATE_TONE: Partial<Record<CaseSummary['state'], string>> = {
  reported: 'amber',
  handled: 'amber',
  closed: 'green',
  rated: 'green',
  archived: 'green',
  voided: 'grey',
  returned: 'red',
};

export function StateTag({ state }: { state: CaseSummary['state'] }) {
  const { t } = useI18n();
  return (
    <span className="wa-tag" data-tone={STATE_TONE[state] ?? 'blue'}>
      {t(`state.${state}` as WorkerMessageKey)}
    </span>
  );
}

function PatrolButton() {
  const { t } = useI18n();
  const { active, pendingPoints, problem } = useStore(patrolStore);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  const userId = currentUserId();
  return (
    <div style={{ width: '100%' }}>
      {problem && (
        <p className="wa-banner" data-tone="error">
          {problem}
        </p>
      )}
      {active ? (
        <>
          <p className="wa-patrol-info" data-testid="patrol-info">
            {t('patrol.on', { duration: formatDuration(active.startedAt, now) })} ·{' '}
            {t('patrol.points', { count: active.recordedCount, pending: pendingPoints })}
          </p>
          <button
            type="button"
            className="wa-btn wa-btn-huge wa-btn-red"
            style={{ width: '100%' }}
            data-testid="patrol-toggle"
            data-on="true"
            onClick={async () => {
              if (await askConfirm(t('patrol.confirmStop'), { confirm: t('patrol.stop'), danger: true }))
                void stopPatrol();
            }}
          >
            ■ {t('patrol.stop')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="wa-btn wa-btn-huge wa-btn-green"
          style={{ width: '100%' }}
          data-testid="patrol-toggle"
          data-on="false"
          disabled={!userId}
          onClick={() => userId && void startPatrol(userId)}
        >
          ▶ {t('patrol.start')}
        </button>
      )}
    </div>
  );
}

function CaseRows({ cases, to }: { cases: readonly CaseSummary[]; to?: (c: CaseSummary) => string }) {
  const { t, name } = useI18n();
  if (cases.length === 0) return <p className="wa-muted">{t('today.none')}</p>;
  return (
    <ul className="wa-list">
      {cases.map((c) => {
        const content = (
          <>
            <div className="wa-row-main">
              <div className="wa-row-title">{name(c.matter)}</div>
              <div className="wa-row-sub">
                {c.code} · {c.address ?? c.description}
              </div>
            </div>
            <StateTag state={c.state} />
            {to && <span className="wa-chevron">›</span>}
          </>
        );
        return (
          <li key={c.code}>
            {to ? (
              <Link className="wa-row" to={to(c)} data-testid={`case-${c.code}`}>
                {content}
              </Link>
            ) : (
              <div className="wa-row" data-testid={`case-${c.code}`}>
                {content}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Today: my grid, what waits for me (verify, visit), what I reported, and the patrol button under the thumb. */
export function TodayScreen() {
  const { t, name, locale } = useI18n();
  const session = useStore(sessionStore);
  const today = useStore(todayStore);
  const position = usePosition();
  const data = today.data;
  const items = useStore(outboxItems);
  const userId = currentUserId();
  // Verified here but not yet (or only just) known to the server: no longer waiting for me.
  const verified = userId ? pendingVerifications(items, userId, today.savedAt) : new Set<string>();
  const toVerify = (data?.toVerify ?? []).filter((c) => !verified.has(c.code));

  useEffect(() => {
    const signedIn = currentUserId();
    if (signedIn) void loadToday(signedIn);
  }, []);

  const displayName = session.status === 'signed-in' ? session.session.user.displayName : '';
  return (
    <Screen title={t('app.title')} action={<PatrolButton />}>
      <p className="wa-small" style={{ margin: '0 0 10px' }}>
        {t('today.greeting', { name: displayName })}
      </p>
      <p className="wa-small" style={{ margin: '0 0 10px' }}>
        <Link to="/scores" data-testid="my-scores-link">
          {t('scores.link')}
        </Link>{' '}
        <Link to="/inspections" data-testid="my-inspections-link">
          {t('inspect.link')}
        </Link>{' '}
        <Link to="/households" data-testid="households-link">
          {t('households.title')}
        </Link>
      </p>
      {today.stale && today.savedAt && (
        <p className="wa-banner" data-testid="today-stale">
          {t('today.stale', { time: new Date(today.savedAt).toLocaleString(locale) })}
        </p>
      )}
      {!data && today.error && (
        <p className="wa-banner" data-tone="error">
          {t('today.loadFailed', { message: today.error.failure.message || today.error.failure.code })}
        </p>
      )}
      <div className="wa-today-grid">
        <div>
          <section className="wa-card" data-testid="to-verify">
            <h2>
              {t('today.toVerify')} <span className="wa-count">{toVerify.length}</span>
            </h2>
            <CaseRows cases={toVerify} to={(c) => `/verify/${c.code}`} />
          </section>
          <section className="wa-card" data-testid="visits-due">
            <h2>
              {t('today.visitsDue')} <span className="wa-count">{data?.visitsDue.length ?? 0}</span>
            </h2>
            {(data?.visitsDue.length ?? 0) === 0 ? (
              <p className="wa-muted">{t('today.none')}</p>
            ) : (
              <ul className="wa-list">
                {data?.visitsDue.map((plan) => (
                  <li key={plan.id}>
                    <Link className="wa-row" to={`/visit?plan=${plan.id}`}>
                      <div className="wa-row-main">
                        <div className="wa-row-title">{plan.address}</div>
                        <div className="wa-row-sub">
                          {t('today.dueOn', { date: plan.dueOn })}
                          {plan.note ? ` · ${plan.note}` : ''}
                        </div>
                      </div>
                      <span className="wa-chevron">›</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div>
          <section className="wa-card">
            <h2>
              {t('today.myGrid')}
              <span className="wa-count">{data?.grids.map((g) => name(g)).join('、')}</span>
            </h2>
            {data && data.grids.length === 0 && <p className="wa-muted">{t('today.noGrid')}</p>}
            {data && data.grids.length > 0 && (
              <Suspense fallback={<div className="wa-map wa-center wa-muted">{t('today.mapLoading')}</div>}>
                <GridMapView grids={data.grids} fix={position.fix} />
              </Suspense>
            )}
          </section>
          <section className="wa-card" data-testid="my-reports">
            <h2>
              {t('today.myReports')} <span className="wa-count">{data?.myReports.length ?? 0}</span>
            </h2>
            <CaseRows cases={data?.myReports ?? []} />
          </section>
        </div>
      </div>
    </Screen>
  );
}
