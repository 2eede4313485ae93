import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { queryRows } from '../../db/client.js';
import { createTestApp } from '../../test/app.js';
import type { Position } from '../grids/geometry/index.js';
import { runJobsWithApp } from '../jobs/job-runner.js';
import { caseTimersJob } from './cases.jobs.js';
import { DEFAULT_CASE_SETTINGS } from './cases.settings.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  detail,
  reportOk,
} from './cases.test-helpers.js';
import { addWorkingHours } from './domain/work-calendar.js';
import { processDueTimers } from './use-cases/process-due-timers.js';

let w: CaseWorld;
let grid: { code: string; point: Position };
let spot = 0;
const nextPoint = () => {
  spot += 1;
  return at(grid.point, (spot % 6) * 70 - 200, Math.floor(spot / 6) * 70 - 200);
};

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
});
afterAll(() => w.t.close());

const db = () => w.t.database.db;
const minutesAfter = (iso: string | null, minutes: number) =>
  new Date(new Date(iso as string).getTime() + minutes * 60_000);

async function eventCount(code: string, type: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db(),
    sql`SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.code = ${code} AND e.type = ${type}`,
  );
  return row?.n ?? 0;
}

async function timersOf(code: string) {
  return queryRows<{ kind: string; status: string; due_at: string }>(
    db(),
    sql`SELECT t.kind, t.status, t.due_at FROM case_timers t JOIN cases c ON c.id = t.case_id WHERE c.code = ${code} ORDER BY t.due_at, t.kind`,
  );
}

/** A registered case of `matter`, dispatched to the urban-management bureau. */
async function dispatchedCase(matterCode: string, formAnswers: Record<string, string> = { hazard: 'risk' }) {
  const intake = await reportOk(w.operator, { matterCode, description: '巡查发现', point: nextPoint(), formAnswers });
  const code = intake.case.code;
  await commandOk(w.operator, code, { type: 'register' });
  await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
  return code;
}

describe('warning, overdue and supervision', () => {
  it('turns a case yellow, then red, supervises it, and lists it — once', async () => {
    const code = await dispatchedCase('CG-0104');
    const c = (await detail(w.operator, code)).case;
    expect(c).toMatchObject({ stage: 'handle', timeState: 'normal' });
    expect((await timersOf(code)).filter((t) => t.status === 'pending').map((t) => t.kind)).toEqual([
      'warning',
      'overdue',
    ]);

    // Just past 80 % of the working time: yellow.
    const warnAt = (await timersOf(code)).find((t) => t.kind === 'warning' && t.status === 'pending')?.due_at as string;
    await processDueTimers(db(), minutesAfter(warnAt, 1));
    expect((await detail(w.operator, code)).case.timeState).toBe('warning');
    const yellow = (await w.operator.get('/api/cases/supervision')).json();
    expect(yellow.warning.map((x: { code: string }) => x.code)).toContain(code);

    // Past the limit: red, supervised by the system, on the red list.
    await processDueTimers(db(), minutesAfter(c.stageDueAt, 1));
    await processDueTimers(db(), minutesAfter(c.stageDueAt, 2));
    const d = await detail(w.operator, code);
    expect(d.case.timeState).toBe('overdue');
    expect(d.workflow.supervisionCount).toBe(1);
    const types = d.timeline.map((e) => e.type);
    expect(types.slice(-3)).toEqual(['time_warning', 'time_overdue', 'supervised']);
    expect(d.timeline.at(-1)).toMatchObject({ actorUserId: null, details: { note: '超期自动督办' } });
    const red = (await w.operator.get('/api/cases/supervision')).json();
    expect(red.overdue.map((x: { code: string }) => x.code)).toContain(code);
    expect(red.counts.overdue).toBeGreaterThan(0);
    const filtered = (await w.operator.get('/api/cases?timeState=overdue&limit=500')).json();
    expect(filtered.items.map((x: { code: string }) => x.code)).toContain(code);
    expect(await eventCount(code, 'time_overdue')).toBe(1);
    expect(await eventCount(code, 'supervised')).toBe(1);
  });

  it('a new stage cancels the old stage’s timers and starts its own', async () => {
    const code = await dispatchedCase('CG-0104');
    const reviewAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await commandOk(w.operator, code, { type: 'hold', reason: '等待配件', reviewAt });
    expect((await timersOf(code)).filter((t) => t.status === 'pending').map((t) => t.kind)).toEqual(['hold_review']);
    await commandOk(w.operator, code, { type: 'resume' });
    expect((await timersOf(code)).filter((t) => t.status === 'pending').map((t) => t.kind)).toEqual([
      'warning',
      'overdue',
    ]);
  });

  it('escalates an overdue case one level up when its matter says so', async () => {
    const code = await dispatchedCase('CG-0101'); // urgent; escalates 2 working hours after the limit
    const due = (await detail(w.operator, code)).case.stageDueAt as string;
    await processDueTimers(db(), minutesAfter(due, 1));
    const escalateTimer = (await timersOf(code)).find((t) => t.kind === 'escalate');
    expect(escalateTimer).toMatchObject({ status: 'pending' });
    expect(new Date(escalateTimer?.due_at as string).toISOString()).toBe(
      addWorkingHours(new Date(due), 2).toISOString(),
    );
    await processDueTimers(db(), minutesAfter(escalateTimer?.due_at as string, 1));
    const d = await detail(w.cityOperator, code);
    expect(d.case).toMatchObject({ state: 'registered', level: 'city', commandUnit: { code: '320281-CC' } });
    const escalated = d.timeline.find((e) => e.type === 'escalated');
    expect(escalated).toMatchObject({ actorUserId: null, details: { fromLevel: 'town', toLevel: 'city' } });
    expect(((escalated?.details ?? {}) as { reason?: string }).reason).toContain('处置时限');
    // The city command center now dispatches it.
    expect(await commandOk(w.cityOperator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') })).toBe(
      'dispatched',
    );
  });
});

describe('callback and archive', () => {
  it('a closed case comes due for its callback; a rated one is archived after the configured days', async () => {
    const intake = await reportOk(w.workstation, {
      matterCode: 'MS-0103', // a help request the desk may verify
      description: '咨询低保申请',
      point: nextPoint(),
    });
    const code = intake.case.code;
    await commandOk(w.workstation, code, { type: 'register' });
    await commandOk(w.workstation, code, { type: 'dispatch', unitId: w.unitId(`${DEMO_COMMUNITY}-WS`) });
    await commandOk(w.workstation, code, { type: 'accept' });
    await commandOk(w.workstation, code, { type: 'submit_feedback', text: '已上门讲解申请条件' });
    expect(await commandOk(w.gridworker, code, { type: 'verify_pass' })).toBe('closed');
    const closed = (await detail(w.workstation, code)).case;
    expect(closed.stage).toBe('callback');
    await processDueTimers(db(), minutesAfter(closed.stageDueAt, 1));
    expect((await detail(w.workstation, code)).case.timeState).toBe('overdue');
    expect(await eventCount(code, 'callback_due')).toBe(1);

    expect(await commandOk(w.workstation, code, { type: 'rate', rating: 'basically_satisfied' })).toBe('rated');
    const rated = (await detail(w.workstation, code)).case;
    expect(rated).toMatchObject({ stage: null, timeState: 'normal' });
    const archive = (await timersOf(code)).find((t) => t.kind === 'archive');
    const days = (new Date(archive?.due_at as string).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(DEFAULT_CASE_SETTINGS.archiveAfterDays - 0.1);
    expect(days).toBeLessThan(DEFAULT_CASE_SETTINGS.archiveAfterDays + 0.1);
    await processDueTimers(db(), minutesAfter(archive?.due_at as string, 1));
    const archived = await detail(w.workstation, code);
    expect(archived.case.state).toBe('archived');
    expect(archived.timeline.at(-1)).toMatchObject({ type: 'archived', actorUserId: null });
  });
});

describe('durability: timers are rows', () => {
  /** A past-due warning timer for the case's running limit, as if it fell due while no server ran. */
  async function pastDueWarning(code: string) {
    await db().execute(sql`
      INSERT INTO case_timers (case_id, kind, stage, for_due_at, due_at)
      SELECT id, 'warning', stage, stage_due_at, now() - interval '1 hour' FROM cases WHERE code = ${code}`);
  }

  it('concurrent workers apply each due timer exactly once', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const intake = await reportOk(w.operator, {
        matterCode: 'CG-0202',
        description: `人行道板破损 ${i}`,
        point: nextPoint(),
        formAnswers: { hazard: 'none' },
      });
      codes.push(intake.case.code);
      await pastDueWarning(intake.case.code);
      await pastDueWarning(intake.case.code); // two rows for the same limit: the second finds it yellow already
    }
    // Several workers at once: on PostgreSQL they run on separate connections (SKIP LOCKED
    // hands each its own rows); on PGlite the transactions take turns.
    const now = new Date();
    const runs = await Promise.all([1, 2, 3, 4].map(() => processDueTimers(db(), now, 3)));
    const rest = await processDueTimers(db(), now, 100);
    const claimed = [...runs, rest].reduce((n, r) => n + r.claimed, 0);
    expect(claimed).toBeGreaterThanOrEqual(16);
    for (const code of codes) {
      expect(await eventCount(code, 'time_warning')).toBe(1);
      expect((await detail(w.operator, code)).case.timeState).toBe('warning');
    }
    expect((await processDueTimers(db(), now, 100)).claimed).toBe(0);
  });

  it('a timer due while the server was down fires once after a restart', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0202',
      description: '重启前到期',
      point: nextPoint(),
      formAnswers: { hazard: 'none' },
    });
    const code = intake.case.code;
    await pastDueWarning(code);
    // "Restart": a new app on the same database starts its job runner, which runs the timers at once.
    const restarted = await buildApp({ config: w.t.config, database: w.t.database, logger: false });
    const runner = runJobsWithApp(restarted, w.t.database, [
      caseTimersJob(w.t.database, { ...DEFAULT_CASE_SETTINGS, timerIntervalMs: 60_000 }),
    ]);
    await restarted.ready();
    await runner.runNow('case-timers'); // the pass started with the app (or one after it)
    expect(await eventCount(code, 'time_warning')).toBe(1);
    // Later passes, and a second node's worker at the same moment, find nothing left to do.
    await Promise.all([runner.runNow('case-timers'), processDueTimers(db(), new Date())]);
    await restarted.close(); // stops the runner (onClose)
    expect(await eventCount(code, 'time_warning')).toBe(1);
    expect((await detail(w.operator, code)).case.timeState).toBe('warning');
  });

  it('a timer whose case moved on is closed without effect', async () => {
    const code = await dispatchedCase('CG-0104');
    const [stale] = await queryRows<{ id: string }>(
      db(),
      sql`INSERT INTO case_timers (case_id, kind, stage, for_due_at, due_at)
          SELECT id, 'overdue', 'handle', now() - interval '2 days', now() - interval '1 minute' FROM cases WHERE code = ${code}
          RETURNING id`,
    );
    const run = await processDueTimers(db(), new Date(), 500);
    expect(run.stale).toBeGreaterThanOrEqual(1);
    const [row] = await queryRows<{ status: string }>(
      db(),
      sql`SELECT status FROM case_timers WHERE id = ${stale?.id}`,
    );
    expect(row?.status).toBe('done');
    expect(await eventCount(code, 'time_overdue')).toBe(0);
  });
});
