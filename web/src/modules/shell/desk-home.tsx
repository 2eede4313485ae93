import { lazy } from 'react';
import { Navigate } from 'react-router';
import { useSignedIn } from '../auth';
import { landingPageFor } from './navigation';

export const NoDeskPage = lazy(() => import('./status-pages').then((m) => ({ default: m.NoDeskPage })));
export const NotFoundPage = lazy(() => import('./status-pages').then((m) => ({ default: m.NotFoundPage })));
export const ForbiddenPage = lazy(() => import('./status-pages').then((m) => ({ default: m.ForbiddenPage })));

/** `/`: this user's landing page (the work queues of a desk), else the first page they may open. */
export function DeskHome() {
  const session = useSignedIn();
  const first = landingPageFor(session);
  if (first) return <Navigate to={`/${first.path}`} replace />;
  return <NoDeskPage />;
}
