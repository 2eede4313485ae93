import { ASSESSMENT_LEVELS, INDICATOR_IDS, type IndicatorTable, type PeriodKind } from '@yiwang/contracts';
import { and, count, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/http.js';
import { type Client, createTestApp } from '../../test/app.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  reportOk,
  uploadPhoto,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';
import { regions } from '../regions/regions.tables.js';
import { caseCounters, countedPeriods } from './indicator-counters.tables.js';
import { computeIndicators } from './use-cases/compute-indicators.js';
import { refreshIndicatorCounters } from './use-cases/count-indicators.js';
import { type IndicatorCasesOptions, indicatorCases } from './use-cases/indicator-cases.js';

let w: CaseWorld;
let leader: Client;
let grids: { code: string; point: Position }[];
const LATER = new Date(Date.now() + 40 * 86_400_000);
const HORIZON = { days: 45, weeks: 8, months: 3 };

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  grids = await baseGridsOf(w, DEMO_COMMUNITY);
  // A spread of lives on top of the demo's cases: closed after a failed then a passed check, voided, open.
  for (const [i, fate] of ['closed', 'voided', 'open', 'reworked'].entries()) {
    const r = await reportOk(i % 2 ? w.resident : w.gridworker, {
      matterCode: 'CG-0105',
      description: `灯杆倾斜 ${i}`,
      point: at((grids[i % grids.length] as (typeof grids)[number]).point, 10, 10 - 20 * i),
      formAnswers: { hazard: 'risk' },
    });
    expect(r.outcome).toBe('created');
    const code = r.case.code;
    if (fate === 'voided') {
      await commandOk(w.operator, code, { type: 'void', reason: '现场无此问题' });
      continue;
    }
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
    if (fate === 'open') continue;
    await commandOk(w.handler, code, { type: 'accept' });
    await commandOk(w.handler, code, {
      type: 'submit_feedback',
      text: '已扶正',
      photoIds: [await uploadPhoto(w.handler)],
    });
    if (fate === 'reworked') {
      await commandOk(w.gridworker, code, { type: 'verify_fail', reason: '仍倾斜' });
      await commandOk(w.handler, code, {
        type: 'submit_feedback',
        text: '再次扶正',
        photoIds: [await uploadPhoto(w.handler)],
      });
    }
    await commandOk(w.gridworker, code, { type: 'verify_pass' });
  }
});
afterAll(() => w.t.close());

async function actorOf(client: Client): Promise<Actor> {
  const u = client.session.user;
  const [region] = await w.t.database.db.select().from(regions).where(eq(regions.code, u.scope.regionCode));
  return {
    kind: 'user',
    id: u.id,
    label: u.displayName,
    roles: u.roles,
    scopeRegionCode: u.scope.regionCode,
    scopePath: region?.path as string,
    unitId: u.unit?.id ?? null,
    locale: 'zh-CN',
  } as Actor;
}

/** Rows with any count (a folded table also lists units whose cases count nothing in the period). */
const counted = (t: IndicatorTable) =>
  t.rows.filter((r) => Object.values(r.values).some((v) => v.numerator !== 0 || (v.denominator ?? 0) !== 0));

async function expectSameTables(now: Date) {
  const periods = await w.t.database.db.select().from(countedPeriods).where(gt(countedPeriods.cases, 0));
  let compared = 0;
  for (const client of [leader, w.operator]) {
    const actor = await actorOf(client);
    for (const p of periods.filter((row) => row.scopePath === actor.scopePath)) {
      for (const level of ASSESSMENT_LEVELS) {
        const options = { level, period: p.periodKind as PeriodKind, day: p.firstDay, now };
        const stored = await computeIndicators(w.t.database.db, actor, options);
        const folded = await computeIndicators(w.t.database.db, actor, { ...options, fromCounters: false });
        expect(stored.period).toEqual(folded.period);
        expect(counted(stored), `${actor.scopePath} ${p.periodKind} ${p.firstDay} ${level}`).toEqual(counted(folded));
        compared += counted(stored).length;
      }
    }
  }
  return compared;
}

/**
 * Every unit's drill-down of every indicator, read from the stored per-case counters and folded
 * from the cases: whole, and page by page (2 cases a page, `after` the page before's `nextAfter`);
 * in each scope's counted closed day, week and month with the most cases (folding every period
 * of the horizon this way takes minutes). Answers how many cases were compared.
 */
async function expectSameDrillDowns(now: Date) {
  const all = await w.t.database.db.select().from(countedPeriods).where(gt(countedPeriods.cases, 0));
  const db = w.t.database.db;
  let compared = 0;
  for (const client of [leader, w.operator]) {
    const actor = await actorOf(client);
    const busiest = (kind: string) =>
      all
        .filter((row) => row.scopePath === actor.scopePath && row.periodKind === kind)
        .sort((a, b) => b.cases - a.cases || (a.firstDay < b.firstDay ? -1 : 1))[0];
    const periods = ['day', 'week', 'month'].map(busiest).filter((p) => p !== undefined);
    expect(periods).toHaveLength(3);
    for (const p of periods) {
      // One row per case that counts in the period, as many as the period's count of cases.
      const [stored] = await db
        .select({ n: count() })
        .from(caseCounters)
        .where(
          and(
            eq(caseCounters.scopePath, p.scopePath),
            eq(caseCounters.periodKind, p.periodKind),
            eq(caseCounters.firstDay, p.firstDay),
          ),
        );
      expect(stored?.n).toBe(p.cases);
      for (const level of ASSESSMENT_LEVELS) {
        const table = await computeIndicators(db, actor, {
          level,
          period: p.periodKind as PeriodKind,
          day: p.firstDay,
          now,
        });
        for (const unit of table.rows) {
          for (const indicator of INDICATOR_IDS) {
            const options: IndicatorCasesOptions = {
              level,
              key: unit.key,
              indicator,
              period: p.periodKind as PeriodKind,
              day: p.firstDay,
              now,
            };
            const at = `${actor.scopePath} ${p.periodKind} ${p.firstDay} ${level} ${unit.key} ${indicator}`;
            const stored = await indicatorCases(db, actor, options);
            const folded = await indicatorCases(db, actor, { ...options, fromCounters: false });
            expect(stored, at).toEqual(folded);
            expect(stored.value, at).toEqual(unit.values[indicator]);
            compared += stored.cases.length;
            if (stored.total < 3) continue;
            let after: string | undefined;
            let pages = 0;
            do {
              const page = { ...options, limit: 2, after };
              const storedPage = await indicatorCases(db, actor, page);
              expect(storedPage, `${at} after ${after}`).toEqual(
                await indicatorCases(db, actor, { ...page, fromCounters: false }),
              );
              after = storedPage.nextAfter;
              pages += 1;
            } while (after !== undefined);
            expect(pages, at).toBe(Math.ceil(stored.total / 2));
          }
        }
      }
    }
  }
  return compared;
}

describe('indicator counters kept from the domain event log', () => {
  it('give the very tables the fold gives, for every counted closed period, level and scope', async () => {
    const run = await refreshIndicatorCounters(w.t.database.db, LATER, HORIZON);
    expect(run.counted).toBe(45 + 8 + 3);
    expect(run.lastEventId).toBeGreaterThan(0);
    expect(await expectSameTables(LATER)).toBeGreaterThan(20);
  });

  it('a second run finds nothing to do (the cursor moved with the counters)', async () => {
    const run = await refreshIndicatorCounters(w.t.database.db, LATER, HORIZON);
    expect(run).toMatchObject({ counted: 0, forgotten: 0 });
  });

  it('an event dated inside counted periods makes them counted again, and the tables still agree', async () => {
    const r = await reportOk(w.gridworker, {
      matterCode: 'CG-0105',
      description: '灯杆倾斜（后到）',
      point: at((grids[grids.length - 1] as (typeof grids)[number]).point, -15, 15),
      formAnswers: { hazard: 'risk' },
    });
    await commandOk(w.operator, r.case.code, { type: 'register' });
    const run = await refreshIndicatorCounters(w.t.database.db, LATER, HORIZON);
    expect(run.forgotten).toBeGreaterThan(0);
    // Every scope's row of each period whose end came after the event: today's day, week and month at least.
    expect(run.counted).toBeGreaterThanOrEqual(3);
    expect(run.forgotten % run.counted).toBe(0);
    expect(await expectSameTables(LATER)).toBeGreaterThan(20);
  });

  it("each case's stored counters give the very drill-downs the fold gives, page by page", async () => {
    expect(await expectSameDrillDowns(LATER)).toBeGreaterThan(20);
  }, 300_000);

  it("a counted period's drill-down is read from the stored rows, not folded", async () => {
    const db = w.t.database.db;
    const actor = await actorOf(leader);
    const [row] = await db
      .select()
      .from(caseCounters)
      .where(and(eq(caseCounters.scopePath, actor.scopePath), eq(caseCounters.periodKind, 'month')))
      .limit(1);
    expect(row).toBeDefined();
    const { periodKind, firstDay, countyKey } = row as typeof caseCounters.$inferSelect;
    const options: IndicatorCasesOptions = {
      level: 'county',
      key: countyKey as string,
      indicator: 'reportCount',
      period: periodKind as PeriodKind,
      day: firstDay,
      now: LATER,
    };
    expect((await indicatorCases(db, actor, options)).total).toBeGreaterThan(0);
    // With the period's rows gone (rolled back after), the stored answer is empty; the fold is not.
    await expect(
      db.transaction(async (tx) => {
        await tx
          .delete(caseCounters)
          .where(
            and(
              eq(caseCounters.scopePath, actor.scopePath),
              eq(caseCounters.periodKind, periodKind),
              eq(caseCounters.firstDay, firstDay),
            ),
          );
        expect(await indicatorCases(tx, actor, options)).toMatchObject({ total: 0, cases: [] });
        expect((await indicatorCases(tx, actor, { ...options, fromCounters: false })).total).toBeGreaterThan(0);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await indicatorCases(db, actor, options)).total).toBeGreaterThan(0);
  });

  it('the API answers a closed period from the counters, and an open one by folding', async () => {
    const day = new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const r = await leader.get(`/api/assessment/indicators?level=town&period=day&from=${day}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().period.asOf).toBe(r.json().period.to);
  });
});
