import { max } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { domainEvents } from './events.tables.js';

export type NewDomainEventRow = typeof domainEvents.$inferInsert;

export const eventsRepository = {
  async append(db: Executor, rows: NewDomainEventRow[]): Promise<void> {
    if (rows.length > 0) await db.insert(domainEvents).values(rows);
  },

  /** The newest event id (a consumer that starts now starts after it). */
  async latestId(db: Executor): Promise<number> {
    const [row] = await db.select({ id: max(domainEvents.id) }).from(domainEvents);
    return Number(row?.id ?? 0);
  },
};
