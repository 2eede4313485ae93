import type { Module } from '../../platform/http.js';
import { loadDemoUnits } from './load-demo-units.js';
import { unitsRoutes } from './units.routes.js';
import * as tables from './units.tables.js';

export const unitsModule = {
  name: 'units',
  tables,
  permissions: {
    'units.read': ['leader', 'operator', 'handler', 'workstation_staff', 'grid_head', 'deputy_grid_head', 'supervisor'],
    'units.manage': [],
  },
  demo: loadDemoUnits,
  apiRoutes: unitsRoutes,
} satisfies Module;
