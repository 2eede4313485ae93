import type { Module } from '../../platform/http.js';
import { caseSettingsFrom } from '../cases/index.js';
import { gridLocatorFor } from '../grids/index.js';
import { hotlineJobs } from './hotline.jobs.js';
import { hotlineRoutes } from './hotline.routes.js';
import * as tables from './hotline.tables.js';
import { recordHotlineAudit } from './hotline-audit.js';

/**
 * The 12345 hotline: signed inbound work orders become cases (channel 'hotline'), and
 * every timeline event of those cases is pushed back by signed callbacks with retries
 * (the callback loop is started by the process, main.ts, like the case timers).
 */
export const hotlineModule = {
  name: 'hotline',
  tables,
  jobs: hotlineJobs,
  apiRoutes: (app, { config, database }) =>
    hotlineRoutes(
      app,
      {
        db: database.db,
        locator: gridLocatorFor(database),
        secretKey: config.secretKey,
        settings: caseSettingsFrom(process.env),
        audit: recordHotlineAudit,
      },
      config.hotline,
    ),
} satisfies Module;
