import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/record-audit.js';
import { gridLocatorFor } from '../grids/grid-locator.js';
import { patrolsRoutes } from './patrols.routes.js';

/**
 * Patrols (巡查): the worker app records GPS tracks; the desk sees live positions and the
 * tracks of a day. Tracks are personal data: read only with `patrols.read` within scope,
 * every view audited, deleted after the retention period by a sweep the process starts
 * (main.ts, runTrackRetentionWithApp).
 */
export const patrolsModule: Module = {
  name: 'patrols',
  apiRoutes: (app, { database }) => {
    patrolsRoutes(app, { db: database.db, locator: gridLocatorFor(database), audit: recordAudit });
  },
};
