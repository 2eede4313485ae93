import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/record-audit.js';
import { gridLocatorFor } from '../grids/grid-locator.js';
import { visitsRoutes } from './visits.routes.js';

/** Household visits (走访) recorded in the field, and the visit plans the desk sets for grids. */
export const visitsModule: Module = {
  name: 'visits',
  apiRoutes: (app, { database }) => {
    visitsRoutes(app, { db: database.db, locator: gridLocatorFor(database), audit: recordAudit });
  },
};
