import { and, asc, count, desc, eq, gt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog } from './audit.tables.js';
import { type AuditRecord, GENESIS_HASH, hashAuditRecord } from './audit-chain.js';

/** Arbitrary constant: the advisory lock that serializes appends to the chain. */
const AUDIT_CHAIN_LOCK = 727002;

export type AuditInput = Omit<AuditRecord, 'id' | 'at'> & { at?: Date };

export const auditRepository = {
  /**
   * Appends a row inside the caller's transaction. The transaction-scoped advisory lock
   * makes concurrent appenders take turns, so ids stay gapless and each row chains to
   * the one before it; the lock is released at commit or rollback.
   */
  async append(tx: Executor, input: AuditInput): Promise<void> {
    await tx.execute(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ id: auditLog.id, hash: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1);
    const record: AuditRecord = {
      id: (last?.id ?? 0) + 1,
      at: input.at ?? new Date(),
      actorId: input.actorId,
      actorLabel: input.actorLabel,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      outcome: input.outcome,
      requestId: input.requestId,
      details: input.details ?? {},
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.insert(auditLog).values({ ...record, prevHash, hash: hashAuditRecord(prevHash, record) });
  },

  /** Rows after `afterId` in id order, a page at a time, for the chain walk. */
  async pageAfter(db: Executor, afterId: number, limit: number) {
    return db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit);
  },

  async list(
    db: Executor,
    filter: { action?: string; objectType?: string; objectId?: string; actorId?: string },
    page: { limit: number; offset: number },
  ) {
    const conditions: SQL[] = [];
    if (filter.action) conditions.push(eq(auditLog.action, filter.action));
    if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
    if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
    if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
    const where = conditions.length ? and(...conditions) : undefined;
    const [items, [total]] = await Promise.all([
      db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(page.limit).offset(page.offset),
      db.select({ n: count() }).from(auditLog).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
};
