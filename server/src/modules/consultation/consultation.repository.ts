import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { regionsLookups } from '../regions/index.js';
import {
  agendaItems,
  communityMembers,
  consultationCursors,
  decisions,
  decisionTasks,
  meetingRegistrations,
  meetings,
  notices,
  taskUpdates,
  topicSupports,
  topics,
  votes,
} from './consultation.tables.js';

export type TopicRow = typeof topics.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type RegistrationRow = typeof meetingRegistrations.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type TaskRow = typeof decisionTasks.$inferSelect;
export type TaskUpdateRow = typeof taskUpdates.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;
export type NewNoticeRow = typeof notices.$inferInsert;

const MAX_LIST = 500;

async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`${what} returned no row`);
  return row;
}

/** The only place with consultation queries; every scoped read takes the caller's scope path (out of scope: not found). */
export const consultationRepository = {
  // — communities and membership —

  async communityByPath(db: Executor, path: string) {
    const row = await regionsLookups.findByCode(db, path.slice(path.lastIndexOf('/') + 1));
    return row?.level === 'community' && row.path === path
      ? { code: row.code, name: row.name, nameEn: row.nameEn, path: row.path }
      : undefined;
  },

  communitiesInScope: (db: Executor, scopePath: string) => regionsLookups.ofLevelInScope(db, 'community', scopePath),

  async communityNames(db: Executor, codes: string[]) {
    const names = await regionsLookups.localizedNamesByCode(db, [...new Set(codes)]);
    return new Map([...names].map(([code, n]) => [code, { name: n['zh-CN'], nameEn: n['en-US'] }]));
  },

  async membership(db: Executor, userId: string) {
    const [row] = await db.select().from(communityMembers).where(eq(communityMembers.userId, userId));
    return row;
  },

  async setMembership(db: Executor, row: typeof communityMembers.$inferInsert) {
    await db
      .insert(communityMembers)
      .values(row)
      .onConflictDoUpdate({
        target: communityMembers.userId,
        set: { regionCode: row.regionCode, path: row.path, joinedAt: row.joinedAt ?? new Date() },
      });
  },

  // — topics —

  insertTopic: (db: Executor, row: typeof topics.$inferInsert) =>
    one(db.insert(topics).values(row).returning(), 'topic insert'),

  async topicInScope(db: Executor, id: string, scopePath: string, lock = false): Promise<TopicRow | undefined> {
    const query = db
      .select()
      .from(topics)
      .where(and(eq(topics.id, id), withinScope(topics.communityPath, scopePath)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  async listTopics(db: Executor, filter: { scopePath: string; state?: string | undefined }) {
    const conditions: SQL[] = [withinScope(topics.communityPath, filter.scopePath)];
    if (filter.state) conditions.push(eq(topics.state, filter.state as TopicRow['state']));
    return db
      .select()
      .from(topics)
      .where(and(...conditions))
      .orderBy(desc(topics.createdAt))
      .limit(MAX_LIST);
  },

  async updateTopic(db: Executor, id: string, set: Partial<typeof topics.$inferInsert>) {
    await db.update(topics).set(set).where(eq(topics.id, id));
  },

  /** Adds a support; false when this supporter key already supports the topic. */
  async addSupport(db: Executor, row: typeof topicSupports.$inferInsert): Promise<boolean> {
    const saved = await db.insert(topicSupports).values(row).onConflictDoNothing().returning();
    return saved.length > 0;
  },

  async removeSupport(db: Executor, topicId: string, supporterKey: string): Promise<boolean> {
    const gone = await db
      .delete(topicSupports)
      .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.supporterKey, supporterKey)))
      .returning();
    return gone.length > 0;
  },

  async supportCount(db: Executor, topicId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(topicSupports).where(eq(topicSupports.topicId, topicId));
    return Number(row?.n ?? 0);
  },

  /** Which of these topics the supporter key supports. */
  async supportedTopicIds(db: Executor, topicIds: string[], supporterKey: string): Promise<Set<string>> {
    if (topicIds.length === 0) return new Set();
    const rows = await db
      .select({ topicId: topicSupports.topicId })
      .from(topicSupports)
      .where(and(inArray(topicSupports.topicId, topicIds), eq(topicSupports.supporterKey, supporterKey)));
    return new Set(rows.map((r) => r.topicId));
  },

  async supporterUserIds(db: Executor, topicId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: topicSupports.userId })
      .from(topicSupports)
      .where(eq(topicSupports.topicId, topicId));
    return rows.map((r) => r.userId);
  },

  /** Topics of a community that reached their threshold and wait for a meeting. */
  async qualifiedTopics(db: Executor, communityPath: string): Promise<TopicRow[]> {
    return db
      .select()
      .from(topics)
      .where(and(eq(topics.communityPath, communityPath), eq(topics.state, 'qualified')))
      .orderBy(asc(topics.qualifiedAt))
      .for('update');
  },

  /** Open topics past their expiry, locked (the expiry job marks them). */
  async dueToExpire(db: Executor, now: Date, limit = 200): Promise<TopicRow[]> {
    return db
      .select()
      .from(topics)
      .where(and(eq(topics.state, 'open'), lte(topics.expiresAt, now)))
      .limit(limit)
      .for('update', { skipLocked: true });
  },

  // — meetings —

  insertMeeting: (db: Executor, row: typeof meetings.$inferInsert) =>
    one(db.insert(meetings).values(row).returning(), 'meeting insert'),

  async meetingInScope(db: Executor, id: string, scopePath: string, lock = false): Promise<MeetingRow | undefined> {
    const query = db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, id), withinScope(meetings.path, scopePath)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  async listMeetings(db: Executor, scopePath: string) {
    return db
      .select()
      .from(meetings)
      .where(withinScope(meetings.path, scopePath))
      .orderBy(desc(meetings.startsAt))
      .limit(MAX_LIST);
  },

  /** The community's next meeting still open for its agenda (convened, not yet started). */
  async nextMeeting(db: Executor, communityPath: string, now: Date): Promise<MeetingRow | undefined> {
    const [row] = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.path, communityPath), eq(meetings.state, 'convened'), gt(meetings.startsAt, now)))
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    return row;
  },

  async updateMeeting(db: Executor, id: string, set: Partial<typeof meetings.$inferInsert>) {
    await db.update(meetings).set(set).where(eq(meetings.id, id));
  },

  async insertAgendaItem(db: Executor, row: typeof agendaItems.$inferInsert) {
    return one(db.insert(agendaItems).values(row).returning(), 'agenda item insert');
  },

  async agendaOf(db: Executor, meetingIds: string[]): Promise<AgendaItemRow[]> {
    if (meetingIds.length === 0) return [];
    return db
      .select()
      .from(agendaItems)
      .where(inArray(agendaItems.meetingId, meetingIds))
      .orderBy(asc(agendaItems.position));
  },

  async nextPosition(db: Executor, meetingId: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)::int` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId));
    return (row?.n ?? 0) + 1;
  },

  async agendaItem(db: Executor, meetingId: string, itemId: string): Promise<AgendaItemRow | undefined> {
    const [row] = await db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
      .for('update');
    return row;
  },

  async updateAgendaItem(db: Executor, id: string, set: Partial<typeof agendaItems.$inferInsert>) {
    await db.update(agendaItems).set(set).where(eq(agendaItems.id, id));
  },

  /** Meetings (by id) holding these topics on their agenda. */
  async meetingsOfTopics(db: Executor, topicIds: string[]) {
    if (topicIds.length === 0) return [];
    return db
      .select({
        topicId: agendaItems.topicId,
        id: meetings.id,
        title: meetings.title,
        startsAt: meetings.startsAt,
      })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(inArray(agendaItems.topicId, topicIds));
  },

  // — registrations, attendance, votes —

  async insertRegistration(db: Executor, row: typeof meetingRegistrations.$inferInsert) {
    const saved = await db.insert(meetingRegistrations).values(row).onConflictDoNothing().returning();
    return saved[0];
  },

  async registrationByVoter(db: Executor, meetingId: string, voterKey: string) {
    const [row] = await db
      .select()
      .from(meetingRegistrations)
      .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.voterKey, voterKey)));
    return row;
  },

  async registrationByCode(db: Executor, meetingId: string, code: string) {
    const [row] = await db
      .select()
      .from(meetingRegistrations)
      .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.code, code)))
      .for('update');
    return row;
  },

  async registrations(db: Executor, meetingId: string): Promise<RegistrationRow[]> {
    return db
      .select()
      .from(meetingRegistrations)
      .where(eq(meetingRegistrations.meetingId, meetingId))
      .orderBy(asc(meetingRegistrations.name), asc(meetingRegistrations.code));
  },

  async markAttended(db: Executor, id: string, at: Date) {
    await db.update(meetingRegistrations).set({ attendedAt: at }).where(eq(meetingRegistrations.id, id));
  },

  /** Registered and attended counts per meeting. */
  async attendance(db: Executor, meetingIds: string[]) {
    if (meetingIds.length === 0) return new Map<string, { registered: number; attended: number }>();
    const rows = await db
      .select({
        meetingId: meetingRegistrations.meetingId,
        registered: sql<number>`count(*)::int`,
        attended: sql<number>`count(${meetingRegistrations.attendedAt})::int`,
      })
      .from(meetingRegistrations)
      .where(inArray(meetingRegistrations.meetingId, meetingIds))
      .groupBy(meetingRegistrations.meetingId);
    return new Map(rows.map((r) => [r.meetingId, { registered: r.registered, attended: r.attended }]));
  },

  /** Attendees with an account (to be notified). */
  async attendeeUserIds(db: Executor, meetingId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: meetingRegistrations.userId })
      .from(meetingRegistrations)
      .where(
        and(
          eq(meetingRegistrations.meetingId, meetingId),
          isNotNull(meetingRegistrations.attendedAt),
          isNotNull(meetingRegistrations.userId),
        ),
      );
    return rows.flatMap((r) => (r.userId ? [r.userId] : []));
  },

  /** Casts or changes an online vote. */
  async castVote(db: Executor, row: typeof votes.$inferInsert) {
    await db
      .insert(votes)
      .values(row)
      .onConflictDoUpdate({
        target: [votes.agendaItemId, votes.voterKey],
        set: { choice: row.choice, castAt: row.castAt ?? new Date() },
      });
  },

  async onlineCounts(db: Executor, itemIds: string[]) {
    if (itemIds.length === 0) return new Map<string, { yes: number; no: number; abstain: number }>();
    const rows = await db
      .select({ itemId: votes.agendaItemId, choice: votes.choice, n: sql<number>`count(*)::int` })
      .from(votes)
      .where(inArray(votes.agendaItemId, itemIds))
      .groupBy(votes.agendaItemId, votes.choice);
    const counts = new Map<string, { yes: number; no: number; abstain: number }>();
    for (const r of rows) {
      const c = counts.get(r.itemId) ?? { yes: 0, no: 0, abstain: 0 };
      c[r.choice] = r.n;
      counts.set(r.itemId, c);
    }
    return counts;
  },

  async myVotes(db: Executor, itemIds: string[], voterKey: string) {
    if (itemIds.length === 0) return new Map<string, 'yes' | 'no' | 'abstain'>();
    const rows = await db
      .select({ itemId: votes.agendaItemId, choice: votes.choice })
      .from(votes)
      .where(and(inArray(votes.agendaItemId, itemIds), eq(votes.voterKey, voterKey)));
    return new Map(rows.map((r) => [r.itemId, r.choice]));
  },

  /** Participants of a meeting: checked in at the door, or voted online on any of its items, each voter once. */
  async participants(db: Executor, meetingId: string): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`
      SELECT count(*)::int AS n FROM (
        SELECT voter_key FROM meeting_registrations WHERE meeting_id = ${meetingId} AND attended_at IS NOT NULL
        UNION
        SELECT v.voter_key FROM votes v JOIN agenda_items a ON a.id = v.agenda_item_id WHERE a.meeting_id = ${meetingId}
      ) p`,
    );
    return Number(rows[0]?.n ?? 0);
  },

  async onlineVoterUserIds(db: Executor, meetingId: string): Promise<string[]> {
    const rows = await db
      .selectDistinct({ userId: votes.userId })
      .from(votes)
      .innerJoin(agendaItems, eq(agendaItems.id, votes.agendaItemId))
      .where(eq(agendaItems.meetingId, meetingId));
    return rows.map((r) => r.userId);
  },

  // — decisions and tasks —

  insertDecision: (db: Executor, row: typeof decisions.$inferInsert) =>
    one(db.insert(decisions).values(row).returning(), 'decision insert'),

  async decisionInScope(db: Executor, id: string, scopePath: string, lock = false): Promise<DecisionRow | undefined> {
    const query = db
      .select()
      .from(decisions)
      .where(and(eq(decisions.id, id), withinScope(decisions.path, scopePath)));
    const [row] = lock ? await query.for('update') : await query;
    return row;
  },

  async decisionById(db: Executor, id: string): Promise<DecisionRow | undefined> {
    const [row] = await db.select().from(decisions).where(eq(decisions.id, id)).for('update');
    return row;
  },

  async listDecisions(db: Executor, scopePath: string) {
    return db
      .select()
      .from(decisions)
      .where(withinScope(decisions.path, scopePath))
      .orderBy(desc(decisions.decidedAt))
      .limit(MAX_LIST);
  },

  async decisionsOfItems(db: Executor, itemIds: string[]) {
    if (itemIds.length === 0) return new Map<string, string>();
    const rows = await db
      .select({ id: decisions.id, itemId: decisions.agendaItemId })
      .from(decisions)
      .where(inArray(decisions.agendaItemId, itemIds));
    return new Map(rows.map((r) => [r.itemId, r.id]));
  },

  async decisionsOfTopics(db: Executor, topicIds: string[]) {
    if (topicIds.length === 0) return new Map<string, string>();
    const rows = await db
      .select({ id: decisions.id, topicId: decisions.topicId })
      .from(decisions)
      .where(inArray(decisions.topicId, topicIds));
    return new Map(rows.flatMap((r) => (r.topicId ? [[r.topicId, r.id] as const] : [])));
  },

  async updateDecision(db: Executor, id: string, set: Partial<typeof decisions.$inferInsert>) {
    await db.update(decisions).set(set).where(eq(decisions.id, id));
  },

  insertTask: (db: Executor, row: typeof decisionTasks.$inferInsert) =>
    one(db.insert(decisionTasks).values(row).returning(), 'task insert'),

  async tasksOf(db: Executor, decisionIds: string[]): Promise<TaskRow[]> {
    if (decisionIds.length === 0) return [];
    return db
      .select()
      .from(decisionTasks)
      .where(inArray(decisionTasks.decisionId, decisionIds))
      .orderBy(asc(decisionTasks.createdAt));
  },

  async task(db: Executor, decisionId: string, taskId: string): Promise<TaskRow | undefined> {
    const [row] = await db
      .select()
      .from(decisionTasks)
      .where(and(eq(decisionTasks.id, taskId), eq(decisionTasks.decisionId, decisionId)))
      .for('update');
    return row;
  },

  async tasksOfCases(db: Executor, caseCodes: string[]): Promise<TaskRow[]> {
    if (caseCodes.length === 0) return [];
    return db.select().from(decisionTasks).where(inArray(decisionTasks.caseCode, caseCodes)).for('update');
  },

  async updateTask(db: Executor, id: string, set: Partial<typeof decisionTasks.$inferInsert>) {
    await db.update(decisionTasks).set(set).where(eq(decisionTasks.id, id));
  },

  async insertTaskUpdate(db: Executor, row: typeof taskUpdates.$inferInsert) {
    await db.insert(taskUpdates).values(row);
  },

  async updatesOf(db: Executor, taskIds: string[]): Promise<TaskUpdateRow[]> {
    if (taskIds.length === 0) return [];
    return db.select().from(taskUpdates).where(inArray(taskUpdates.taskId, taskIds)).orderBy(asc(taskUpdates.at));
  },

  // — notices —

  async insertNotices(db: Executor, rows: NewNoticeRow[]): Promise<NoticeRow[]> {
    if (rows.length === 0) return [];
    return db.insert(notices).values(rows).returning();
  },

  async setNoticeSent(db: Executor, ids: string[], via: string) {
    if (ids.length === 0) return;
    await db.update(notices).set({ sentVia: via }).where(inArray(notices.id, ids));
  },

  async noticesOf(db: Executor, userId: string): Promise<NoticeRow[]> {
    return db.select().from(notices).where(eq(notices.userId, userId)).orderBy(desc(notices.createdAt)).limit(200);
  },

  async markNoticeRead(db: Executor, userId: string, id: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(notices)
      .set({ readAt: at })
      .where(and(eq(notices.id, id), eq(notices.userId, userId), isNull(notices.readAt)))
      .returning({ id: notices.id });
    if (rows.length > 0) return true;
    const [exists] = await db
      .select({ id: notices.id })
      .from(notices)
      .where(and(eq(notices.id, id), eq(notices.userId, userId)));
    return Boolean(exists);
  },

  // — the event-log cursor —

  /** The cursor's row, locked for the caller's transaction (one follower at a time); created at `startAt` when new. */
  async lockCursor(db: Executor, name: string, startAt: number): Promise<number> {
    await db.insert(consultationCursors).values({ name, lastEventId: startAt }).onConflictDoNothing();
    const [row] = await db.select().from(consultationCursors).where(eq(consultationCursors.name, name)).for('update');
    return Number(row?.lastEventId ?? startAt);
  },

  async moveCursor(db: Executor, name: string, lastEventId: number) {
    await db.update(consultationCursors).set({ lastEventId }).where(eq(consultationCursors.name, name));
  },
};
