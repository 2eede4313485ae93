import type { Module, ModuleContext } from '../platform/http.js';
import { accountsJobs } from './accounts/accounts.jobs.js';
import { accountsModule } from './accounts/accounts.module.js';
import { auditJobs } from './audit/audit.jobs.js';
import { auditModule } from './audit/audit.module.js';
import { caseJobs } from './cases/cases.jobs.js';
import { casesModule } from './cases/cases.module.js';
import { catalogModule } from './catalog/catalog.module.js';
import { fieldModule } from './field/field.module.js';
import { gridsModule } from './grids/grids.module.js';
import { healthModule } from './health/health.module.js';
import { hotlineJobs } from './hotline/hotline.jobs.js';
import { hotlineModule } from './hotline/hotline.module.js';
import { idempotencyJobs } from './idempotency/idempotency.jobs.js';
import type { JobDefinition } from './jobs/job-runner.js';
import { open311Module } from './open311/open311.module.js';
import { patrolJobs } from './patrols/patrols.jobs.js';
import { patrolsModule } from './patrols/patrols.module.js';
import { photosModule } from './photos/photos.module.js';
import { regionsModule } from './regions/regions.module.js';
import { residentsModule } from './residents/residents.module.js';
import { staffingModule } from './staffing/staffing.module.js';
import { unitsModule } from './units/units.module.js';
import { visitsModule } from './visits/visits.module.js';

/** Every capability of the platform. Adding or removing one is one line here. */
export const modules: Module[] = [
  healthModule,
  accountsModule,
  auditModule,
  regionsModule,
  unitsModule,
  gridsModule,
  staffingModule,
  photosModule,
  catalogModule,
  casesModule,
  patrolsModule,
  visitsModule,
  fieldModule,
  hotlineModule,
  open311Module,
  residentsModule,
];

/** Every background job of the platform, contributed by its module; started once per process (main.ts). */
export const backgroundJobs = (ctx: ModuleContext): JobDefinition[] => [
  ...accountsJobs(ctx),
  ...auditJobs(ctx),
  ...caseJobs(ctx),
  ...idempotencyJobs(ctx),
  ...hotlineJobs(ctx),
  ...patrolJobs(ctx),
];
