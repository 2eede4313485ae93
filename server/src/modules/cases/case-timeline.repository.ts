import type { CaseEventType } from '@yiwang/contracts';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../accounts/accounts.tables.js';
import { caseEvents } from './cases.tables.js';

export type CaseEventRow = typeof caseEvents.$inferSelect;
export type NewCaseEventRow = typeof caseEvents.$inferInsert;

/** A case's timeline: the events its transitions append. */
export const caseTimelineRepository = {
  async insertEvents(db: Executor, rows: NewCaseEventRow[]): Promise<void> {
    if (rows.length > 0) await db.insert(caseEvents).values(rows);
  },

  async eventsOf(db: Executor, caseId: string) {
    return db
      .select({ event: caseEvents, actorName: users.displayName })
      .from(caseEvents)
      .leftJoin(users, eq(users.id, caseEvents.actorUserId))
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(asc(caseEvents.id));
  },

  async countEvents(db: Executor, caseId: string, type: CaseEventType): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, type)));
    return row?.n ?? 0;
  },
};
