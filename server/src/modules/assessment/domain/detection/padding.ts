import { classOf, type DetectionCase, type Flag, metresBetween } from './detection-case.js';

/** A burst: at least this many easy reports by one worker within BURST_MINUTES and BURST_METRES of the first. */
export const BURST_SIZE = 5;
export const BURST_MINUTES = 30;
export const BURST_METRES = 100;
/** Faster than this between two places, a verifier cannot have been at both (km/h, beyond town traffic). */
export const MAX_SPEED_KMH = 60;
/** Farther than this from the case at the verification, the verifier was not on site. */
export const FAR_METRES = 500;
/** A verifier's photo-less closures flag once there are this many and they are most of their passes. */
export const MIN_PHOTOLESS = 3;

/** Where a verifier was: the fixes of their patrol track around the time. */
export interface TrackFix {
  readonly userId: string;
  readonly at: Date;
  readonly lon: number;
  readonly lat: number;
}

const inWindow = (at: Date, w: { from: Date; to: Date }) =>
  at.getTime() >= w.from.getTime() && at.getTime() < w.to.getTime();
const codes = (cs: readonly DetectionCase[]) => ({
  caseIds: cs.map((c) => c.caseId),
  caseCodes: cs.map((c) => c.code),
});
const gridOf = (cs: readonly DetectionCase[]) => cs.find((c) => c.gridCode !== null)?.gridCode ?? null;

/** Bursts of easy reports by one worker at one place and time: each burst is one flag. */
export function detectBursts(cases: readonly DetectionCase[], window: { from: Date; to: Date }): Flag[] {
  const byWorker = new Map<string, DetectionCase[]>();
  for (const c of cases) {
    if (c.channel !== 'worker' || c.reporterUserId === null || c.location === null) continue;
    if (classOf(c.difficulty) !== 'easy' || !inWindow(c.reportedAt, window)) continue;
    byWorker.set(c.reporterUserId, [...(byWorker.get(c.reporterUserId) ?? []), c]);
  }
  const flags: Flag[] = [];
  for (const [worker, list] of byWorker) {
    list.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
    const taken = new Set<string>();
    for (const [i, first] of list.entries()) {
      if (taken.has(first.caseId) || !first.location) continue;
      const firstAt = first.reportedAt.getTime();
      const burst = list
        .slice(i)
        .filter(
          (c) =>
            !taken.has(c.caseId) &&
            c.reportedAt.getTime() - firstAt <= BURST_MINUTES * 60_000 &&
            c.location !== null &&
            metresBetween(first.location as { lon: number; lat: number }, c.location) <= BURST_METRES,
        );
      if (burst.length < BURST_SIZE) continue;
      for (const c of burst) taken.add(c.caseId);
      const minutes = Math.max(1, Math.round(((burst.at(-1)?.reportedAt.getTime() ?? firstAt) - firstAt) / 60_000));
      flags.push({
        kind: 'padding-burst',
        level: 'worker',
        key: worker,
        gridCode: gridOf(burst),
        measure: burst.length,
        explanation: {
          'zh-CN': `${minutes} 分钟内在同一地点（${BURST_METRES} 米内）连续上报 ${burst.length} 件容易事项，疑似凑数。`,
          'en-US': `${burst.length} easy matters reported within ${minutes} minutes at one place (within ${BURST_METRES} m): likely padding.`,
        },
        ...codes(burst),
      });
    }
  }
  return flags;
}

/** Passed verifications in the window, with the case. */
const passes = (cases: readonly DetectionCase[], window: { from: Date; to: Date }) =>
  cases.flatMap((c) =>
    c.verifications.filter((v) => v.passed && v.byUserId !== null && inWindow(v.at, window)).map((v) => ({ c, v })),
  );

/** Cases a verifier closed without a photo, when there are several and they are most of the verifier's closures. */
export function detectClosedWithoutPhoto(cases: readonly DetectionCase[], window: { from: Date; to: Date }): Flag[] {
  const byVerifier = new Map<string, { all: number; photoless: DetectionCase[] }>();
  for (const { c, v } of passes(cases, window)) {
    const entry = byVerifier.get(v.byUserId as string) ?? { all: 0, photoless: [] };
    entry.all += 1;
    if (v.photoCount === 0) entry.photoless.push(c);
    byVerifier.set(v.byUserId as string, entry);
  }
  return [...byVerifier]
    .filter(([, e]) => e.photoless.length >= MIN_PHOTOLESS && e.photoless.length * 2 > e.all)
    .map(([verifier, e]) => ({
      kind: 'closed-without-photo' as const,
      level: 'worker' as const,
      key: verifier,
      gridCode: gridOf(e.photoless),
      measure: e.photoless.length / e.all,
      explanation: {
        'zh-CN': `核查通过 ${e.all} 件，其中 ${e.photoless.length} 件没有核查照片就结案了。`,
        'en-US': `Passed ${e.all} verifications, ${e.photoless.length} of them closed without a verification photo.`,
      },
      ...codes(e.photoless),
    }));
}

/** Cases verified as done by the same worker who reported them: the same eyes at both ends. */
export function detectSelfVerified(cases: readonly DetectionCase[], window: { from: Date; to: Date }): Flag[] {
  const byWorker = new Map<string, DetectionCase[]>();
  for (const { c, v } of passes(cases, window)) {
    if (c.channel === 'worker' && c.reporterUserId !== null && v.byUserId === c.reporterUserId) {
      byWorker.set(c.reporterUserId, [...(byWorker.get(c.reporterUserId) ?? []), c]);
    }
  }
  return [...byWorker].map(([worker, list]) => ({
    kind: 'self-verified' as const,
    level: 'worker' as const,
    key: worker,
    gridCode: gridOf(list),
    measure: list.length,
    explanation: {
      'zh-CN': `${list.length} 件由本人上报、又由本人核查通过结案，没有第二个人看过。`,
      'en-US': `${list.length} cases reported and then verified as done by the same worker: no second pair of eyes.`,
    },
    ...codes(list),
  }));
}

/**
 * Consecutive verifications by one verifier at places too far apart for the time between them
 * (faster than MAX_SPEED_KMH): both cannot have been checked on site.
 */
export function detectImplausibleSpeed(cases: readonly DetectionCase[], window: { from: Date; to: Date }): Flag[] {
  const byVerifier = new Map<string, { c: DetectionCase; at: Date }[]>();
  for (const { c, v } of passes(cases, window)) {
    if (c.location === null) continue;
    byVerifier.set(v.byUserId as string, [...(byVerifier.get(v.byUserId as string) ?? []), { c, at: v.at }]);
  }
  const flags: Flag[] = [];
  for (const [verifier, list] of byVerifier) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    const suspect = new Map<string, DetectionCase>();
    let fastest = 0;
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as (typeof list)[number];
      const next = list[i] as (typeof list)[number];
      const km =
        metresBetween(
          prev.c.location as { lon: number; lat: number },
          next.c.location as { lon: number; lat: number },
        ) / 1000;
      const hours = Math.max((next.at.getTime() - prev.at.getTime()) / 3_600_000, 1 / 3600);
      if (km * 1000 > FAR_METRES && km / hours > MAX_SPEED_KMH) {
        suspect.set(prev.c.caseId, prev.c).set(next.c.caseId, next.c);
        fastest = Math.max(fastest, km / hours);
      }
    }
    if (suspect.size === 0) continue;
    const list2 = [...suspect.values()];
    flags.push({
      kind: 'implausible-speed',
      level: 'worker',
      key: verifier,
      gridCode: gridOf(list2),
      measure: fastest,
      explanation: {
        'zh-CN': `相邻两次核查的地点相距太远、间隔太短，要以每小时 ${Math.round(fastest)} 公里以上的速度赶路（超过 ${MAX_SPEED_KMH}），不可能都到了现场。`,
        'en-US': `Consecutive verifications at places too far apart for the time between them: it would take ${Math.round(fastest)} km/h or more (over ${MAX_SPEED_KMH}); not all can have been checked on site.`,
      },
      ...codes(list2),
    });
  }
  return flags;
}

/**
 * Verifications whose verifier's own patrol track, within 15 minutes of the verification, never
 * came within FAR_METRES of the case (a verifier with no fixes then is not judged).
 */
export function detectFarFromPlace(
  cases: readonly DetectionCase[],
  fixes: readonly TrackFix[],
  window: { from: Date; to: Date },
): Flag[] {
  const byUser = new Map<string, TrackFix[]>();
  for (const f of fixes) byUser.set(f.userId, [...(byUser.get(f.userId) ?? []), f]);
  const far = new Map<string, { c: DetectionCase; metres: number }[]>();
  for (const { c, v } of passes(cases, window)) {
    if (c.location === null) continue;
    const near = (byUser.get(v.byUserId as string) ?? []).filter(
      (f) => Math.abs(f.at.getTime() - v.at.getTime()) <= 15 * 60_000,
    );
    if (near.length === 0) continue;
    const closest = Math.min(...near.map((f) => metresBetween(f, c.location as { lon: number; lat: number })));
    if (closest > FAR_METRES)
      far.set(v.byUserId as string, [...(far.get(v.byUserId as string) ?? []), { c, metres: closest }]);
  }
  return [...far].map(([verifier, list]) => ({
    kind: 'far-from-place' as const,
    level: 'worker' as const,
    key: verifier,
    gridCode: gridOf(list.map((l) => l.c)),
    measure: Math.max(...list.map((l) => l.metres)),
    explanation: {
      'zh-CN': `${list.length} 次核查时，本人巡查轨迹离案件地点最近也有 ${Math.round(Math.min(...list.map((l) => l.metres)))} 米（超过 ${FAR_METRES} 米），不在现场。`,
      'en-US': `At ${list.length} verifications the verifier's own patrol track came no closer than ${Math.round(Math.min(...list.map((l) => l.metres)))} m to the case (over ${FAR_METRES} m): not on site.`,
    },
    ...codes(list.map((l) => l.c)),
  }));
}
