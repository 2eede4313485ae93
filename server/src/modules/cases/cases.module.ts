import type { Module } from '../../platform/http.js';
import { recordAudit } from '../audit/record-audit.js';
import { gridLocatorFor } from '../grids/grid-locator.js';
import { caseExportRoutes } from './case-export.routes.js';
import { caseStreamRoutes } from './case-stream.routes.js';
import { casesRoutes } from './cases.routes.js';
import { caseSettingsFrom } from './cases.settings.js';
import { routingRulesRoutes } from './routing-rules.routes.js';

/**
 * The case loop: intake from every channel, duplicates, 六定 routing, the workflow, time
 * limits and timers. The timers job (cases.jobs.ts) is started by the process (main.ts, the
 * job runner), not by building the app, so tests drive timers themselves.
 */
export const casesModule: Module = {
  name: 'cases',
  apiRoutes: (app, { config, database }) => {
    const deps = {
      db: database.db,
      locator: gridLocatorFor(database),
      secretKey: config.secretKey,
      settings: caseSettingsFrom(process.env),
      audit: recordAudit,
    };
    casesRoutes(app, deps);
    routingRulesRoutes(app, deps);
    caseStreamRoutes(app, database);
    caseExportRoutes(app, database.db, config.exportMaxRows);
  },
};
