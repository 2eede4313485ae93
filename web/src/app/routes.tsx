import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import type { DeskPage } from '../lib/desk-module';
import { FullPageSpin, RequireSession } from '../modules/auth/require-session';
import { useSignedIn } from '../modules/auth/session';
import { DeskHome, ForbiddenPage, NotFoundPage } from '../modules/shell/desk-home';
import { allDeskPages, canOpen } from '../modules/shell/navigation';
import { Shell } from '../modules/shell/shell';

const LoginPage = lazy(() => import('../modules/auth/login-page'));

/** Renders a desk page if the user's permissions allow it; the server enforces the same. */
function Guarded({ page }: { page: DeskPage }) {
  const session = useSignedIn();
  if (!canOpen(session, page)) return <ForbiddenPage />;
  return <page.Component />;
}

/** The login page, and the desk (every other path) behind the session guard. */
export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        path="/"
        element={
          <RequireSession>
            <Shell />
          </RequireSession>
        }
      >
        <Route index element={<DeskHome />} />
        {allDeskPages().map((page) => (
          <Route key={page.path} path={page.path} element={<Guarded page={page} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
