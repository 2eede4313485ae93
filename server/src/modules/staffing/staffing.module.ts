import type { Module } from '../../platform/http.js';
import { loadDemoStaffing } from './load-demo-staffing.js';
import { staffingRoutes } from './staffing.routes.js';
import * as tables from './staffing.tables.js';

export const staffingModule = {
  name: 'staffing',
  tables,
  permissions: {
    'staffing.read': [
      'leader',
      'operator',
      'handler',
      'workstation_staff',
      'grid_head',
      'deputy_grid_head',
      'supervisor',
    ],
    'staffing.manage': ['operator', 'workstation_staff', 'grid_head'],
  },
  fieldProblems: {
    'same-as-holder': { 'zh-CN': '备岗人员不能与在岗人员相同', 'en-US': 'must be a different person from the holder' },
  },
  demo: loadDemoStaffing,
  apiRoutes: staffingRoutes,
} satisfies Module;
