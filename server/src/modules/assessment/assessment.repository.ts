import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import { cases } from '../cases/cases.tables.js';
import { grids } from '../grids/grids.tables.js';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';
import { inspectionBookings, inspectionSettings, scoringRuleSets } from './assessment.tables.js';
import { type CaseHistory, countableIn, readCaseHistories } from './case-histories.repository.js';

export type InspectionBookingRow = typeof inspectionBookings.$inferSelect;
export type InspectionSettingsRow = typeof inspectionSettings.$inferSelect;
export type ScoringRuleSetRow = typeof scoringRuleSets.$inferSelect;

export const assessmentRepository = {
  /** The cases of a scope that can count in [from, to), each with its events up to `asOf`. */
  async caseHistoriesInScope(
    db: Executor,
    { scopePath, from, to, asOf }: { scopePath: string; from: Date; to: Date; asOf: Date },
  ): Promise<CaseHistory[]> {
    return readCaseHistories(db, and(withinScope(cases.path, scopePath), countableIn(from, to)), asOf);
  },

  /** The departments (units of kind department), id → name. */
  async departments(db: Executor): Promise<Map<string, string>> {
    const rows = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.kind, 'department'));
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async unitNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async gridNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await db
      .select({ code: grids.code, name: grids.name })
      .from(grids)
      .where(and(inArray(grids.code, codes), isNull(grids.validTo)));
    return new Map(rows.map((r) => [r.code, r.name]));
  },

  /** The current grids of a scope with what the detector expects reports from: households, people, area. */
  async gridCovariatesInScope(db: Executor, scopePath: string) {
    return db
      .select({
        gridCode: grids.code,
        households: grids.households,
        people: grids.people,
        areaSquareMeters: grids.areaSquareMeters,
      })
      .from(grids)
      .where(and(withinScope(grids.path, scopePath), isNull(grids.validTo)))
      .orderBy(asc(grids.code));
  },

  async regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(inArray(regions.code, codes));
    return new Map(rows.map((r) => [r.code, r.name]));
  },

  /** A community in scope (bookings are made for communities only). */
  async communityInScope(db: Executor, code: string, scopePath: string) {
    const [row] = await db
      .select({ code: regions.code, name: regions.name, path: regions.path })
      .from(regions)
      .where(and(eq(regions.code, code), eq(regions.level, 'community'), withinScope(regions.path, scopePath)));
    return row;
  },

  async settings(db: Executor, countyCode: string): Promise<InspectionSettingsRow | undefined> {
    const [row] = await db.select().from(inspectionSettings).where(eq(inspectionSettings.countyCode, countyCode));
    return row;
  },

  async saveSettings(db: Executor, row: typeof inspectionSettings.$inferInsert): Promise<InspectionSettingsRow> {
    const [saved] = await db
      .insert(inspectionSettings)
      .values(row)
      .onConflictDoUpdate({
        target: inspectionSettings.countyCode,
        set: {
          maxPerDay: row.maxPerDay,
          maxPerWeek: row.maxPerWeek,
          routineSuspended: row.routineSuspended,
          suspendedReason: row.suspendedReason ?? null,
          updatedBy: row.updatedBy ?? null,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    if (!saved) throw new Error('upsert returned no row');
    return saved;
  },

  /**
   * Serializes bookings of one community until the transaction ends, so two bookings made
   * at once cannot both take the last place of a day.
   */
  async lockCommunityCalendar(db: Executor, communityCode: string): Promise<void> {
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`inspection:${communityCode}`}))`);
  },

  /** The community's bookings in force between two days (inclusive). */
  async bookingsOfCommunity(db: Executor, communityCode: string, firstDay: string, lastDay: string) {
    return db
      .select()
      .from(inspectionBookings)
      .where(
        and(
          eq(inspectionBookings.communityCode, communityCode),
          gte(inspectionBookings.day, firstDay),
          lte(inspectionBookings.day, lastDay),
          isNull(inspectionBookings.cancelledAt),
        ),
      );
  },

  async insertBooking(db: Executor, row: typeof inspectionBookings.$inferInsert): Promise<InspectionBookingRow> {
    const [saved] = await db.insert(inspectionBookings).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  /** Bookings in force in scope between two days (inclusive), with community and booker names. */
  async calendarInScope(
    db: Executor,
    {
      scopePath,
      firstDay,
      lastDay,
      communityCode,
    }: { scopePath: string; firstDay: string; lastDay: string; communityCode?: string | undefined },
  ) {
    return db
      .select({ booking: inspectionBookings, communityName: regions.name, bookedByName: users.displayName })
      .from(inspectionBookings)
      .innerJoin(regions, eq(regions.code, inspectionBookings.communityCode))
      .leftJoin(users, eq(users.id, inspectionBookings.bookedBy))
      .where(
        and(
          withinScope(inspectionBookings.path, scopePath),
          gte(inspectionBookings.day, firstDay),
          lte(inspectionBookings.day, lastDay),
          isNull(inspectionBookings.cancelledAt),
          communityCode ? eq(inspectionBookings.communityCode, communityCode) : undefined,
        ),
      )
      .orderBy(asc(inspectionBookings.day), asc(regions.code), asc(inspectionBookings.createdAt));
  },

  async lockBookingInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select()
      .from(inspectionBookings)
      .where(
        and(
          eq(inspectionBookings.id, id),
          withinScope(inspectionBookings.path, scopePath),
          isNull(inspectionBookings.cancelledAt),
        ),
      )
      .for('update');
    return row;
  },

  async cancelBooking(db: Executor, id: string, userId: string | null): Promise<void> {
    await db
      .update(inspectionBookings)
      .set({ cancelledAt: sql`now()`, cancelledBy: userId })
      .where(eq(inspectionBookings.id, id));
  },

  /** The county's saved scoring rule sets, newest version first. */
  async scoringRuleSets(db: Executor, countyCode: string): Promise<ScoringRuleSetRow[]> {
    return db
      .select()
      .from(scoringRuleSets)
      .where(eq(scoringRuleSets.countyCode, countyCode))
      .orderBy(desc(scoringRuleSets.version));
  },

  async scoringRuleSet(db: Executor, countyCode: string, version: number): Promise<ScoringRuleSetRow | undefined> {
    const [row] = await db
      .select()
      .from(scoringRuleSets)
      .where(and(eq(scoringRuleSets.countyCode, countyCode), eq(scoringRuleSets.version, version)));
    return row;
  },

  /** Saves the next version (the lock serializes two saves, so each gets its own number). */
  async insertScoringRuleSet(
    db: Executor,
    row: Omit<typeof scoringRuleSets.$inferInsert, 'version'>,
  ): Promise<ScoringRuleSetRow> {
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`scoring-rules:${row.countyCode}`}))`);
    const [saved] = await db
      .insert(scoringRuleSets)
      .values({
        ...row,
        version: sql`(SELECT coalesce(max(${scoringRuleSets.version}), 0) + 1 FROM ${scoringRuleSets} WHERE ${scoringRuleSets.countyCode} = ${row.countyCode})`,
      })
      .returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },
};
