import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { storedLocale } from '../../shared/translate';
import { LoginScreen } from '../auth/login-screen';
import { loadOutbox } from '../outbox/outbox-store';
import { onDelivered, startSync, syncNow, syncStatus } from '../outbox/outbox-sync';
import { pauseRecording, resumePatrol } from '../patrol/patrol-store';
import { forgetToday, loadCatalog, loadToday, todayStore } from '../today/today-data';
import { TodayScreen } from '../today/today-screen';
import { ConfirmHost } from './confirm';
import { I18nProvider, translate, useI18n } from './i18n';
import { logOut, refreshSession, sessionStore } from './session';
import { useStore } from './store';
import { showToast, Toast } from './toast';

// Screens past the first are their own chunks (the service worker precaches them for offline use).
const ReportScreen = lazy(() => import('../report/report-screen'));
const VerifyScreen = lazy(() => import('../verify/verify-screen'));
const VisitScreen = lazy(() => import('../visits/visit-screen'));
const OutboxScreen = lazy(() => import('../outbox/outbox-screen'));
const ScoresScreen = lazy(() => import('../scores/scores-screen'));
const InspectionsScreen = lazy(() => import('../inspections/inspections-screen'));
const HouseholdsScreen = lazy(() => import('../households/households-screen'));
const HouseholdScreen = lazy(() => import('../households/household-screen'));

/** Field roles' permission to report; an account without it (a resident, a desk-only clerk) has nothing to do here. */
const FIELD_PERMISSION = 'cases.report';

let booted: string | null = null;

/** Per signed-in user: their tasks, the catalog, their open patrol, and the outbox sync. */
async function startUserSession(userId: string): Promise<void> {
  if (booted === userId) return;
  booted = userId;
  startSync();
  void loadCatalog();
  await loadToday(userId);
  await resumePatrol(userId, todayStore.get().data?.patrol ?? null);
  void syncNow({ flushPoints: true });
}

export function bootWorkerApp(): void {
  void loadOutbox().then(() => refreshSession());
  sessionStore.subscribe(() => {
    const state = sessionStore.get();
    if (state.status === 'signed-in') void startUserSession(state.session.user.id);
    if (state.status === 'signed-out' && booted) {
      booted = null;
      pauseRecording();
      forgetToday();
    }
  });
  // What was delivered changes today's lists (a verified case leaves 待核查, a report joins 我的上报).
  let reload: ReturnType<typeof setTimeout> | null = null;
  onDelivered((item) => {
    if (item.request.kind === 'verify') showToast(translate(storedLocale(), 'verify.delivered', { title: item.title }));
    if (reload) clearTimeout(reload);
    reload = setTimeout(() => {
      const state = sessionStore.get();
      if (state.status === 'signed-in') void loadToday(state.session.user.id);
    }, 500);
  });
  // Both ways: the browser's guess of connectivity drives whether a sync round is tried at all.
  window.addEventListener('online', () => {
    const state = sessionStore.get();
    if (state.status === 'signed-in') void loadToday(state.session.user.id);
  });
}

function Loading() {
  const { t } = useI18n();
  return <div className="wa-center wa-muted">{t('app.loading')}</div>;
}

function SignedInApp() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<TodayScreen />} />
        <Route path="/report" element={<ReportScreen />} />
        <Route path="/verify/:code" element={<VerifyScreen />} />
        <Route path="/visit" element={<VisitScreen />} />
        <Route path="/outbox" element={<OutboxScreen />} />
        <Route path="/scores" element={<ScoresScreen />} />
        <Route path="/inspections" element={<InspectionsScreen />} />
        <Route path="/households" element={<HouseholdsScreen />} />
        <Route path="/households/:id" element={<HouseholdScreen />} />
        <Route path="*" element={<TodayScreen />} />
      </Routes>
    </Suspense>
  );
}

function Gate() {
  const { t } = useI18n();
  const state = useStore(sessionStore);
  useEffect(() => {
    const online = () => syncStatus.set((s) => ({ ...s, online: true }));
    const offline = () => syncStatus.set((s) => ({ ...s, online: false }));
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, []);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out') return <LoginScreen sessionEnded={state.reason === 'ended'} />;
  if (!state.session.permissions.includes(FIELD_PERMISSION)) {
    return (
      <div className="wa-center">
        <p>{t('app.noRole')}</p>
        <button type="button" className="wa-btn" onClick={() => void logOut()}>
          {t('app.logout')}
        </button>
      </div>
    );
  }
  return <SignedInApp />;
}

export function WorkerApp() {
  return (
    <I18nProvider>
      <BrowserRouter basename="/m">
        <div className="wa-app">
          <Gate />
          <Toast />
          <ConfirmHost />
        </div>
      </BrowserRouter>
    </I18nProvider>
  );
}
