import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import { createTestApp } from '../../test/app.js';
import { canonicalJson } from '../audit/index.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  report,
  reportOk,
  uploadPhoto,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';
import { startJobRunner } from '../jobs/job-runner.js';
import { idempotencyJobs } from './idempotency.jobs.js';

let w: CaseWorld;
let grid: { code: string; point: Position };

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
});
afterAll(() => w.t.close());

const count = async (query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(w.t.database.db, query))[0]?.n);

let shade = 0;
async function jpeg(): Promise<Buffer> {
  shade += 1;
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: shade * 11, b: 20 } } })
    .jpeg()
    .toBuffer();
}

function postPhoto(bytes: Buffer, key: string) {
  return w.gridworker.request({
    method: 'POST',
    url: '/api/photos',
    headers: { 'content-type': 'image/jpeg', 'idempotency-key': key },
    payload: bytes,
  });
}

/** A town-level case (missing manhole cover) handled by the urban bureau, waiting for the worker's check on site. */
async function handledCase(east: number): Promise<string> {
  const intake = await reportOk(w.resident, {
    matterCode: 'CG-0101',
    description: '井盖缺失',
    point: at(grid.point, east, -120),
    formAnswers: { hazard: 'risk' },
  });
  const code = intake.case.code;
  await commandOk(w.operator, code, { type: 'register' });
  await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
  await commandOk(w.handler, code, { type: 'accept' });
  await commandOk(w.handler, code, {
    type: 'submit_feedback',
    text: '已补装',
    photoIds: [await uploadPhoto(w.handler)],
  });
  return code;
}

const verifyEvents = (code: string) =>
  count(
    sql`SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.code = ${code} AND e.type = 'verification_passed'`,
  );

describe('Idempotency-Key on POST /api/photos', () => {
  it('the same key and file twice in a row: one photo, one audit row, the first answer again', async () => {
    const bytes = await jpeg();
    const first = await postPhoto(bytes, 'photo-seq-1');
    expect(first.statusCode, first.body).toBe(201);
    const second = await postPhoto(bytes, 'photo-seq-1');
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const id = first.json().id as string;
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM photos WHERE sha256 = (SELECT sha256 FROM photos WHERE id = ${id})`,
      ),
    ).toBe(1);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'photo.upload' AND object_id = ${id}`),
    ).toBe(1);
  });

  it('the same key and file at once: one photo, both get the same answer', async () => {
    const bytes = await jpeg();
    const answers = await Promise.all([1, 2, 3].map(() => postPhoto(bytes, 'photo-concurrent')));
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
  });

  it('the same key with another file is refused with 422 idempotency-key-reused', async () => {
    expect((await postPhoto(await jpeg(), 'photo-other')).statusCode).toBe(201);
    const other = await postPhoto(await jpeg(), 'photo-other');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency-key-reused');
  });

  it('a malformed key is a 400 naming the header', async () => {
    const r = await postPhoto(await jpeg(), 'bad key!');
    expect(r.statusCode).toBe(400);
  });
});

describe('Idempotency-Key on POST /api/cases/:code/commands', () => {
  const verify = (code: string, key: string, note = '现场核实已补装') =>
    w.gridworker.request({
      method: 'POST',
      url: `/api/cases/${code}/commands`,
      headers: { 'idempotency-key': key },
      payload: { type: 'verify_pass', note },
    });

  it('a verification sent twice closes the case once and answers the same both times', async () => {
    const code = await handledCase(0);
    const first = await verify(code, 'verify-seq');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().case.state).toBe('closed');
    const second = await verify(code, 'verify-seq');
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await verifyEvents(code)).toBe(1);
  });

  it('a verification sent three times at once closes the case once; nobody gets a state error', async () => {
    const code = await handledCase(60);
    const answers = await Promise.all([1, 2, 3].map(() => verify(code, 'verify-concurrent')));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await verifyEvents(code)).toBe(1);
  });

  it('the same key with another body, or on another case, is refused and changes nothing', async () => {
    const code = await handledCase(120);
    const otherCode = await handledCase(180);
    expect((await verify(code, 'verify-other')).statusCode).toBe(200);
    const otherBody = await verify(code, 'verify-other', '另一个说明');
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().error.code).toBe('idempotency-key-reused');
    const otherCase = await verify(otherCode, 'verify-other');
    expect(otherCase.statusCode).toBe(422);
    expect(await verifyEvents(otherCode)).toBe(0);
  });

  it('a refused command stores no answer: the retry after the cause is fixed runs', async () => {
    const intake = await reportOk(w.resident, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: at(grid.point, 240, -120),
      formAnswers: { hazard: 'risk' },
    });
    const tooEarly = await verify(intake.case.code, 'verify-too-early');
    expect(tooEarly.statusCode).toBe(409);
    expect(await count(sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'verify-too-early'`)).toBe(0);
  });
});

describe('one key, one endpoint', () => {
  it('a key used for a photo cannot replay that answer on the command endpoint', async () => {
    const code = await handledCase(300);
    expect((await postPhoto(await jpeg(), 'shared-key')).statusCode).toBe(201);
    const r = await w.gridworker.request({
      method: 'POST',
      url: `/api/cases/${code}/commands`,
      headers: { 'idempotency-key': 'shared-key' },
      payload: { type: 'verify_pass' },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('idempotency-key-reused');
  });
});

describe('the intake: the same mechanism as every POST', () => {
  const storedHash = async (key: string) =>
    (
      await queryRows<{ h: string }>(
        w.t.database.db,
        sql`SELECT request_hash AS h FROM idempotency_keys WHERE key = ${key}`,
      )
    )[0]?.h;

  it("a report's key is bound to method, path and body like every other POST", async () => {
    const body = { matterCode: 'CG-0309', description: '垃圾混投', point: at(grid.point, 360, -300) };
    const first = await report(w.gridworker, body, { 'idempotency-key': 'intake-bound' });
    expect(first.statusCode, first.body).toBe(201);
    expect(await storedHash('intake-bound')).toBe(sha256Hex(`POST /api/cases\n${canonicalJson(body)}`));
    const again = await report(w.gridworker, body, { 'idempotency-key': 'intake-bound' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it("a report's key stored before, hashed over the body alone, still replays its answer", async () => {
    const body = { matterCode: 'CG-0309', description: '垃圾混投', point: at(grid.point, 420, -300) };
    const first = await report(w.gridworker, body, { 'idempotency-key': 'intake-former' });
    expect(first.statusCode, first.body).toBe(201);
    // As the intake stored it until it took every POST's claim.
    await w.t.database.db.execute(
      sql`UPDATE idempotency_keys SET request_hash = ${sha256Hex(canonicalJson(body))} WHERE key = 'intake-former'`,
    );
    const again = await report(w.gridworker, body, { 'idempotency-key': 'intake-former' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const other = await report(
      w.gridworker,
      { ...body, description: '另一件事' },
      { 'idempotency-key': 'intake-former' },
    );
    expect(other.statusCode).toBe(422);
  });
});

describe('key clean-up', () => {
  it('a job deletes keys older than a month and keeps younger ones', async () => {
    await w.t.database.db.execute(sql`
      INSERT INTO idempotency_keys (actor_id, key, request_hash, status, created_at) VALUES
        ('cleanup-test', 'old', 'h', 'completed', now() - interval '31 days'),
        ('cleanup-test', 'young', 'h', 'completed', now() - interval '29 days')`);
    const runner = startJobRunner(
      w.t.database,
      idempotencyJobs({ config: w.t.config, database: w.t.database }),
      w.t.app.log,
    );
    expect(await runner.runNow('idempotency-key-cleanup')).toEqual({ ran: true, ok: true });
    await runner.stop();
    const left = await queryRows<{ key: string }>(
      w.t.database.db,
      sql`SELECT key FROM idempotency_keys WHERE actor_id = 'cleanup-test' ORDER BY key`,
    );
    expect(left.map((r) => r.key)).toEqual(['young']);
  });
});
