import { STAFF_ROLES } from '@yiwang/contracts';
import type { Module } from '../../platform/http.js';
import { recordAudit, recordAudits } from '../audit/index.js';
import { gridLocatorFor } from '../grids/index.js';
import { caseExportRoutes } from './case-export.routes.js';
import { caseStreamRoutes } from './case-stream.routes.js';
import { caseErrors } from './cases.errors.js';
import { caseJobs } from './cases.jobs.js';
import { casesRoutes } from './cases.routes.js';
import { caseSettingsFrom } from './cases.settings.js';
import * as tables from './cases.tables.js';
import { loadDemoCaseLoop } from './load-demo-cases.js';
import { routingRulesRoutes } from './routing-rules.routes.js';

/**
 * The case loop: intake from every channel, duplicates, 六定 routing, the workflow, time
 * limits and timers. The timers job (cases.jobs.ts) is started by the process (main.ts, the
 * job runner), not by building the app, so tests drive timers themselves.
 */
export const casesModule = {
  name: 'cases',
  tables,
  permissions: {
    'cases.report': [...STAFF_ROLES, 'resident'],
    'cases.read': [
      'leader',
      'operator',
      'workstation_staff',
      'grid_head',
      'deputy_grid_head',
      'grid_worker',
      'supervisor',
      'informant',
      'patroller',
      'liaison',
    ],
    'cases.read-unit': ['handler'],
    'cases.read-own': ['resident'],
    'cases.operate': ['operator', 'workstation_staff'],
    'cases.handle': ['handler', 'workstation_staff'],
    'cases.verify': ['operator', 'workstation_staff', 'grid_worker', 'supervisor', 'patroller'],
    'cases.rate': ['operator', 'workstation_staff', 'resident'],
    'cases.supervise': ['leader', 'operator', 'supervisor'],
    'cases.reveal': ['operator', 'workstation_staff'],
    'routing.manage': ['operator'],
  },
  errors: caseErrors,
  fieldProblems: {
    'base-grid': {
      'zh-CN': '须为三级（基础）网格；较大的范围请按区域设置',
      'en-US': 'must be a base (level 3) grid; for a larger area give its region',
    },
    'same-case': { 'zh-CN': '不能是同一个案件', 'en-US': 'must be another case' },
  },
  jobs: caseJobs,
  demo: loadDemoCaseLoop,
  apiRoutes: (app, { config, database }) => {
    const deps = {
      db: database.db,
      locator: gridLocatorFor(database),
      secretKey: config.secretKey,
      settings: caseSettingsFrom(process.env),
      audit: recordAudit,
      auditAll: recordAudits,
    };
    casesRoutes(app, deps);
    routingRulesRoutes(app, deps);
    caseStreamRoutes(app, database);
    caseExportRoutes(app, database.db, config.exportMaxRows);
  },
} satisfies Module;
