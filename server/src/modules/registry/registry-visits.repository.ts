import type { RegistryRecordKind } from '@yiwang/contracts';
import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { registryHistory } from './registry.tables.js';
import { registryHouseholdVisits, registryQualityDaily, registryVisitReviews } from './registry-visits.tables.js';

export type HouseholdVisitRow = typeof registryHouseholdVisits.$inferSelect;
export type VisitReviewRow = typeof registryVisitReviews.$inferSelect;
export type QualityDailyRow = typeof registryQualityDaily.$inferSelect;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const scopeSql = (column: string, scopePath: string) =>
  sql`(${sql.raw(column)} = ${scopePath} OR ${sql.raw(column)} LIKE ${`${escapeLike(scopePath)}/%`})`;

/** Household visits, their reviews and the data-quality counts (issue 11 items 6 and 7). */
export const registryVisitsRepository = {
  /** Households under any of the paths with their address, current head and members, and last visit; by address text. */
  async householdsInScope(db: Executor, filter: { scopePaths: string[]; q?: string | undefined; limit: number }) {
    if (filter.scopePaths.length === 0) return [];
    const q = filter.q?.trim();
    const like = q ? `%${escapeLike(q)}%` : null;
    return queryRows<{
      id: string;
      address: string;
      head_name: string | null;
      members: number;
      last_visited_at: Date | string | null;
    }>(
      db,
      sql`SELECT h.id, a.text AS address,
            (SELECT p.name FROM registry_people p WHERE p.household_id = h.id AND p.relation = 'head' AND p.moved_out_on IS NULL LIMIT 1) AS head_name,
            (SELECT count(*)::int FROM registry_people p WHERE p.household_id = h.id AND p.moved_out_on IS NULL) AS members,
            (SELECT max(v.visited_at) FROM registry_household_visits v WHERE v.household_id = h.id) AS last_visited_at
          FROM registry_households h
          JOIN registry_dwellings d ON d.id = h.dwelling_id
          JOIN registry_addresses a ON a.id = d.address_id
          WHERE (${sql.join(
            filter.scopePaths.map((p) => scopeSql('h.path', p)),
            sql` OR `,
          )})
            ${like ? sql`AND (a.text LIKE ${like} OR EXISTS (SELECT 1 FROM registry_people p WHERE p.household_id = h.id AND (p.name LIKE ${like} OR p.name_initials LIKE ${`${escapeLike(q?.toLowerCase() ?? '')}%`})))` : sql``}
          ORDER BY a.code
          LIMIT ${filter.limit}`,
    );
  },

  async insertVisit(db: Executor, row: typeof registryHouseholdVisits.$inferInsert): Promise<HouseholdVisitRow> {
    const [inserted] = await db.insert(registryHouseholdVisits).values(row).returning();
    if (!inserted) throw new Error('visit not inserted');
    return inserted;
  },
  async visitsOfHousehold(db: Executor, householdId: string): Promise<(HouseholdVisitRow & { visitedBy: string })[]> {
    const rows = await queryRows<{ id: string; visited_by: string }>(
      db,
      sql`SELECT v.id, coalesce(u.display_name, u.username) AS visited_by FROM registry_household_visits v
          JOIN users u ON u.id = v.user_id WHERE v.household_id = ${householdId}`,
    );
    const names = new Map(rows.map((r) => [r.id, r.visited_by]));
    const visits = await db
      .select()
      .from(registryHouseholdVisits)
      .where(eq(registryHouseholdVisits.householdId, householdId))
      .orderBy(desc(registryHouseholdVisits.visitedAt));
    return visits.map((v) => ({ ...v, visitedBy: names.get(v.id) ?? '' }));
  },

  /** The history of a household's members and its dwelling, newest first. */
  async historyOfRecords(db: Executor, records: { kind: RegistryRecordKind; ids: string[] }[]) {
    const conditions = records
      .filter((r) => r.ids.length > 0)
      .map((r) => and(eq(registryHistory.recordKind, r.kind), inArray(registryHistory.recordId, r.ids)) as SQL);
    if (conditions.length === 0) return [];
    return db
      .select()
      .from(registryHistory)
      .where(or(...conditions))
      .orderBy(desc(registryHistory.validTo), desc(registryHistory.id));
  },

  async insertReviews(db: Executor, rows: (typeof registryVisitReviews.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await db.insert(registryVisitReviews).values(rows);
  },
  async reviewsInScope(db: Executor, scopePath: string, state: VisitReviewRow['state'] | undefined) {
    return queryRows<VisitReviewRow & { address: string; visitedAt: Date | string }>(
      db,
      sql`SELECT r.id, r.visit_id AS "visitId", r.household_id AS "householdId", r.person_id AS "personId", r.kind,
            r.summary, r.state, r.decided_at AS "decidedAt", v.visited_at AS "visitedAt", a.text AS address
          FROM registry_visit_reviews r
          JOIN registry_household_visits v ON v.id = r.visit_id
          JOIN registry_dwellings d ON d.id = v.dwelling_id
          JOIN registry_addresses a ON a.id = d.address_id
          WHERE ${scopeSql('r.path', scopePath)} ${state ? sql`AND r.state = ${state}` : sql``}
          ORDER BY v.visited_at DESC LIMIT 500`,
    );
  },
  async lockReviewInScope(db: Executor, id: string, scopePath: string): Promise<VisitReviewRow | undefined> {
    const [row] = await db
      .select()
      .from(registryVisitReviews)
      .where(and(eq(registryVisitReviews.id, id), withinScope(registryVisitReviews.path, scopePath)))
      .for('update');
    return row;
  },
  async decideReview(db: Executor, id: string, patch: Partial<typeof registryVisitReviews.$inferInsert>) {
    await db.update(registryVisitReviews).set(patch).where(eq(registryVisitReviews.id, id));
  },
  /** Marks a visit's change as applied once its review is approved. */
  async markChangeApplied(db: Executor, visitId: string, reviewId: string): Promise<void> {
    const [visit] = await db.select().from(registryHouseholdVisits).where(eq(registryHouseholdVisits.id, visitId));
    if (!visit) return;
    const changes = visit.changes.map((c) => (c.reviewId === reviewId ? { ...c, applied: true } : c));
    await db.update(registryHouseholdVisits).set({ changes }).where(eq(registryHouseholdVisits.id, visitId));
  },

  // ── data quality ──
  /**
   * Per base-grid path in scope: households, people (not moved out), people without an ID
   * number, dwellings without a household, households never visited, and — over the window —
   * households visited and those whose latest visit confirmed them unchanged.
   */
  async qualityCounts(db: Executor, scopePath: string, since: Date) {
    return queryRows<{
      path: string;
      households: number;
      people: number;
      people_without_id: number;
      dwellings_without_household: number;
      never_visited: number;
      visited: number;
      confirmed: number;
    }>(
      db,
      sql`WITH h AS (
            SELECT path, count(*)::int AS households,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM registry_household_visits v WHERE v.household_id = registry_households.id))::int AS never_visited
            FROM registry_households WHERE ${scopeSql('path', scopePath)} GROUP BY path),
          p AS (
            SELECT path, count(*)::int AS people, count(*) FILTER (WHERE id_number_index IS NULL)::int AS people_without_id
            FROM registry_people WHERE moved_out_on IS NULL AND ${scopeSql('path', scopePath)} GROUP BY path),
          d AS (
            SELECT path, count(*)::int AS dwellings_without_household FROM registry_dwellings
            WHERE ${scopeSql('path', scopePath)}
              AND NOT EXISTS (SELECT 1 FROM registry_households x WHERE x.dwelling_id = registry_dwellings.id)
            GROUP BY path),
          latest AS (
            SELECT DISTINCT ON (household_id) household_id, path, outcome FROM registry_household_visits
            WHERE visited_at >= ${since.toISOString()} AND ${scopeSql('path', scopePath)}
            ORDER BY household_id, visited_at DESC),
          v AS (
            SELECT path, count(*)::int AS visited, count(*) FILTER (WHERE outcome = 'confirmed')::int AS confirmed
            FROM latest GROUP BY path),
          paths AS (SELECT path FROM h UNION SELECT path FROM p UNION SELECT path FROM d UNION SELECT path FROM v)
          SELECT paths.path, coalesce(h.households, 0) AS households, coalesce(p.people, 0) AS people,
            coalesce(p.people_without_id, 0) AS people_without_id,
            coalesce(d.dwellings_without_household, 0) AS dwellings_without_household,
            coalesce(h.never_visited, 0) AS never_visited, coalesce(v.visited, 0) AS visited,
            coalesce(v.confirmed, 0) AS confirmed
          FROM paths LEFT JOIN h USING (path) LEFT JOIN p USING (path) LEFT JOIN d USING (path) LEFT JOIN v USING (path)`,
    );
  },

  /** What is missing in one grid (its path): dwellings with no household, households never visited, people without ID. */
  async missingOfPath(db: Executor, path: string, limit: number) {
    return queryRows<{ kind: string; record_id: string; label: string; address: string }>(
      db,
      sql`(SELECT 'dwelling-without-household' AS kind, d.id AS record_id, a.text AS label, a.text AS address
            FROM registry_dwellings d JOIN registry_addresses a ON a.id = d.address_id
            WHERE d.path = ${path} AND NOT EXISTS (SELECT 1 FROM registry_households x WHERE x.dwelling_id = d.id)
            ORDER BY a.code LIMIT ${limit})
          UNION ALL
          (SELECT 'household-never-visited', h.id,
              coalesce((SELECT p.name FROM registry_people p WHERE p.household_id = h.id AND p.relation = 'head' AND p.moved_out_on IS NULL LIMIT 1), ''),
              a.text
            FROM registry_households h JOIN registry_dwellings d ON d.id = h.dwelling_id JOIN registry_addresses a ON a.id = d.address_id
            WHERE h.path = ${path} AND NOT EXISTS (SELECT 1 FROM registry_household_visits v WHERE v.household_id = h.id)
            ORDER BY a.code LIMIT ${limit})
          UNION ALL
          (SELECT 'person-without-id', p.id, p.name, a.text
            FROM registry_people p JOIN registry_households h ON h.id = p.household_id
            JOIN registry_dwellings d ON d.id = h.dwelling_id JOIN registry_addresses a ON a.id = d.address_id
            WHERE p.path = ${path} AND p.moved_out_on IS NULL AND p.id_number_index IS NULL
            ORDER BY a.code LIMIT ${limit})`,
    );
  },

  async saveQualityDay(db: Executor, rows: QualityDailyRow[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insert(registryQualityDaily)
      .values(rows)
      .onConflictDoUpdate({
        target: [registryQualityDaily.day, registryQualityDaily.gridCode],
        set: {
          households: sql`excluded.households`,
          people: sql`excluded.people`,
          expectedHouseholds: sql`excluded.expected_households`,
          expectedPeople: sql`excluded.expected_people`,
          visited: sql`excluded.visited`,
          confirmed: sql`excluded.confirmed`,
          dwellingsWithoutHousehold: sql`excluded.dwellings_without_household`,
          householdsNeverVisited: sql`excluded.households_never_visited`,
          peopleWithoutIdNumber: sql`excluded.people_without_id_number`,
        },
      });
  },
};
