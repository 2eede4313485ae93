import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.js';
import { createTestDatabase } from '../../test/db.js';
import { type JobDefinition, startJobRunner } from './job-runner.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase('empty');
});
afterAll(() => database.close());

/** A logger that keeps what it is given (the runner's only way to report a failure). */
function recordingLog() {
  const entries: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at =
    (level: string) =>
    (obj: Record<string, unknown>, msg = '') =>
      entries.push({ level, obj, msg });
  const log = {
    level: 'info',
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    silent: () => undefined,
    child: () => log,
  } as unknown as FastifyBaseLogger;
  return { log, entries };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function jobRow(name: string) {
  const [row] = await queryRows<{ failures: number; locked_by: string | null; last_error: string | null }>(
    database.db,
    sql`SELECT failures, locked_by, last_error FROM jobs WHERE name = ${name}`,
  );
  return row;
}

describe('the job runner', () => {
  it('two runners on one database never run a job at once, and it still runs on its interval', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const job: JobDefinition = {
      name: 'exclusive',
      intervalMs: 30,
      async run() {
        running += 1;
        most = Math.max(most, running);
        runs += 1;
        await sleep(40);
        running -= 1;
      },
    };
    const { log } = recordingLog();
    const a = startJobRunner(database, [job], log);
    const b = startJobRunner(database, [job], log);
    const both = await Promise.all([a.runNow('exclusive'), b.runNow('exclusive')]);
    expect(both.filter((o) => o.ran)).toHaveLength(1);
    expect(both.find((o) => !o.ran)).toEqual({ ran: false, reason: 'held-elsewhere' });
    await sleep(600);
    await Promise.all([a.stop(), b.stop()]);
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect((await jobRow('exclusive'))?.locked_by).toBeNull();
  });

  it('logs a failure, keeps the process alive, and retries at the next tick with backoff', async () => {
    let calls = 0;
    const job: JobDefinition = {
      name: 'flaky',
      intervalMs: 40,
      async run() {
        calls += 1;
        if (calls <= 2) throw new Error(`flaky failure ${calls}`);
      },
    };
    const { log, entries } = recordingLog();
    const runner = startJobRunner(database, [job], log);
    const deadline = Date.now() + 5000;
    while (calls < 3 && Date.now() < deadline) await sleep(20);
    await runner.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    const failures = entries.filter((e) => e.level === 'error' && e.msg === 'background job failed');
    expect(failures.map((e) => [e.obj.job, e.obj.failures, (e.obj.err as Error).message])).toEqual([
      ['flaky', 1, 'flaky failure 1'],
      ['flaky', 2, 'flaky failure 2'],
    ]);
    // The third call succeeded: the count of failures in a row starts over.
    expect(await jobRow('flaky')).toMatchObject({ failures: 0, last_error: null, locked_by: null });
  });

  it('records the failures in a row and when the job is retried', async () => {
    const job: JobDefinition = {
      name: 'broken',
      intervalMs: 60_000,
      async run() {
        throw new Error('always broken');
      },
    };
    const { log } = recordingLog();
    const runner = startJobRunner(database, [job], log);
    expect(await runner.runNow('broken')).toEqual({ ran: true, ok: false });
    expect(await runner.runNow('broken')).toEqual({ ran: true, ok: false });
    await runner.stop();
    const [row] = await queryRows<{ failures: number; last_error: string; retry_in_s: number }>(
      database.db,
      sql`SELECT failures, last_error, extract(epoch FROM next_run_at - last_finished_at)::int AS retry_in_s
          FROM jobs WHERE name = 'broken'`,
    );
    // At start and on demand: two failures in a row or more, the next try no sooner than an interval.
    expect(row?.last_error).toBe('always broken');
    expect(row?.failures).toBeGreaterThanOrEqual(2);
    expect(row?.retry_in_s).toBeGreaterThanOrEqual(60);
  });

  it('a clean stop waits for the running job to finish and releases it', async () => {
    let finished = false;
    let aborted = false;
    const job: JobDefinition = {
      name: 'slow',
      intervalMs: 60_000,
      async run({ signal }) {
        await sleep(300);
        aborted = signal.aborted;
        finished = true;
      },
    };
    const runner = startJobRunner(database, [job], recordingLog().log);
    const run = runner.runNow('slow');
    await sleep(50);
    await runner.stop();
    expect(finished).toBe(true);
    expect(aborted).toBe(true);
    expect(await run).toEqual({ ran: true, ok: true });
    expect((await jobRow('slow'))?.locked_by).toBeNull();
  });

  it('takes over a job whose holder died once its lease has run out', async () => {
    const ran: string[] = [];
    const job: JobDefinition = {
      name: 'orphaned',
      intervalMs: 60_000,
      async run() {
        ran.push('run');
      },
    };
    await database.db.execute(sql`
      INSERT INTO jobs (name, next_run_at, locked_by, locked_until)
      VALUES ('orphaned', now(), 'a-crashed-process', now() + interval '1 hour')`);
    const runner = startJobRunner(database, [job], recordingLog().log);
    expect(await runner.runNow('orphaned')).toEqual({ ran: false, reason: 'held-elsewhere' });
    await database.db.execute(sql`UPDATE jobs SET locked_until = now() - interval '1 second' WHERE name = 'orphaned'`);
    expect(await runner.runNow('orphaned')).toEqual({ ran: true, ok: true });
    await runner.stop();
    expect(ran).toEqual(['run']);
  });
});
