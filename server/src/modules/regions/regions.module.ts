import { STAFF_ROLES } from '@yiwang/contracts';
import type { Module } from '../../platform/http.js';
import { loadDemoRegionTree } from './load-region-tree.js';
import { regionsRoutes } from './regions.routes.js';
import * as tables from './regions.tables.js';

export const regionsModule = {
  name: 'regions',
  tables,
  permissions: {
    'regions.read': [...STAFF_ROLES],
  },
  demo: loadDemoRegionTree,
  apiRoutes: regionsRoutes,
} satisfies Module;
