import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { registryHouseholds, registryPeople } from './registry.tables.js';

/*
 * Set-based writes for bulk paths (the people import): one INSERT … SELECT FROM unnest(arrays)
 * per table and batch — a handful of parameters however many rows, the same on PGlite and a
 * PostgreSQL server — instead of a VALUES list of one parameter per cell. Ids are made by the
 * caller, so nothing has to come back. Defaults (version, timestamps, sealed_with) are the
 * tables' own; every constraint and unique index still guards every row.
 */

type HouseholdInsert = Required<Pick<typeof registryHouseholds.$inferInsert, 'id' | 'kind' | 'dwellingId' | 'path'>> & {
  updatedBy: string | null;
};
type PersonInsert = Required<
  Pick<
    typeof registryPeople.$inferInsert,
    'id' | 'householdId' | 'relation' | 'name' | 'nameInitials' | 'sex' | 'birthDate' | 'residence' | 'path'
  >
> & {
  idNumberSealed: string | null;
  idNumberIndex: string | null;
  idNumberMasked: string | null;
  phoneSealed: string | null;
  phoneIndex: string | null;
  phoneMasked: string | null;
  movedInOn: string | null;
  updatedBy: string | null;
};

/** One array parameter (not a list of parameters, which is what drizzle makes of a bare array). */
const array = <T>(rows: T[], pick: (row: T) => string | null) => sql.param(rows.map(pick));

export const registryBulkRepository = {
  async insertHouseholds(db: Executor, rows: HouseholdInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db.execute(sql`
      INSERT INTO registry_households (id, kind, dwelling_id, path, updated_by)
      SELECT * FROM unnest(
        ${array(rows, (r) => r.id)}::uuid[], ${array(rows, (r) => r.kind)}::text[],
        ${array(rows, (r) => r.dwellingId)}::uuid[], ${array(rows, (r) => r.path)}::text[],
        ${array(rows, (r) => r.updatedBy)}::uuid[])`);
  },
  async insertPeople(db: Executor, rows: PersonInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db.execute(sql`
      INSERT INTO registry_people (id, household_id, relation, name, name_initials, id_number_sealed,
        id_number_index, id_number_masked, sex, birth_date, phone_sealed, phone_index, phone_masked,
        residence, moved_in_on, path, updated_by)
      SELECT * FROM unnest(
        ${array(rows, (r) => r.id)}::uuid[], ${array(rows, (r) => r.householdId)}::uuid[],
        ${array(rows, (r) => r.relation)}::text[], ${array(rows, (r) => r.name)}::text[],
        ${array(rows, (r) => r.nameInitials)}::text[], ${array(rows, (r) => r.idNumberSealed)}::text[],
        ${array(rows, (r) => r.idNumberIndex)}::text[], ${array(rows, (r) => r.idNumberMasked)}::text[],
        ${array(rows, (r) => r.sex)}::text[], ${array(rows, (r) => r.birthDate)}::date[],
        ${array(rows, (r) => r.phoneSealed)}::text[], ${array(rows, (r) => r.phoneIndex)}::text[],
        ${array(rows, (r) => r.phoneMasked)}::text[], ${array(rows, (r) => r.residence)}::text[],
        ${array(rows, (r) => r.movedInOn)}::date[], ${array(rows, (r) => r.path)}::text[],
        ${array(rows, (r) => r.updatedBy)}::uuid[])`);
  },
};
