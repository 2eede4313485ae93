import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import {
  serviceProviders,
  timeBankEntries,
  volunteerActivities,
  volunteerShifts,
  volunteerSignups,
  volunteers,
} from './volunteers.tables.js';

export type VolunteerRow = typeof volunteers.$inferSelect;
export type ActivityRow = typeof volunteerActivities.$inferSelect;
export type ShiftRow = typeof volunteerShifts.$inferSelect;
export type SignupRow = typeof volunteerSignups.$inferSelect;
export type ServiceProviderRow = typeof serviceProviders.$inferSelect;
export type TimeBankRow = typeof timeBankEntries.$inferSelect;

const MAX_LIST = 1000;
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export const volunteersRepository = {
  async insertVolunteer(db: Executor, row: typeof volunteers.$inferInsert): Promise<VolunteerRow | undefined> {
    const [saved] = await db.insert(volunteers).values(row).onConflictDoNothing().returning();
    return saved;
  },

  async volunteerOfUser(db: Executor, userId: string, communityCode?: string): Promise<VolunteerRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteers)
      .where(
        and(eq(volunteers.userId, userId), communityCode ? eq(volunteers.communityCode, communityCode) : undefined),
      )
      .orderBy(desc(volunteers.createdAt))
      .limit(1);
    return row;
  },

  async volunteerInScope(db: Executor, id: string, scopePath: string): Promise<VolunteerRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.id, id), withinScope(volunteers.path, scopePath)));
    return row;
  },

  /** A volunteer in scope, locked: spending points reads the balance and writes in one step, one spender at a time. */
  async lockVolunteerInScope(db: Executor, id: string, scopePath: string): Promise<VolunteerRow | undefined> {
    const [row] = await db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.id, id), withinScope(volunteers.path, scopePath)))
      .for('update');
    return row;
  },

  /** Volunteers under a path, by name; `q` matches a name, skill or training. */
  async listVolunteers(db: Executor, filter: { areaPath: string; q?: string | undefined }): Promise<VolunteerRow[]> {
    const conditions: SQL[] = [withinScope(volunteers.path, filter.areaPath)];
    const q = filter.q?.trim();
    if (q) {
      const like = `%${escapeLike(q)}%`;
      conditions.push(
        or(
          ilike(volunteers.name, like),
          sql`array_to_string(${volunteers.skills}, ' ') ILIKE ${like}`,
          sql`array_to_string(${volunteers.training}, ' ') ILIKE ${like}`,
        ) as SQL,
      );
    }
    return db
      .select()
      .from(volunteers)
      .where(and(...conditions))
      .orderBy(asc(volunteers.communityCode), asc(volunteers.name))
      .limit(MAX_LIST);
  },

  /** Balance and minutes earned per volunteer (sums of the time-bank ledger). */
  async timeBankTotals(db: Executor, volunteerIds: string[]) {
    if (volunteerIds.length === 0) return new Map<string, { balance: number; earned: number }>();
    const rows = await db
      .select({
        volunteerId: timeBankEntries.volunteerId,
        balance: sql<string>`sum(${timeBankEntries.minutes})`,
        earned: sql<string>`coalesce(sum(${timeBankEntries.minutes}) FILTER (WHERE ${timeBankEntries.kind} = 'earned'), 0)`,
      })
      .from(timeBankEntries)
      .where(inArray(timeBankEntries.volunteerId, volunteerIds))
      .groupBy(timeBankEntries.volunteerId);
    return new Map(rows.map((r) => [r.volunteerId, { balance: Number(r.balance), earned: Number(r.earned) }]));
  },

  async timeBankOf(db: Executor, volunteerId: string): Promise<TimeBankRow[]> {
    return db
      .select()
      .from(timeBankEntries)
      .where(eq(timeBankEntries.volunteerId, volunteerId))
      .orderBy(desc(timeBankEntries.createdAt));
  },

  async insertTimeBankEntry(db: Executor, row: typeof timeBankEntries.$inferInsert): Promise<void> {
    await db.insert(timeBankEntries).values(row);
  },

  async insertActivity(db: Executor, row: typeof volunteerActivities.$inferInsert): Promise<ActivityRow> {
    const [saved] = await db.insert(volunteerActivities).values(row).returning();
    if (!saved) throw new Error('activity insert returned no row');
    return saved;
  },

  async insertShifts(db: Executor, rows: (typeof volunteerShifts.$inferInsert)[]): Promise<ShiftRow[]> {
    return db.insert(volunteerShifts).values(rows).returning();
  },

  /** Activities under a path with their organizer's name, latest first; only those with a shift still to come when asked. */
  async listActivities(db: Executor, filter: { areaPath: string; upcomingAfter?: Date }) {
    const conditions: SQL[] = [withinScope(volunteerActivities.path, filter.areaPath)];
    if (filter.upcomingAfter) {
      conditions.push(
        sql`EXISTS (SELECT 1 FROM volunteer_shifts s WHERE s.activity_id = ${volunteerActivities.id} AND s.ends_at > ${filter.upcomingAfter})`,
      );
    }
    return db
      .select({ activity: volunteerActivities, organizerName: users.displayName })
      .from(volunteerActivities)
      .innerJoin(users, eq(users.id, volunteerActivities.organizerId))
      .where(and(...conditions))
      .orderBy(desc(volunteerActivities.createdAt))
      .limit(200);
  },

  async shiftsOf(db: Executor, activityIds: string[]): Promise<ShiftRow[]> {
    if (activityIds.length === 0) return [];
    return db
      .select()
      .from(volunteerShifts)
      .where(inArray(volunteerShifts.activityId, activityIds))
      .orderBy(asc(volunteerShifts.startsAt));
  },

  /** The shift and its activity, when the activity lies within `scopePath`. */
  async shiftInScope(db: Executor, shiftId: string, scopePath: string) {
    const [row] = await db
      .select({ shift: volunteerShifts, activity: volunteerActivities })
      .from(volunteerShifts)
      .innerJoin(volunteerActivities, eq(volunteerActivities.id, volunteerShifts.activityId))
      .where(and(eq(volunteerShifts.id, shiftId), withinScope(volunteerActivities.path, scopePath)));
    return row;
  },

  /**
   * Takes one place on the shift if one is left and it has not ended: one statement, so two
   * volunteers racing for the last place cannot both get it (the row lock serializes them and
   * the second sees `taken = capacity`). Undefined: no place (full or started).
   */
  async takePlace(db: Executor, shiftId: string, now: Date): Promise<ShiftRow | undefined> {
    const [row] = await db
      .update(volunteerShifts)
      .set({ taken: sql`${volunteerShifts.taken} + 1` })
      .where(
        and(
          eq(volunteerShifts.id, shiftId),
          lt(volunteerShifts.taken, volunteerShifts.capacity),
          gt(volunteerShifts.endsAt, now),
        ),
      )
      .returning();
    return row;
  },

  async insertSignup(db: Executor, row: typeof volunteerSignups.$inferInsert): Promise<SignupRow | undefined> {
    const [saved] = await db.insert(volunteerSignups).values(row).onConflictDoNothing().returning();
    return saved;
  },

  async signupsOfShift(db: Executor, shiftId: string) {
    return db
      .select({ signup: volunteerSignups, volunteerName: volunteers.name })
      .from(volunteerSignups)
      .innerJoin(volunteers, eq(volunteers.id, volunteerSignups.volunteerId))
      .where(eq(volunteerSignups.shiftId, shiftId))
      .orderBy(asc(volunteerSignups.createdAt));
  },

  /** Which of these shifts the volunteer holds a place on. */
  async mySignupShiftIds(db: Executor, volunteerId: string, shiftIds: string[]): Promise<Set<string>> {
    if (shiftIds.length === 0) return new Set();
    const rows = await db
      .select({ shiftId: volunteerSignups.shiftId })
      .from(volunteerSignups)
      .where(and(eq(volunteerSignups.volunteerId, volunteerId), inArray(volunteerSignups.shiftId, shiftIds)));
    return new Set(rows.map((r) => r.shiftId));
  },

  /** A sign-up with its shift and activity, within scope, locked for verification. */
  async lockSignupInScope(db: Executor, signupId: string, scopePath: string) {
    const [row] = await db
      .select({
        signup: volunteerSignups,
        shift: volunteerShifts,
        activity: volunteerActivities,
        volunteerName: volunteers.name,
      })
      .from(volunteerSignups)
      .innerJoin(volunteerShifts, eq(volunteerShifts.id, volunteerSignups.shiftId))
      .innerJoin(volunteerActivities, eq(volunteerActivities.id, volunteerShifts.activityId))
      .innerJoin(volunteers, eq(volunteers.id, volunteerSignups.volunteerId))
      .where(and(eq(volunteerSignups.id, signupId), withinScope(volunteerActivities.path, scopePath)))
      .for('update', { of: volunteerSignups });
    return row;
  },

  /** Minutes already credited to a volunteer from an activity (for its cap). */
  async creditedInActivity(db: Executor, volunteerId: string, activityId: string): Promise<number> {
    const [row] = await db
      .select({ total: sql<string>`coalesce(sum(${volunteerSignups.creditedMinutes}), 0)` })
      .from(volunteerSignups)
      .innerJoin(volunteerShifts, eq(volunteerShifts.id, volunteerSignups.shiftId))
      .where(and(eq(volunteerSignups.volunteerId, volunteerId), eq(volunteerShifts.activityId, activityId)));
    return Number(row?.total ?? 0);
  },

  async markVerified(
    db: Executor,
    signupId: string,
    values: { verifiedMinutes: number; creditedMinutes: number; verifiedBy: string | null; verifiedAt: Date },
  ): Promise<SignupRow> {
    const [row] = await db.update(volunteerSignups).set(values).where(eq(volunteerSignups.id, signupId)).returning();
    if (!row) throw new Error('sign-up vanished while locked');
    return row;
  },

  /** A volunteer's sign-ups with their shift and activity, latest shift first. */
  async signupsOfVolunteer(db: Executor, volunteerId: string, onlyVerified = false) {
    return db
      .select({ signup: volunteerSignups, shift: volunteerShifts, activity: volunteerActivities })
      .from(volunteerSignups)
      .innerJoin(volunteerShifts, eq(volunteerShifts.id, volunteerSignups.shiftId))
      .innerJoin(volunteerActivities, eq(volunteerActivities.id, volunteerShifts.activityId))
      .where(
        and(
          eq(volunteerSignups.volunteerId, volunteerId),
          onlyVerified ? isNotNull(volunteerSignups.verifiedAt) : undefined,
        ),
      )
      .orderBy(desc(volunteerShifts.startsAt));
  },

  async insertProvider(db: Executor, row: typeof serviceProviders.$inferInsert): Promise<ServiceProviderRow> {
    const [saved] = await db.insert(serviceProviders).values(row).returning();
    if (!saved) throw new Error('provider insert returned no row');
    return saved;
  },

  /**
   * The service directory: providers serving `communityPath` (its own, and its town's and
   * county's, whose paths it extends) or, without one, all under `areaPath`; `q` matches the
   * name, what they offer or the address.
   */
  async searchProviders(
    db: Executor,
    filter: { areaPath?: string; communityPath?: string; q?: string | undefined; kind?: string | undefined },
  ): Promise<ServiceProviderRow[]> {
    const conditions: SQL[] = [];
    if (filter.areaPath) conditions.push(withinScope(serviceProviders.path, filter.areaPath));
    if (filter.communityPath) {
      conditions.push(
        sql`(${filter.communityPath} = ${serviceProviders.path} OR ${filter.communityPath} LIKE ${serviceProviders.path} || '/%')`,
      );
    }
    if (filter.kind) conditions.push(eq(serviceProviders.kind, filter.kind));
    const q = filter.q?.trim();
    if (q) {
      const like = `%${escapeLike(q)}%`;
      conditions.push(
        or(
          ilike(serviceProviders.name, like),
          ilike(serviceProviders.offers, like),
          ilike(serviceProviders.address, like),
        ) as SQL,
      );
    }
    return db
      .select()
      .from(serviceProviders)
      .where(and(...conditions))
      .orderBy(asc(serviceProviders.kind), asc(serviceProviders.name))
      .limit(MAX_LIST);
  },
};
