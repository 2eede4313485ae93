import type { DuplicateSuggestion } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Reading } from '../../../db/fewer-round-trips.js';
import type { CatalogMatter } from '../../catalog/index.js';
import { type CaseRow, type CaseScope, casesRepository } from '../cases.repository.js';
import { type DuplicateMatch, type DuplicateRule, findDuplicates } from '../domain/duplicates.js';

export type DuplicateCandidateRow = Awaited<ReturnType<typeof casesRepository.duplicateCandidates>>[number] & {
  caseId: string;
  location: readonly [number, number];
  reportedAt: Date;
};

const METERS_PER_DEGREE_LAT = 111_320;

const ruleOf = (matter: CatalogMatter): DuplicateRule => ({
  radiusMeters: matter.duplicateRadiusMeters,
  windowHours: matter.duplicateWindowHours,
});

/** A case with a point as a duplicate candidate (none without a point). */
export function candidateOf<R extends Pick<CaseRow, 'id' | 'lon' | 'lat' | 'createdAt'>>(row: R) {
  if (row.lon === null || row.lat === null) return [];
  return [{ ...row, caseId: row.id, location: [row.lon, row.lat] as const, reportedAt: row.createdAt }];
}

/** The lon/lat box around a point that holds every point within `radiusMeters`. */
export function duplicateBox(point: readonly [number, number], radiusMeters: number) {
  const [lon, lat] = point;
  const dLat = radiusMeters / METERS_PER_DEGREE_LAT;
  const dLon = radiusMeters / (METERS_PER_DEGREE_LAT * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  return { minLon: lon - dLon, minLat: lat - dLat, maxLon: lon + dLon, maxLat: lat + dLat };
}

/**
 * Intake locks these keys (per matter, per cell of about 1.2 km, the 3 × 3 cells around
 * the point): two reports of the same matter within the largest duplicate radius (1 km)
 * always share a cell key, so one waits for the other and then sees its case.
 */
export const INTAKE_CELL_DEGREES = 0.012;
export function intakeLockKeys(matterCode: string, point: readonly [number, number]): string[] {
  const cx = Math.floor(point[0] / INTAKE_CELL_DEGREES);
  const cy = Math.floor(point[1] / INTAKE_CELL_DEGREES);
  const keys: string[] = [];
  for (const dx of [-1, 0, 1])
    for (const dy of [-1, 0, 1]) keys.push(`case-intake:${matterCode}:${cx + dx}:${cy + dy}`);
  return keys;
}

/** What duplicate detection reads of a case already reported. */
type ReportedCase = Pick<
  CaseRow,
  'id' | 'matterCode' | 'matterCategory' | 'lon' | 'lat' | 'createdAt' | 'keptApartCaseIds'
>;
type CandidateRow = Awaited<ReturnType<typeof casesRepository.duplicateCandidatePoints>>[number];

/**
 * The candidates that may be the same problem as `row`, best first: the case itself and cases
 * judged apart (either way round) are left out. The repository's box and window only narrow the
 * candidates; this decides.
 */
function duplicateMatchesOf<C extends CandidateRow>(row: ReportedCase, rule: DuplicateRule, candidates: readonly C[]) {
  if (row.lon === null || row.lat === null) return [];
  return findDuplicates(
    {
      matterCode: row.matterCode,
      matterCategory: row.matterCategory,
      location: [row.lon, row.lat],
      reportedAt: row.createdAt,
    },
    candidates.flatMap((c) =>
      c.id === row.id || row.keptApartCaseIds.includes(c.id) || c.keptApartCaseIds.includes(row.id)
        ? []
        : candidateOf(c),
    ),
    new Map([[row.matterCode, rule]]),
  );
}

/**
 * Open cases that may be the same problem as `row` (for the operator's merge-or-keep-apart
 * decision), best first; cases already judged apart are left out.
 */
export async function duplicatesOfCase(
  db: Executor,
  row: CaseRow,
  matter: CatalogMatter,
): Promise<DuplicateSuggestion[]> {
  if (row.lon === null || row.lat === null) return [];
  const rule = ruleOf(matter);
  const candidates = await casesRepository.duplicateCandidates(db, {
    categories: [matter.category],
    since: new Date(row.createdAt.getTime() - rule.windowHours * 3_600_000),
    box: duplicateBox([row.lon, row.lat], rule.radiusMeters),
    excludeIds: [row.id, ...row.keptApartCaseIds],
  });
  return duplicateMatchesOf(row, rule, candidates).map(suggestion);
}

/** At most this many reported cases are looked at for "possible duplicates" (an intake queue is far shorter). */
const REPORTED_LIMIT = 2_000;
/** Open cases read as their candidates in one query (points only, no descriptions). */
const CANDIDATE_LIMIT = 50_000;

/**
 * The reported cases in `scope` for which the case page suggests at least one possible duplicate
 * (the workbench's 疑似重复 and the list behind it): the same reading as {@link duplicatesOfCase},
 * with one candidate query for all of them.
 */
export async function reportedCaseIdsWithDuplicates(db: Executor, scope: CaseScope): Promise<string[]> {
  const reported = await casesRepository.reportedWithDuplicateRuleInScope(db, scope, REPORTED_LIMIT);
  if (reported.length === 0) return [];
  const boxes = reported.map((r) => duplicateBox([r.lon as number, r.lat as number], r.radiusMeters));
  const candidates = await casesRepository.duplicateCandidatePoints(
    db,
    {
      categories: [...new Set(reported.map((r) => r.matterCategory))],
      since: new Date(Math.min(...reported.map((r) => r.createdAt.getTime() - r.windowHours * 3_600_000))),
      box: {
        minLon: Math.min(...boxes.map((b) => b.minLon)),
        minLat: Math.min(...boxes.map((b) => b.minLat)),
        maxLon: Math.max(...boxes.map((b) => b.maxLon)),
        maxLat: Math.max(...boxes.map((b) => b.maxLat)),
      },
    },
    CANDIDATE_LIMIT,
  );
  return reported.filter((r) => duplicateMatchesOf(r, r, candidates).length > 0).map((r) => r.id);
}

/** A new report, as intake looks for its duplicates. */
export interface ReportNear {
  matter: CatalogMatter;
  point: readonly [number, number];
  now: Date;
}

/**
 * The open cases near each new report (its matter's category, radius and window), in one query
 * for all: the statement and its reading (the intake runs it with its first in one round trip).
 */
export function candidatesNearEach(reports: readonly ReportNear[]): Reading<DuplicateCandidateRow[][]> {
  const search = casesRepository.duplicateCandidatesOfEach(
    reports.map(({ matter, point, now }) => {
      const rule = ruleOf(matter);
      return {
        categories: [matter.category],
        since: new Date(now.getTime() - rule.windowHours * 3_600_000),
        box: duplicateBox(point, rule.radiusMeters),
      };
    }),
  );
  return {
    statement: search.statement,
    read: (rows) => {
      const each: DuplicateCandidateRow[][] = reports.map(() => []);
      for (const { of, ...row } of search.read(rows)) {
        for (const candidate of candidateOf(row)) for (const i of of) each[i]?.push(candidate);
      }
      return each;
    },
  };
}

/** The candidates that may be the same problem as a new report, scored (confident first). */
export function duplicatesAmong(
  report: ReportNear,
  candidates: readonly DuplicateCandidateRow[],
): DuplicateMatch<DuplicateCandidateRow>[] {
  const { matter, point, now } = report;
  return findDuplicates(
    { matterCode: matter.code, matterCategory: matter.category, location: point, reportedAt: now },
    candidates,
    new Map([[matter.code, ruleOf(matter)]]),
  );
}

export function suggestion(m: DuplicateMatch<DuplicateCandidateRow>): DuplicateSuggestion {
  return {
    caseCode: m.candidate.code,
    matterCode: m.candidate.matterCode,
    state: m.candidate.state,
    confidence: m.score.confidence === 'confident' ? 'confident' : 'possible',
    distanceMeters: Math.round(m.score.distanceMeters * 10) / 10,
    hoursApart: Math.round(m.score.hoursApart * 100) / 100,
    description: m.candidate.description,
  };
}
