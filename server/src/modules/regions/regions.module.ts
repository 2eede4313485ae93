import type { Module } from '../../platform/http.js';
import { loadRegionTree } from './load-region-tree.js';
import { regionsRoutes } from './regions.routes.js';
import * as tables from './regions.tables.js';

export const regionsModule = {
  name: 'regions',
  tables,
  permissions: {
    'regions.read': [
      'leader',
      'operator',
      'handler',
      'workstation_staff',
      'grid_head',
      'deputy_grid_head',
      'grid_worker',
      'supervisor',
      'informant',
      'patroller',
      'liaison',
    ],
  },
  demo: loadRegionTree,
  apiRoutes: regionsRoutes,
} satisfies Module;
