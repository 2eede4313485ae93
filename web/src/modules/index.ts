import type { DeskModule } from '../lib/desk-module';
import { apiKeysModule } from './api-keys/api-keys-module';
import { assessmentModule } from './assessment/assessment-module';
import { auditModule } from './audit/audit-module';
import { authModule } from './auth/auth-module';
import { casesModule } from './cases/cases-module';
import { catalogModule } from './catalog/catalog-module';
import { consultationModule } from './consultation/consultation-module';
import { gridsModule } from './grids/grids-module';
import { patrolsModule } from './patrols/patrols-module';
import { regionsModule } from './regions/regions-module';
import { registryModule } from './registry/registry-module';
import { staffingModule } from './staffing/staffing-module';
import { unitsModule } from './units/units-module';
import { usersModule } from './users/users-module';

/** The desk's modules, in menu order. Adding a module to the desk is one line here. */
export const deskModules: DeskModule[] = [
  regionsModule,
  casesModule,
  catalogModule,
  gridsModule,
  registryModule,
  patrolsModule,
  assessmentModule,
  consultationModule,
  staffingModule,
  usersModule,
  unitsModule,
  apiKeysModule,
  auditModule,
  authModule,
];
