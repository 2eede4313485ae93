import { haversineMeters, type LonLatPair as LonLat, type MatterCategory } from '@yiwang/contracts';

/**
 * Duplicate detection (并单). Several residents, the grid worker and the 12345 hotline
 * often report the same overflowing bin or the same broken lamp; merging them keeps one
 * case, one dispatch and one time limit, and keeps report counts honest. The score only
 * proposes: an operator confirms a merge, so "possible" is shown, never merged alone.
 *
 * Thresholds (r = the matter's radius, w = its window):
 * - same matter, distance ≤ 0.6 r and time apart ≤ 0.6 w → confident
 *   (with the defaults: within 30 m and 43.2 h);
 * - same matter, otherwise within r and w → possible;
 * - different matter of the same category, distance ≤ 0.3 r (15 m by default) and within
 *   w → possible: reporters often pick a neighbouring matter (暴露垃圾 vs 垃圾满溢);
 * - anything else → none.
 * The new report's matter supplies r and w, since it is the one being placed.
 */

export interface DuplicateRule {
  readonly radiusMeters: number;
  readonly windowHours: number;
}

/** 50 m and 72 h: one street frontage, and three days, long enough to span a weekend. */
export const DEFAULT_DUPLICATE_RULE: DuplicateRule = { radiusMeters: 50, windowHours: 72 };

/** Share of the radius and window inside which a same-matter pair is confident. */
export const CONFIDENT_SHARE = 0.6;
/** Share of the radius inside which a different matter of the same category is possible. */
export const RELATED_MATTER_SHARE = 0.3;

export interface ReportForDuplicates {
  readonly matterCode: string;
  readonly matterCategory: MatterCategory;
  /** WGS84, longitude first. Convert GCJ-02 / BD-09 at the edge before comparing. */
  readonly location: LonLat;
  readonly reportedAt: Date;
}

export interface DuplicateCandidate extends ReportForDuplicates {
  readonly caseId: string;
}

export type DuplicateConfidence = 'confident' | 'possible' | 'none';

export interface DuplicateScore {
  readonly confidence: DuplicateConfidence;
  readonly distanceMeters: number;
  readonly hoursApart: number;
}

/** How alike a new report and an open case are. */
export function scoreDuplicate(
  newReport: ReportForDuplicates,
  openCase: ReportForDuplicates,
  matterRule: DuplicateRule = DEFAULT_DUPLICATE_RULE,
): DuplicateScore {
  const distanceMeters = haversineMeters(newReport.location, openCase.location);
  const hoursApart = Math.abs(newReport.reportedAt.getTime() - openCase.reportedAt.getTime()) / 3_600_000;
  const { radiusMeters: r, windowHours: w } = matterRule;
  let confidence: DuplicateConfidence = 'none';
  if (newReport.matterCode === openCase.matterCode) {
    if (distanceMeters <= CONFIDENT_SHARE * r && hoursApart <= CONFIDENT_SHARE * w) confidence = 'confident';
    else if (distanceMeters <= r && hoursApart <= w) confidence = 'possible';
  } else if (newReport.matterCategory === openCase.matterCategory) {
    if (distanceMeters <= RELATED_MATTER_SHARE * r && hoursApart <= w) confidence = 'possible';
  }
  return { confidence, distanceMeters, hoursApart };
}

export interface DuplicateMatch<C extends DuplicateCandidate = DuplicateCandidate> {
  readonly candidate: C;
  readonly score: DuplicateScore;
}

/**
 * The candidates that may be duplicates of `newReport`, confident ones first, then by
 * distance, then by time apart. `rules` maps matter codes to their rule; a matter without
 * one uses {@link DEFAULT_DUPLICATE_RULE}. Candidates are typically the open cases whose
 * bounding box the repository found near the point, so this stays linear and small.
 */
export function findDuplicates<C extends DuplicateCandidate>(
  newReport: ReportForDuplicates,
  candidates: readonly C[],
  rules: ReadonlyMap<string, DuplicateRule> = new Map(),
): DuplicateMatch<C>[] {
  const rule = rules.get(newReport.matterCode) ?? DEFAULT_DUPLICATE_RULE;
  return candidates
    .map((candidate) => ({ candidate, score: scoreDuplicate(newReport, candidate, rule) }))
    .filter((m) => m.score.confidence !== 'none')
    .sort(
      (a, b) =>
        rank(a.score.confidence) - rank(b.score.confidence) ||
        a.score.distanceMeters - b.score.distanceMeters ||
        a.score.hoursApart - b.score.hoursApart,
    );
}

function rank(confidence: DuplicateConfidence): number {
  return confidence === 'confident' ? 0 : confidence === 'possible' ? 1 : 2;
}
