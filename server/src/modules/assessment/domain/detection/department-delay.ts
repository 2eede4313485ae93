import type { DetectionCase, Flag, UnitStint } from './detection-case.js';
import { round } from './detection-case.js';

/** Robust z-scores (Iglewicz–Hoaglin): 0.6745 (x − median) / MAD; beyond 3.5 is an outlier. */
export const ROBUST_Z = 3.5;

export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/**
 * Each value's robust z against its peers. With a median absolute deviation of 0 (most peers
 * alike), the mean absolute deviation × 1.2533 stands in; if that is 0 too, every z is 0.
 */
export function robustZ(values: readonly number[], options: { floorShare?: number } = {}): number[] {
  const med = median(values);
  const deviations = values.map((v) => Math.abs(v - med));
  // A floor on the spread (a share of the median): when peers are all alike, a small
  // difference would otherwise look like an outlier.
  const mad = Math.max(median(deviations), (options.floorShare ?? 0) * Math.abs(med));
  if (mad > 0) return values.map((v) => (0.6745 * (v - med)) / mad);
  const meanAd = deviations.reduce((s, v) => s + v, 0) / Math.max(values.length, 1);
  return meanAd > 0 ? values.map((v) => (v - med) / (1.253314 * meanAd)) : values.map(() => 0);
}

export interface UnitDelay {
  readonly unitId: string;
  readonly stints: number;
  /** Returns per stint. */
  readonly returnRate: number;
  /** Median hours from dispatch to feedback (to `asOf` while still without feedback), returned stints left out. */
  readonly sitHours: number;
  /** Failed verifications per stint with feedback. */
  readonly reworkRate: number;
  readonly cases: readonly DetectionCase[];
}

/**
 * The spread is at least half the peers' median: a unit is flagged only well beyond its peers
 * (at z 3.5, about 3.6× the median), not for being a little slower than units that are all alike.
 */
export const SPREAD_FLOOR_SHARE = 0.5;

/** A unit is judged against its peers only with this many stints in the window. */
export const MIN_STINTS = 3;

export function unitDelays(
  cases: readonly DetectionCase[],
  window: { from: Date; to: Date; asOf: Date },
  unitIds: ReadonlySet<string>,
): UnitDelay[] {
  const byUnit = new Map<string, { stints: UnitStint[]; cases: Map<string, DetectionCase> }>();
  for (const c of cases) {
    for (const s of c.stints) {
      if (!unitIds.has(s.unitId)) continue;
      if (s.dispatchedAt.getTime() >= window.to.getTime()) continue;
      const end = s.returnedAt ?? s.feedbackAt;
      if (end !== null && end.getTime() < window.from.getTime()) continue;
      const u = byUnit.get(s.unitId) ?? { stints: [] as UnitStint[], cases: new Map<string, DetectionCase>() };
      u.stints.push(s);
      u.cases.set(c.caseId, c);
      byUnit.set(s.unitId, u);
    }
  }
  return [...byUnit].map(([unitId, u]) => {
    const kept = u.stints.filter((s) => s.returnedAt === null);
    const withFeedback = kept.filter((s) => s.feedbackAt !== null);
    return {
      unitId,
      stints: u.stints.length,
      returnRate: u.stints.filter((s) => s.returnedAt !== null).length / u.stints.length,
      sitHours: median(
        kept.map((s) => ((s.feedbackAt ?? window.asOf).getTime() - s.dispatchedAt.getTime()) / 3_600_000),
      ),
      reworkRate: withFeedback.length === 0 ? 0 : withFeedback.reduce((n, s) => n + s.reworks, 0) / withFeedback.length,
      cases: [...u.cases.values()],
    };
  });
}

/** Units that return, sit on or rework cases beyond their peers (robust z > 3.5 on any of the three). */
export function detectDepartmentDelay(
  cases: readonly DetectionCase[],
  window: { from: Date; to: Date; asOf: Date },
  unitIds: ReadonlySet<string>,
): Flag[] {
  const units = unitDelays(cases, window, unitIds).filter((u) => u.stints >= MIN_STINTS);
  if (units.length < 3) return [];
  const z = {
    returnRate: robustZ(
      units.map((u) => u.returnRate),
      { floorShare: SPREAD_FLOOR_SHARE },
    ),
    sitHours: robustZ(
      units.map((u) => u.sitHours),
      { floorShare: SPREAD_FLOOR_SHARE },
    ),
    reworkRate: robustZ(
      units.map((u) => u.reworkRate),
      { floorShare: SPREAD_FLOOR_SHARE },
    ),
  };
  const medians = {
    returnRate: median(units.map((u) => u.returnRate)),
    sitHours: median(units.map((u) => u.sitHours)),
    reworkRate: median(units.map((u) => u.reworkRate)),
  };
  const flags: Flag[] = [];
  units.forEach((u, i) => {
    const over = (['returnRate', 'sitHours', 'reworkRate'] as const).filter((m) => (z[m][i] ?? 0) > ROBUST_Z);
    if (over.length === 0) return;
    const zh = {
      returnRate: `退回率 ${Math.round(u.returnRate * 100)}%（同级中位 ${Math.round(medians.returnRate * 100)}%）`,
      sitHours: `从派遣到反馈中位 ${round(u.sitHours, 1)} 小时（同级中位 ${round(medians.sitHours, 1)} 小时）`,
      reworkRate: `返工率 ${Math.round(u.reworkRate * 100)}%（同级中位 ${Math.round(medians.reworkRate * 100)}%）`,
    };
    const en = {
      returnRate: `return rate ${Math.round(u.returnRate * 100)}% (peers' median ${Math.round(medians.returnRate * 100)}%)`,
      sitHours: `median ${round(u.sitHours, 1)} h from dispatch to feedback (peers' median ${round(medians.sitHours, 1)} h)`,
      reworkRate: `rework rate ${Math.round(u.reworkRate * 100)}% (peers' median ${Math.round(medians.reworkRate * 100)}%)`,
    };
    const worst = Math.max(...over.map((m) => z[m][i] ?? 0));
    const behind = u.cases.filter((c) =>
      c.stints.some(
        (s) =>
          s.unitId === u.unitId &&
          (s.returnedAt !== null ||
            s.reworks > 0 ||
            (s.feedbackAt ?? window.asOf).getTime() - s.dispatchedAt.getTime() > medians.sitHours * 3_600_000),
      ),
    );
    flags.push({
      kind: 'department-delay',
      level: 'department',
      key: u.unitId,
      gridCode: null,
      measure: worst,
      explanation: {
        'zh-CN': `${over.map((m) => zh[m]).join('；')}，远超同级部门（稳健 z = ${round(worst, 1)} > ${ROBUST_Z}）。`,
        'en-US': `${over.map((m) => en[m]).join('; ')}: far beyond its peers (robust z = ${round(worst, 1)} > ${ROBUST_Z}).`,
      },
      caseIds: behind.map((c) => c.caseId),
      caseCodes: behind.map((c) => c.code),
    });
  });
  return flags;
}
