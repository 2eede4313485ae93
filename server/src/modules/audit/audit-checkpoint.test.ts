import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Executor, queryRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { startJobRunner } from '../jobs/job-runner.js';
import { auditCheckpointJob } from './audit.jobs.js';
import { hashAuditRecord } from './audit-chain.js';
import { parseCheckpointLines } from './audit-checkpoint.js';
import { makeAuditCheckpoint } from './make-audit-checkpoint.js';
import { verifyAuditChain } from './verify-audit-chain.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface RawRow {
  id: string;
  lane: number;
  lane_seq: string;
  at: Date | string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  object_type: string;
  object_id: string | null;
  outcome: string;
  request_id: string | null;
  scope_path: string | null;
  details: unknown;
  prev_hash: string;
}

/**
 * What someone with superuser rights can do: switch off the append-only trigger, edit a row,
 * and recompute every hash after it in its lane and the lane's head (else the next row
 * appended would show the break), so the chain alone is consistent again.
 */
async function rewriteRowAndRecomputeChain(db: Executor, id: number, actorLabel: string) {
  await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
  await db.execute(sql`UPDATE audit_log SET actor_label = ${actorLabel} WHERE id = ${id}`);
  const [target] = await queryRows<{ lane: number; lane_seq: string }>(
    db,
    sql`SELECT lane, lane_seq FROM audit_log WHERE id = ${id}`,
  );
  const rows = await queryRows<RawRow>(
    db,
    sql`SELECT * FROM audit_log WHERE lane = ${target?.lane} AND lane_seq >= ${target?.lane_seq} ORDER BY lane_seq`,
  );
  let prev = rows[0]?.prev_hash ?? '';
  for (const r of rows) {
    const hash = hashAuditRecord(prev, {
      id: Number(r.id),
      lane: r.lane,
      laneSeq: Number(r.lane_seq),
      at: new Date(r.at),
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      outcome: r.outcome,
      requestId: r.request_id,
      scopePath: r.scope_path,
      details: r.details,
    });
    await db.execute(sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${hash} WHERE id = ${r.id}`);
    prev = hash;
  }
  await db.execute(sql`UPDATE audit_lane_heads SET hash = ${prev} WHERE lane = ${target?.lane}`);
  await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
}

describe('signed audit checkpoints', () => {
  it('catch a rewrite before a checkpoint even with every hash recomputed and the checkpoints table rewritten', async () => {
    const admin = await t.login('admin');
    const unit = async (code: string) =>
      admin.post('/api/units', { code, name: `检查点${code}`, kind: 'department', regionCode: '320281' });
    for (let i = 0; i < 3; i++) expect((await unit(`T-CP-${i}`)).statusCode).toBe(201);
    const { db } = t.database;
    const [victim] = await queryRows<{ id: string }>(
      db,
      sql`SELECT id FROM audit_log WHERE action = 'unit.create' ORDER BY id DESC LIMIT 1`,
    );
    const victimId = Number(victim?.id);

    const checkpoint = await makeAuditCheckpoint(db, t.config.auditSigningKey, new Date());
    // The auditor keeps an export outside the platform.
    const exported = await admin.get('/api/audit/checkpoints');
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const kept = parseCheckpointLines(exported.body);
    expect(kept.map((c) => c.id)).toEqual([checkpoint.id]);
    // Rows written after the checkpoint are not covered by it, and do not disturb it.
    expect((await unit('T-CP-after')).statusCode).toBe(201);
    expect((await admin.post('/api/audit/verify')).json()).toMatchObject({
      ok: true,
      checkpoints: 1,
      brokenCheckpoints: [],
    });

    await rewriteRowAndRecomputeChain(db, victimId, 'nobody');
    const rewritten = (await admin.post('/api/audit/verify')).json();
    // The chain alone no longer shows anything: only the signed checkpoint does.
    expect(rewritten.broken).toEqual([]);
    expect(rewritten.ok).toBe(false);
    expect(rewritten.brokenCheckpoints).toEqual([
      expect.objectContaining({ checkpointId: String(checkpoint.id), reason: 'row-rewritten' }),
    ]);
    expect(rewritten.brokenCheckpoints[0].message).toContain(`签名检查点 ${checkpoint.id}`);

    // The attacker also moves the checkpoint onto the new hashes: the signature no longer holds.
    await db.execute(sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only`);
    const moved = await Promise.all(
      checkpoint.lanes.map(async (l) => {
        const [row] = await queryRows<{ hash: string }>(
          db,
          sql`SELECT hash FROM audit_log WHERE lane = ${l.lane} AND lane_seq = ${l.seq}`,
        );
        return { ...l, hash: row?.hash ?? l.hash };
      }),
    );
    await db.execute(
      sql`UPDATE audit_checkpoints SET lanes = ${JSON.stringify(moved)}::jsonb WHERE id = ${checkpoint.id}`,
    );
    const forged = (await admin.post('/api/audit/verify')).json();
    expect(forged.ok).toBe(false);
    expect(forged.brokenCheckpoints).toEqual([
      expect.objectContaining({ checkpointId: String(checkpoint.id), reason: 'bad-signature' }),
    ]);

    // Or deletes the checkpoints: the database alone then looks clean, the auditor's export does not.
    await db.execute(sql`DELETE FROM audit_checkpoints`);
    await db.execute(sql`ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only`);
    expect((await admin.post('/api/audit/verify')).json()).toMatchObject({ ok: true, checkpoints: 0 });
    const withExport = await verifyAuditChain(db, {
      locale: 'en-US',
      publicKey: t.config.auditSigningKey,
      checkpoints: kept,
    });
    expect(withExport.ok).toBe(false);
    expect(withExport.brokenCheckpoints).toEqual([
      expect.objectContaining({ checkpointId: String(checkpoint.id), reason: 'row-rewritten' }),
    ]);
    expect(withExport.brokenCheckpoints[0]?.message).toContain(`Signed checkpoint ${checkpoint.id}`);

    // A checkpoint signed with another key (the attacker's own) is not trusted.
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const own = await makeAuditCheckpoint(db, otherKey, new Date());
    const result = await verifyAuditChain(db, { publicKey: t.config.auditSigningKey });
    expect(result.brokenCheckpoints).toEqual([
      expect.objectContaining({ checkpointId: String(own.id), reason: 'other-key' }),
    ]);
  });

  it('are refused UPDATE and DELETE through ordinary SQL', async () => {
    const c = await makeAuditCheckpoint(t.database.db, t.config.auditSigningKey, new Date());
    await expect(
      t.database.db.execute(sql`UPDATE audit_checkpoints SET key_id = 'x' WHERE id = ${c.id}`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM audit_checkpoints WHERE id = ${c.id}`)).rejects.toThrow();
  });

  it('are made by the background job, one at a time', async () => {
    const { db } = t.database;
    const count = async () =>
      Number((await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM audit_checkpoints`))[0]?.n);
    const before = await count();
    const runner = startJobRunner(
      t.database,
      [auditCheckpointJob(t.database, t.config.auditSigningKey, 60)],
      t.app.log,
    );
    await Promise.all([runner.runNow('audit-checkpoint'), runner.runNow('audit-checkpoint')]);
    await runner.stop();
    expect(await count()).toBe(before + 1);
  });
});
