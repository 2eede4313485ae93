import type { DeskModule } from '../lib/desk-module';
import { apiKeysModule } from './api-keys/api-keys-module';
import { assessmentModule } from './assessment/assessment-module';
import { auditModule } from './audit/audit-module';
import { authModule } from './auth/auth-module';
import { bigScreenModule } from './big-screen/big-screen-module';
import { casesModule } from './cases/cases-module';
import { catalogModule } from './catalog/catalog-module';
import { communityFundModule } from './community-fund';
import { consultationModule } from './consultation/consultation-module';
import { gridsModule } from './grids/grids-module';
import { partyCheckInModule } from './party-check-in';
import { patrolsModule } from './patrols/patrols-module';
import { regionsModule } from './regions/regions-module';
import { registryModule } from './registry/registry-module';
import { registryImportModule } from './registry-import/registry-import-module';
import { staffingModule } from './staffing/staffing-module';
import { unitsModule } from './units/units-module';
import { usersModule } from './users/users-module';
import { volunteersModule } from './volunteers';

/** The desk's modules, in menu order. Adding a module to the desk is one line here. */
export const deskModules: DeskModule[] = [
  regionsModule,
  casesModule,
  catalogModule,
  gridsModule,
  registryModule,
  registryImportModule,
  patrolsModule,
  assessmentModule,
  bigScreenModule,
  consultationModule,
  communityFundModule,
  volunteersModule,
  partyCheckInModule,
  staffingModule,
  usersModule,
  unitsModule,
  apiKeysModule,
  auditModule,
  authModule,
];
