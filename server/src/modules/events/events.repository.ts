import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { domainEvents } from './events.tables.js';

export type NewDomainEventRow = typeof domainEvents.$inferInsert;

export type DomainEventRow = typeof domainEvents.$inferSelect;

export const eventsRepository = {
  /** Events after a cursor, oldest first, of one aggregate kind (`case`, …). */
  async after(db: Executor, afterId: number, aggregateKind: string, limit: number): Promise<DomainEventRow[]> {
    return db
      .select()
      .from(domainEvents)
      .where(and(gt(domainEvents.id, afterId), eq(domainEvents.aggregateKind, aggregateKind)))
      .orderBy(asc(domainEvents.id))
      .limit(limit);
  },

  async append(db: Executor, rows: NewDomainEventRow[]): Promise<void> {
    if (rows.length > 0) await db.insert(domainEvents).values(rows);
  },

  /** The newest event id (a consumer that starts now starts after it). */
  async latestId(db: Executor): Promise<number> {
    const [row] = await db.select({ id: max(domainEvents.id) }).from(domainEvents);
    return Number(row?.id ?? 0);
  },
};
