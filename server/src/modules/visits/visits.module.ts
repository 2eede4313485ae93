import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/index.js';
import { gridLocatorFor } from '../grids/index.js';
import { loadDemoVisits } from './load-demo-visits.js';
import { visitsRoutes } from './visits.routes.js';
import * as tables from './visits.tables.js';

/** Household visits (走访) recorded in the field, and the visit plans the desk sets for grids. */
export const visitsModule = {
  name: 'visits',
  tables,
  permissions: {
    'visits.record': [
      'grid_head',
      'deputy_grid_head',
      'grid_worker',
      'supervisor',
      'informant',
      'patroller',
      'liaison',
    ],
    'visits.read': ['operator', 'workstation_staff', 'grid_head', 'supervisor'],
    'visits.plan': ['operator', 'workstation_staff', 'grid_head'],
  },
  errors: {
    'visit-plan-done': {
      status: 409,
      'zh-CN': '该走访计划已完成（已有走访记录），不能再次关联。',
      'en-US': 'This visit plan is already done (a visit closed it); it cannot be used again.',
    },
  },
  demo: loadDemoVisits,
  apiRoutes: (app, { database }) => {
    visitsRoutes(app, { db: database.db, locator: gridLocatorFor(database), audit: recordAudit });
  },
} satisfies Module;
