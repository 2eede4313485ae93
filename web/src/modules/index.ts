import type { DeskModule } from '../lib/desk-module';
import { apiKeysModule } from './api-keys';
import { assessmentModule } from './assessment';
import { auditModule } from './audit';
import { authModule } from './auth';
import { casesModule } from './cases';
import { catalogModule } from './catalog';
import { gridsModule } from './grids';
import { patrolsModule } from './patrols';
import { regionsModule } from './regions';
import { staffingModule } from './staffing';
import { unitsModule } from './units';
import { usersModule } from './users';

/** The desk's modules, in menu order. Adding a module to the desk is one line here. */
export const deskModules: DeskModule[] = [
  regionsModule,
  casesModule,
  catalogModule,
  gridsModule,
  patrolsModule,
  assessmentModule,
  staffingModule,
  usersModule,
  unitsModule,
  apiKeysModule,
  auditModule,
  authModule,
];
