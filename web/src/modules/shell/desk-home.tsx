import { lazy } from 'react';
import { Navigate } from 'react-router';
import { useSignedIn } from '../auth';
import { menuPagesFor } from './navigation';

export const NoDeskPage = lazy(() => import('./status-pages').then((m) => ({ default: m.NoDeskPage })));
export const NotFoundPage = lazy(() => import('./status-pages').then((m) => ({ default: m.NotFoundPage })));
export const ForbiddenPage = lazy(() => import('./status-pages').then((m) => ({ default: m.ForbiddenPage })));

/** `/`: the first page this user may open. */
export function DeskHome() {
  const session = useSignedIn();
  const first = menuPagesFor(session)[0];
  if (first) return <Navigate to={`/${first.path}`} replace />;
  return <NoDeskPage />;
}
