import type { ErrorDeclarations } from '../platform/errors.js';
import { declareErrors } from '../platform/errors.js';
import type { Module, ModuleContext } from '../platform/http.js';
import { declareFieldProblems } from '../platform/i18n.js';
import { accountsModule } from './accounts/accounts.module.js';
import { grantPermissions } from './accounts/permissions.js';
import { assessmentModule } from './assessment/assessment.module.js';
import { auditModule } from './audit/audit.module.js';
import { bigScreenModule } from './big-screen/big-screen.module.js';
import { casesModule } from './cases/cases.module.js';
import { catalogModule } from './catalog/catalog.module.js';
import { communityFundModule } from './community-fund/community-fund.module.js';
import { consultationModule } from './consultation/consultation.module.js';
import { eventsModule } from './events/events.module.js';
import { fieldModule } from './field/field.module.js';
import { gridsModule } from './grids/grids.module.js';
import { healthModule } from './health/health.module.js';
import { hotlineModule } from './hotline/hotline.module.js';
import { idempotencyModule } from './idempotency/idempotency.module.js';
import type { JobDefinition } from './jobs/job-runner.js';
import { jobsModule } from './jobs/jobs.module.js';
import { open311Module } from './open311/open311.module.js';
import { partyCheckInModule } from './party-check-in/party-check-in.module.js';
import { patrolsModule } from './patrols/patrols.module.js';
import { photosModule } from './photos/photos.module.js';
import { regionsModule } from './regions/regions.module.js';
import { registryModule } from './registry/registry.module.js';
import { registryImportModule } from './registry-import/registry-import.module.js';
import { residentsModule } from './residents/residents.module.js';
import { staffingModule } from './staffing/staffing.module.js';
import { unitsModule } from './units/units.module.js';
import { visitsModule } from './visits/visits.module.js';
import { volunteersModule } from './volunteers/volunteers.module.js';

/**
 * Every capability of the platform. Adding or removing one is one line here: what it
 * declares (tables, permissions, errors, jobs, routes) is taken in from its module.
 */
const declaredModules = [
  healthModule,
  // In the order their demo data depends on each other (demo/load-demo-county.ts): regions
  // before units before accounts (an account has a unit and a scope region), grids before staffing…
  regionsModule,
  unitsModule,
  accountsModule,
  auditModule,
  gridsModule,
  staffingModule,
  photosModule,
  catalogModule,
  casesModule,
  idempotencyModule,
  patrolsModule,
  visitsModule,
  fieldModule,
  hotlineModule,
  open311Module,
  residentsModule,
  eventsModule,
  jobsModule,
  assessmentModule,
  bigScreenModule,
  consultationModule,
  communityFundModule,
  volunteersModule,
  partyCheckInModule,
  registryModule,
  registryImportModule,
] as const satisfies readonly Module[];

export const modules: readonly Module[] = declaredModules;

type CodesOf<M> = M extends { errors: infer E extends ErrorDeclarations } ? keyof E & string : never;
/** Every error code a module declares: DomainError accepts these and the platform's, nothing else. */
export type ModuleErrorCode = CodesOf<(typeof declaredModules)[number]>;

declare module '../platform/errors.js' {
  interface ModuleErrorCodes extends Record<ModuleErrorCode, true> {}
}

// Taken in on import, since the platform and accounts may import no module (that would be a circle):
// every entry point (main.ts via app.ts, the test helpers) imports this file. A code or permission
// declared twice, or a permission of the vocabulary declared by none, stops the process here.
for (const module of modules) {
  declareErrors(module.name, module.errors ?? {});
  declareFieldProblems(module.name, module.fieldProblems ?? {});
}
grantPermissions(modules);

/** Every background job of the platform, contributed by its module; started once per process (main.ts). */
export const backgroundJobs = (ctx: ModuleContext): JobDefinition[] =>
  modules.flatMap((module) => module.jobs?.(ctx) ?? []);
