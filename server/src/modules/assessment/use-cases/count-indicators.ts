import {
  ASSESSMENT_LEVELS,
  type AssessmentLevel,
  INDICATOR_IDS,
  type IndicatorTable,
  type PeriodKind,
} from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { assessmentRepository } from '../assessment.repository.js';
import type { CaseHistory } from '../case-histories.repository.js';
import type { CaseFacts } from '../domain/case-facts.js';
import { byUnitName, groupKeyOf } from '../domain/groups.js';
import {
  caseCountersOf,
  factsAsOf,
  type IndicatorCounters,
  isZero,
  lastCountableAt,
  valuesOf,
} from '../domain/indicator-counters.js';
import { type Period, periodContaining } from '../domain/periods.js';
import { indicatorCountersRepository as repo } from '../indicator-counters.repository.js';
import type { caseCounters } from '../indicator-counters.tables.js';

type CaseCountersRow = typeof caseCounters.$inferInsert;

/**
 * A period is counted once it has been closed this long: a transaction that began before the
 * period ended may still commit an event dated inside it (if one arrives later still, the
 * period is forgotten and counted again).
 */
export const COUNT_GRACE_MS = 10 * 60_000;

/** How many closed periods back the counters are kept (older ones are folded on request). */
export interface CountHorizon {
  days: number;
  weeks: number;
  months: number;
}
export const DEFAULT_HORIZON: CountHorizon = { days: 35, weeks: 14, months: 13 };

const KINDS: readonly PeriodKind[] = ['day', 'week', 'month'];
const N = INDICATOR_IDS.length;
const DAY_MS = 86_400_000;
const chinaDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/** The closed periods of a kind within the horizon, oldest first. */
export function closedPeriods(kind: PeriodKind, now: Date, horizon: CountHorizon): Period[] {
  const closedBy = now.getTime() - COUNT_GRACE_MS;
  const back = kind === 'day' ? horizon.days : kind === 'week' ? horizon.weeks : horizon.months;
  const periods: Period[] = [];
  let p = periodContaining(kind, chinaDay(closedBy));
  while (periods.length < back) {
    if (p.to.getTime() <= closedBy) periods.unshift(p);
    p = periodContaining(kind, chinaDay(p.from.getTime() - DAY_MS));
  }
  return periods;
}

export interface CountRun {
  lastEventId: number;
  forgotten: number;
  counted: number;
  cases: number;
}

/**
 * The counter job's step, in one transaction: reads the domain event log after its cursor,
 * forgets every counted period an event dated inside it has reached since, counts the closed
 * periods of the horizon not counted yet (one pass over the cases that can count in them), and
 * moves the cursor — so a crash leaves the counters and the cursor as they were, and a rerun
 * finds nothing to do.
 */
export async function refreshIndicatorCounters(
  db: Db,
  now: Date,
  horizon: CountHorizon = DEFAULT_HORIZON,
): Promise<CountRun> {
  return db.transaction(async (tx) => {
    const cursor = await repo.lockCursor(tx);
    const fresh = await repo.newEvents(tx, cursor);
    const forgotten = fresh.earliest ? await repo.forgetPeriodsEndingAfter(tx, fresh.earliest) : 0;
    const scopes = await repo.counterScopes(tx);
    let counted = 0;
    let cases = 0;
    if (scopes.length > 0) {
      const departmentIds = new Set((await assessmentRepository.departments(tx)).keys());
      const todo: Period[] = [];
      for (const kind of KINDS) {
        const all = closedPeriods(kind, now, horizon);
        const done = await repo.countedFirstDays(
          tx,
          scopes[0] as string,
          kind,
          all.map((p) => p.firstDay),
        );
        todo.push(...all.filter((p) => !done.has(p.firstDay)));
      }
      if (todo.length > 0) {
        cases = await countPeriods(tx, todo, scopes, departmentIds);
        counted = todo.length;
        await repo.refreshPlannerStatistics(tx);
      }
    }
    await repo.moveCursor(tx, fresh.lastId, now);
    return { lastEventId: fresh.lastId, forgotten, counted, cases };
  });
}

/** Counts `periods` for every scope in one pass over the cases; answers how many cases were read. */
async function countPeriods(
  tx: Executor,
  periods: Period[],
  scopes: string[],
  departmentIds: ReadonlySet<string>,
): Promise<number> {
  const from = new Date(Math.min(...periods.map((p) => p.from.getTime())));
  const to = new Date(Math.max(...periods.map((p) => p.to.getTime())));
  const sums = new Map<string, Float64Array>();
  const casesIn = new Map<string, number>();
  let afterId: string | null = null;
  let read = 0;
  for (;;) {
    const chunk: { histories: CaseHistory[]; lastId: string | null } = await repo.caseHistoriesChunk(tx, {
      afterId,
      limit: 5000,
      from,
      to,
      asOf: to,
    });
    if (chunk.lastId === null) break;
    afterId = chunk.lastId;
    // Each case's part is written chunk by chunk (the sums, small, at the end): one transaction all the same.
    const perCase: CaseCountersRow[] = [];
    for (const h of chunk.histories) {
      read += 1;
      addCase(h, periods, scopes, departmentIds, sums, casesIn, perCase);
    }
    await repo.saveCaseCounters(tx, perCase);
  }
  const periodRows = scopes.flatMap((scopePath) =>
    periods.map((p) => ({
      scopePath,
      periodKind: p.kind,
      firstDay: p.firstDay,
      periodTo: p.to,
      cases: casesIn.get(`${scopePath}|${p.kind}|${p.firstDay}`) ?? 0,
    })),
  );
  const rows = [...sums.entries()].map(([key, flat]) => {
    const [scopePath, periodKind, firstDay, level, unitKey] = key.split('|') as [
      string,
      PeriodKind,
      string,
      string,
      string,
    ];
    return { scopePath, periodKind, firstDay, level, unitKey, counters: unflatten(flat) };
  });
  await repo.saveCounted(tx, periodRows, rows);
  return read;
}

function addCase(
  h: CaseHistory,
  periods: Period[],
  scopes: string[],
  departmentIds: ReadonlySet<string>,
  sums: Map<string, Float64Array>,
  casesIn: Map<string, number>,
  perCase: CaseCountersRow[],
) {
  const created = h.header.createdAt.getTime();
  const last = lastCountableAt(h.header, h.events, h.open);
  const inScopes = scopes.filter((s) => isPathWithin(h.header.path, s));
  if (inScopes.length === 0) return;
  let memo: { upTo: number; facts: CaseFacts } | undefined;
  for (const p of periods) {
    if (p.to.getTime() <= created || p.from.getTime() > last) continue;
    const asOf = p.to.getTime();
    const upTo = h.events.filter((e) => e.at.getTime() <= asOf).length;
    if (memo?.upTo !== upTo) memo = { upTo, facts: factsAsOf(h.header, h.events, p.to) };
    const { counters, perCase: part } = caseCountersOf(memo.facts, { from: p.from, to: p.to, asOf: p.to });
    if (isZero(counters)) continue;
    const facts = memo.facts;
    const units = Object.fromEntries(
      ASSESSMENT_LEVELS.map((level) => [level, groupKeyOf(facts, level, departmentIds)]),
    ) as Record<AssessmentLevel, string | null>;
    for (const scope of inScopes) {
      perCase.push({
        scopePath: scope,
        periodKind: p.kind,
        firstDay: p.firstDay,
        caseId: memo.facts.caseId,
        code: memo.facts.code,
        reportedAt: memo.facts.reportedAt,
        workerKey: units.worker,
        gridKey: units.grid,
        communityKey: units.community,
        townKey: units.town,
        departmentKey: units.department,
        countyKey: units.county,
        counters: part,
      });
      const periodKey = `${scope}|${p.kind}|${p.firstDay}`;
      casesIn.set(periodKey, (casesIn.get(periodKey) ?? 0) + 1);
      for (const level of ASSESSMENT_LEVELS) {
        const unit = units[level];
        if (unit === null) continue;
        const key = `${periodKey}|${level}|${unit}`;
        let flat = sums.get(key);
        if (!flat) {
          flat = new Float64Array(2 * N);
          sums.set(key, flat);
        }
        for (let i = 0; i < N; i += 1) {
          const [n, d] = counters[INDICATOR_IDS[i] as (typeof INDICATOR_IDS)[number]];
          flat[2 * i] = (flat[2 * i] as number) + n;
          flat[2 * i + 1] = (flat[2 * i + 1] as number) + d;
        }
      }
    }
  }
}

/** Flat sums back to counters (a count's denominator, summed from −1s, becomes −1 again). */
function unflatten(flat: Float64Array): IndicatorCounters {
  return Object.fromEntries(
    INDICATOR_IDS.map((id, i) => {
      const d = flat[2 * i + 1] as number;
      return [id, [flat[2 * i] as number, d < 0 ? -1 : d]];
    }),
  ) as IndicatorCounters;
}

/**
 * The indicator table of a closed period from the stored counters, when they are kept for the
 * caller's scope (the county's, a town's); null otherwise (the table is folded from the cases).
 * Units whose every count is 0 have no row here.
 */
export async function storedIndicatorTable(
  db: Executor,
  actor: Actor,
  { level, period: kind, day, now }: { level: AssessmentLevel; period: PeriodKind; day: string; now: Date },
): Promise<IndicatorTable | null> {
  const period = await countedPeriod(db, actor.scopePath, kind, day, now);
  if (period === null) return null;
  const rows =
    level === 'worker' || level === 'department'
      ? await withNames(db, level, await repo.counters(db, actor.scopePath, kind, period.firstDay, level))
      : await repo.namedCounters(db, actor.scopePath, kind, period.firstDay, level);
  return {
    level,
    period: {
      kind,
      firstDay: period.firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: period.to.toISOString(),
    },
    rows: rows
      .map((r) => ({ key: r.unitKey, name: r.name ?? r.unitKey, values: valuesOf(r.counters) }))
      .sort(byUnitName),
  };
}

/**
 * The period holding `day` when its stored counters can be read for the scope: closed, and
 * counted for it (the counters are kept for the county and each town); null otherwise, and it
 * is folded from the cases. The indicator table and its drill-down both ask here.
 */
export async function countedPeriod(
  db: Executor,
  scopePath: string,
  kind: PeriodKind,
  day: string,
  now: Date,
): Promise<Period | null> {
  const period = periodContaining(kind, day);
  if (period.to.getTime() > now.getTime()) return null;
  return (await repo.isCounted(db, scopePath, kind, period.firstDay)) ? period : null;
}

/** Grid workers and departments are few: their names are read by key (the region levels join theirs). */
async function withNames<T extends { unitKey: string }>(
  db: Executor,
  level: 'worker' | 'department',
  rows: T[],
): Promise<(T & { name: string | null })[]> {
  const keys = rows.map((r) => r.unitKey);
  const names =
    level === 'worker'
      ? await assessmentRepository.userNames(db, keys)
      : await assessmentRepository.unitNames(db, keys);
  return rows.map((r) => ({ ...r, name: names.get(r.unitKey) ?? null }));
}
