import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { applyStoredLargeText } from '../shared/large-text';
import { PortalI18nProvider, usePortalI18n } from './i18n';
import { LoginPage, RegisterPage } from './pages/auth-pages';
import { ConsultPage, DecisionPage, MeetingPage, NoticesPage } from './pages/consultation-pages';
import FollowPage from './pages/follow-page';
import { FundLedgerPage, FundListPage } from './pages/fund-page';
import HomePage from './pages/home-page';
import MyReportsPage from './pages/my-reports-page';
import ReportPage from './pages/report-page';
import ServicesPage from './pages/services-page';
import VolunteerPage from './pages/volunteer-page';
import { ApiError, configurePortalApi } from './portal-api';
import { SESSION_KEY } from './session';
import { Screen } from './ui';
import './portal.css';

/**
 * The resident portal at /r: report a problem with photos and a map pin, follow a case by
 * code and key without an account, see one's reports and rate them. Phone-first, plain
 * React and a little CSS (no desk modules); OpenLayers loads only with the pin map.
 */

/** Retry only what may succeed on a second try: network trouble and server errors, never a 4xx. */
const shouldRetry = (failures: number, error: unknown) =>
  failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

// A call that finds the session gone forgets it, so the page asks to sign in again.
configurePortalApi({ onUnauthenticated: () => queryClient.setQueryData(SESSION_KEY, null) });

function NotFound() {
  const { t } = usePortalI18n();
  return (
    <Screen title={t('app.name')}>
      <p className="yr-note">
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </Screen>
  );
}

function Portal() {
  return (
    <Routes>
      <Route index element={<HomePage />} />
      <Route path="login" element={<LoginPage />} />
      <Route path="register" element={<RegisterPage />} />
      <Route path="report" element={<ReportPage />} />
      <Route path="follow" element={<FollowPage />} />
      <Route path="mine" element={<MyReportsPage />} />
      <Route path="fund" element={<FundListPage />} />
      <Route path="fund/:code" element={<FundLedgerPage />} />
      <Route path="volunteer" element={<VolunteerPage />} />
      <Route path="services" element={<ServicesPage />} />
      <Route path="consult" element={<ConsultPage />} />
      <Route path="consult/meetings/:id" element={<MeetingPage />} />
      <Route path="consult/decisions/:id" element={<DecisionPage />} />
      <Route path="notices" element={<NoticesPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

applyStoredLargeText();
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    <PortalI18nProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter basename="/r">
          <Portal />
        </BrowserRouter>
      </QueryClientProvider>
    </PortalI18nProvider>
  </StrictMode>,
);
