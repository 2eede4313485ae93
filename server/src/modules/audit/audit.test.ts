import { isAuditAction } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { type AuditEvent, recordAudit, recordAudits } from './record-audit.js';
import { verifyAuditChain } from './verify-audit-chain.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records every mutation with actor, action, object, outcome and request id', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/units', {
      code: 'T-AUDIT',
      name: '审计测试单位',
      kind: 'department',
      regionCode: '320281',
    });
    expect(created.statusCode).toBe(201);
    const list = await admin.get(`/api/audit?objectType=unit&objectId=${created.json().id}`);
    const [row] = list.json().items;
    expect(row).toMatchObject({
      action: 'unit.create',
      actorLabel: 'admin',
      actorId: admin.session.user.id,
      outcome: 'success',
      requestId: created.headers['x-request-id'],
    });
  });

  it('records only listed actions, each with its words for the audit page', async () => {
    const rows = await queryRows<{ action: string }>(t.database.db, sql`SELECT DISTINCT action FROM audit_log`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.action).filter((action) => !isAuditAction(action))).toEqual([]);
    // @ts-expect-error an action not in contracts' AUDIT_ACTIONS does not compile
    const unlisted: AuditEvent = { action: 'grid.erase', objectType: 'grid-map' };
    expect(isAuditAction(unlisted.action)).toBe(false);
  });

  it('refuses UPDATE and DELETE through ordinary SQL', async () => {
    await expect(t.database.db.execute(sql`UPDATE audit_log SET outcome = 'x' WHERE id = 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM audit_log WHERE id = 1`)).rejects.toThrow();
  });

  it('writers at once each take a free lane, one finding every lane held waits for one, and every lane stays whole', async () => {
    const { db } = t.database;
    const write = (i: number) =>
      db.transaction(async (tx) => {
        await recordAudits(
          tx,
          [1, 2].map((n) => ({
            context: { actor: null, requestId: `lanes-${i}` },
            event: { action: 'unit.create', objectType: 'unit', objectId: `LANES-${i}-${n}` },
          })),
        );
        // Held a moment, so that on the server the writers overlap.
        await tx.execute(sql`SELECT pg_sleep(0.02)`);
      });
    await Promise.all(Array.from({ length: 12 }, (_, i) => write(i)));
    if (t.database.kind === 'postgres') {
      // Another transaction holds every lane's head: a writer then waits on one until it ends.
      let held = () => {};
      const holding = new Promise<void>((resolve) => {
        held = resolve;
      });
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = db.transaction(async (tx) => {
        await tx.execute(sql`SELECT lane FROM audit_lane_heads FOR UPDATE`);
        held();
        await released;
      });
      await holding;
      const waiting = write(99);
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      await Promise.all([holder, waiting]);
    }
    const rows = await queryRows<{ lane: number; request_id: string }>(
      db,
      sql`SELECT lane, request_id FROM audit_log WHERE request_id LIKE 'lanes-%' ORDER BY id`,
    );
    expect(rows).toHaveLength(t.database.kind === 'postgres' ? 26 : 24);
    // A writer's rows follow each other on its lane.
    const lanesOf = new Map<string, Set<number>>();
    for (const r of rows) lanesOf.set(r.request_id, (lanesOf.get(r.request_id) ?? new Set()).add(r.lane));
    expect([...lanesOf.values()].every((lanes) => lanes.size === 1)).toBe(true);
    if (t.database.kind === 'postgres') expect(new Set(rows.map((r) => r.lane)).size).toBeGreaterThan(1);
    expect((await verifyAuditChain(db, { publicKey: t.config.auditSigningKey })).ok).toBe(true);
  });

  it('writers outside a transaction (a read that is audited) at once keep every lane whole, its head at its end', async () => {
    const { db } = t.database;
    // Each writes in a transaction of its own: its lane is held from its place to its row.
    // Statement by statement on the pool, two writers took one place, or set the head back
    // behind the other's row, and every later row on that lane was refused.
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        recordAudit(
          db,
          { actor: null, requestId: `outside-${i}` },
          { action: 'unit.create', objectType: 'unit', objectId: `OUTSIDE-${i}` },
        ),
      ),
    );
    const heads = await queryRows<{ lane: number; behind: boolean }>(
      db,
      sql`SELECT h.lane, h.lane_seq < coalesce(max(l.lane_seq), 0) AS behind
            FROM audit_lane_heads h LEFT JOIN audit_log l ON l.lane = h.lane GROUP BY h.lane, h.lane_seq`,
    );
    expect(heads.filter((h) => h.behind)).toEqual([]);
    const rows = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE request_id LIKE 'outside-%'`,
    );
    expect(rows[0]?.n).toBe(16);
    expect((await verifyAuditChain(db, { publicKey: t.config.auditSigningKey })).ok).toBe(true);
  });

  it('finds an edited row and a deleted row, by id, through the API', async () => {
    const admin = await t.login('admin');
    for (let i = 0; i < 6; i++)
      await admin.post('/api/units', {
        code: `T-CHAIN-${i}`,
        name: `链测试${i}`,
        kind: 'department',
        regionCode: '320281',
      });
    const before = await admin.post('/api/audit/verify');
    expect(before.json()).toMatchObject({ ok: true, firstBroken: null });

    const { db } = t.database;
    const [maxRow] = await queryRows<{ max: number }>(db, sql`SELECT max(id)::int AS max FROM audit_log`);
    const max = Number(maxRow?.max);
    const edited = max - 4;
    const deleted = max - 1;
    // Someone with owner rights bypasses the append-only trigger.
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.execute(sql`UPDATE audit_log SET actor_label = 'nobody' WHERE id = ${edited}`);
    await db.execute(sql`DELETE FROM audit_log WHERE id = ${deleted}`);
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);

    const result = (await admin.post('/api/audit/verify')).json();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ id: String(edited), reason: 'hash-mismatch' });
    // One writer at a time: every row is in lane 0, so the gap shows before the row after the deleted one.
    expect(result.broken.map((b: { id: string; reason: string }) => [b.id, b.reason])).toEqual([
      [String(edited), 'hash-mismatch'],
      [String(max), 'missing-row'],
    ]);
    expect(result.broken[1].message).toContain(`审计记录 ${max} 之前`);
    expect(result.firstBroken.message).toContain(`审计记录 ${edited}`);

    const english = await verifyAuditChain(db, { locale: 'en-US', publicKey: t.config.auditSigningKey });
    expect(english.firstBroken?.message).toContain(`Audit row ${edited}`);
  });

  it("shows a row deleted from a lane's end once the next row is written: the lane's head keeps where it ended", async () => {
    const admin = await t.login('admin');
    const unit = (code: string) =>
      admin.post('/api/units', { code, name: `尾部${code}`, kind: 'department', regionCode: '320281' });
    expect((await unit('T-TAIL-1')).statusCode).toBe(201);
    const { db } = t.database;
    const [last] = await queryRows<{ id: string }>(db, sql`SELECT id FROM audit_log ORDER BY id DESC LIMIT 1`);
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.execute(sql`DELETE FROM audit_log WHERE id = ${last?.id}`);
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    // The next row goes one place past the deleted one, not onto the row before it.
    expect((await unit('T-TAIL-2')).statusCode).toBe(201);
    const result = (await admin.post('/api/audit/verify')).json();
    expect(result.ok).toBe(false);
    expect(result.broken.map((b: { reason: string }) => b.reason)).toContain('missing-row');
  });

  it('is for admins only', async () => {
    const operator = await t.login('operator');
    expect((await operator.get('/api/audit')).statusCode).toBe(403);
    expect((await operator.post('/api/audit/verify')).statusCode).toBe(403);
    expect((await operator.get('/api/audit/checkpoints')).statusCode).toBe(403);
  });
});
