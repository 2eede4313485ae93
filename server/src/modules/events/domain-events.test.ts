import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { queryRows } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { createTestApp } from '../../test/app.js';
import { caseTimersJob } from '../cases/cases.jobs.js';
import { DEFAULT_CASE_SETTINGS } from '../cases/cases.settings.js';
import { at, reportOk } from '../cases/cases.test-helpers.js';
import { startJobRunner } from '../jobs/job-runner.js';
import { type FieldWorld, fieldWorld, startPatrolOk } from '../patrols/field.test-helpers.js';
import { DOMAIN_EVENTS_CHANNEL, onDomainEvents } from './domain-events.js';

/**
 * Two server processes on one database: app A (the test app) and app B, built on the same
 * database — on a PostgreSQL server B's stream is woken by NOTIFY through its own listening
 * connection; on PGlite (one instance) by PGlite's notifications.
 */
let w: FieldWorld;
let appB: App;
let baseB: string;
let spot = 0;
const nextPoint = () => {
  spot += 1;
  return at(w.workerGrid.point, spot * 40 - 200, -150);
};

beforeAll(async () => {
  w = await fieldWorld(await createTestApp());
  appB = await buildApp({ config: w.t.config, database: w.t.database, logger: false });
  await appB.listen({ host: '127.0.0.1', port: 0 });
  baseB = `http://127.0.0.1:${(appB.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await appB.close();
  await w.t.close();
});

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(w.t.database.db, query);

/** An SSE stream read bit by bit: `until` reads on until `predicate` holds (or `ms` pass). */
function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(predicate: (text: string) => boolean, ms: number) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline && !predicate(text)) {
        const timeout = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), deadline - Date.now()),
        );
        const next = await Promise.race([reader.read(), timeout]);
        if (next === 'timeout' || next.done) break;
        text += decoder.decode(next.value, { stream: true });
      }
      return { text, at: Date.now() };
    },
  };
}

describe('the domain event log across two server processes', () => {
  it('a case event written through app A reaches a desk streaming from app B within a second', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${baseB}/api/cases/stream`, {
      headers: { cookie: w.operator.cookie },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    // The stream is listening once its first bytes (the retry hint) arrive.
    const reader = sseReader(stream);
    await reader.until((s) => s.includes('retry:'), 5000);

    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0101',
      description: '两个进程：井盖缺失',
      point: nextPoint(),
      formAnswers: { hazard: 'risk' },
    });
    const committedAt = Date.now();
    const code = intake.case.code;
    const { text, at: seenAt } = await reader.until((s) => s.includes(code), 3000);
    controller.abort();
    expect(text).toContain(`"caseCode":"${code}"`);
    // The fallback poll is 20 s: only the commit's wake-up gets it there this fast.
    expect(seenAt - committedAt).toBeLessThan(1000);

    const [event] = await rows<{ kind: string; scope_path: string; payload: Record<string, unknown> }>(
      sql`SELECT d.kind, d.scope_path, d.payload FROM domain_events d JOIN cases c ON c.id = d.aggregate_id
          WHERE c.code = ${code} ORDER BY d.id LIMIT 1`,
    );
    expect(event).toMatchObject({ kind: 'case.reported', payload: { caseCode: code, toState: 'reported' } });
    expect(event?.scope_path.startsWith('320281/')).toBe(true);
  });

  it('every case timeline event is a domain event, with the same order', async () => {
    const [counts] = await rows<{ timeline: number; logged: number; misordered: number }>(
      sql`SELECT (SELECT count(*)::int FROM case_events) AS timeline,
                 (SELECT count(*)::int FROM domain_events WHERE aggregate_kind = 'case') AS logged,
                 (SELECT count(*)::int FROM (
                    SELECT (payload->>'caseEventId')::bigint AS e, lag((payload->>'caseEventId')::bigint) OVER (ORDER BY id) AS prev
                    FROM domain_events WHERE aggregate_kind = 'case') x WHERE x.e < x.prev) AS misordered`,
    );
    expect(counts?.timeline).toBeGreaterThan(0);
    expect(counts).toMatchObject({ logged: counts?.timeline, misordered: 0 });
  });

  it('a case timer due while both processes run their job runners fires once', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0202',
      description: '两个进程：人行道板破损',
      point: nextPoint(),
      formAnswers: { hazard: 'none' },
    });
    const code = intake.case.code;
    const job = () => caseTimersJob(w.t.database, { ...DEFAULT_CASE_SETTINGS, timerIntervalMs: 50 });
    const runnerA = startJobRunner(w.t.database, [job()], w.t.app.log);
    const runnerB = startJobRunner(w.t.database, [job()], appB.log);
    await w.t.database.db.execute(sql`
      INSERT INTO case_timers (case_id, kind, stage, for_due_at, due_at)
      SELECT id, 'warning', stage, stage_due_at, now() - interval '1 hour' FROM cases WHERE code = ${code}`);
    const warnings = async () =>
      (
        await rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id
              WHERE c.code = ${code} AND e.type = 'time_warning'`,
        )
      )[0]?.n;
    const deadline = Date.now() + 5000;
    while ((await warnings()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // Both runners keep ticking a while longer (and are asked to run at the same moment).
    await Promise.all([runnerA.runNow('case-timers'), runnerB.runNow('case-timers')]);
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all([runnerA.stop(), runnerB.stop()]);
    expect(await warnings()).toBe(1);
    const [logged] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM domain_events d JOIN cases c ON c.id = d.aggregate_id
          WHERE c.code = ${code} AND d.kind = 'case.time_warning'`,
    );
    expect(logged?.n).toBe(1);
  });

  it('patrols started and ended and visits recorded are appended with the change', async () => {
    const patrol = await startPatrolOk(w.gridworker);
    const visit = await w.gridworker.post('/api/visits', {
      address: '文定花园1幢101室',
      note: '事件日志测试',
      point: at(w.workerGrid.point, 10, 10),
      patrolId: patrol.id,
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const ended = await w.gridworker.post(`/api/patrols/${patrol.id}/end`, {});
    expect(ended.statusCode, ended.body).toBe(200);
    // An end refused is no change: nothing is appended.
    expect((await w.otherWorker.post(`/api/patrols/${patrol.id}/end`, {})).statusCode).toBe(403);

    const events = await rows<{ kind: string; aggregate_id: string; scope_path: string }>(
      sql`SELECT kind, aggregate_id, scope_path FROM domain_events
          WHERE aggregate_id IN (${patrol.id}, ${visit.json().id}) ORDER BY id`,
    );
    expect(events.map((e) => [e.kind, e.aggregate_id])).toEqual([
      ['patrol.started', patrol.id],
      ['visit.recorded', visit.json().id],
      ['patrol.ended', patrol.id],
    ]);
    expect(events[1]?.scope_path).toContain(w.workerGrid.code);
  });

  it('keeps waking listeners after the listening connection is dropped (a server restart, a failover)', async () => {
    let wakes = 0;
    const stop = await onDomainEvents(w.t.database, () => {
      wakes += 1;
    });
    // On a server: end the listening connection (PGlite has no other connection to end).
    const dropped = await rows<{ pid: number }>(
      sql`SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    expect(dropped.length).toBe(w.t.database.kind === 'postgres' ? 1 : 0);
    const deadline = Date.now() + 8000;
    if (dropped.length > 0) {
      // Listening again (after a second) wakes everyone once, to read what they may have missed.
      while (wakes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(wakes).toBeGreaterThan(0);
    }
    wakes = 0;
    await w.t.database.db.execute(sql`SELECT pg_notify(${DOMAIN_EVENTS_CHANNEL}, '')`);
    while (wakes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(wakes).toBeGreaterThan(0);
  });
});
