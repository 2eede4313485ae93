import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

/** Account security inside the desk; the login page itself is routed outside the shell (app/router.tsx). */
export const authModule: DeskModule = {
  name: 'auth',
  pages: [{ path: 'account/security', permission: null, Component: lazy(() => import('./totp-setup-page')) }],
};
