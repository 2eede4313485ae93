import {
  type AssessmentLevel,
  type IndicatorId,
  type IndicatorTable,
  type IndicatorTrend,
  type IndicatorValue,
  LOWER_IS_BETTER,
  type PeriodKind,
} from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { computeIndicators } from './compute-indicators.js';

export interface IndicatorTrendOptions {
  level: AssessmentLevel;
  indicator: IndicatorId;
  period: PeriodKind;
  day?: string | undefined;
  count?: number | undefined;
  now: Date;
}

const DAY_MS = 86_400_000;
const chinaDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
const NONE: IndicatorValue = { numerator: 0, denominator: null, value: null };

/**
 * One indicator of every unit of a level over the last `count` periods (closed ones from the
 * stored counters), ranked by the last period: the leader's ranking with its trend lines.
 */
export async function indicatorTrend(
  db: Executor,
  actor: Actor,
  { level, indicator, period: kind, day, count = 6, now }: IndicatorTrendOptions,
): Promise<IndicatorTrend> {
  const lastDay = day ?? chinaDay(now.getTime());
  if (!isCalendarDay(lastDay)) {
    throw new DomainError('validation', {}, [{ field: 'from', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  const firstDays: string[] = [];
  let p = periodContaining(kind, lastDay);
  for (let i = 0; i < count; i += 1) {
    firstDays.unshift(p.firstDay);
    p = periodContaining(kind, chinaDay(p.from.getTime() - DAY_MS));
  }
  const tables: IndicatorTable[] = [];
  for (const firstDay of firstDays) {
    tables.push(await computeIndicators(db, actor, { level, period: kind, day: firstDay, now }));
  }
  const names = new Map<string, string>();
  for (const t of tables) for (const r of t.rows) names.set(r.key, r.name);
  const lower = LOWER_IS_BETTER.includes(indicator);
  const series = [...names.entries()].map(([key, name]) => ({
    key,
    name,
    values: tables.map((t) => t.rows.find((r) => r.key === key)?.values[indicator] ?? NONE),
  }));
  const lastValue = (s: (typeof series)[number]) => s.values[s.values.length - 1]?.value ?? null;
  series.sort((a, b) => {
    const va = lastValue(a);
    const vb = lastValue(b);
    if (va === null || vb === null)
      return (va === null ? 1 : 0) - (vb === null ? 1 : 0) || a.name.localeCompare(b.name, 'zh-CN');
    return (lower ? va - vb : vb - va) || a.name.localeCompare(b.name, 'zh-CN');
  });
  let rank = 0;
  let previous: number | null = null;
  const ranked = series.map((s, i) => {
    const v = lastValue(s);
    if (v !== null && v !== previous) rank = i + 1;
    previous = v;
    return { ...s, rank: v === null ? null : rank };
  });
  return { level, indicator, periods: tables.map((t) => t.period), series: ranked };
}
