import type { Module } from '../../platform/http.js';
import { bigScreenRoutes } from './big-screen.routes.js';

/**
 * The big screen (大屏) of a county or town at /screen: live counts, rates, rankings and
 * the map, read from the cases, assessment, grids and patrols of the caller's scope — no
 * copy in a dashboard database, no personal data. Desks read it, and so does a wall's
 * read-only account or API key (role `screen_viewer`, which holds `screen.read` only).
 */
export const bigScreenModule = {
  name: 'big-screen',
  permissions: {
    'screen.read': ['leader', 'operator', 'workstation_staff', 'screen_viewer'],
  },
  apiRoutes: (app, ctx) => bigScreenRoutes(app, ctx),
} satisfies Module;
