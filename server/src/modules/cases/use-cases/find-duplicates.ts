import type { DuplicateSuggestion } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { CatalogMatter } from '../../catalog/index.js';
import { type CaseRow, casesRepository } from '../cases.repository.js';
import { type DuplicateMatch, findDuplicates } from '../domain/duplicates.js';

export type DuplicateCandidateRow = Awaited<ReturnType<typeof casesRepository.duplicateCandidates>>[number] & {
  caseId: string;
  location: readonly [number, number];
  reportedAt: Date;
};

const METERS_PER_DEGREE_LAT = 111_320;

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
  const point = [row.lon, row.lat] as const;
  const rule = { radiusMeters: matter.duplicateRadiusMeters, windowHours: matter.duplicateWindowHours };
  const candidates = await casesRepository.duplicateCandidates(db, {
    category: matter.category,
    since: new Date(row.createdAt.getTime() - rule.windowHours * 3_600_000),
    box: duplicateBox(point, rule.radiusMeters),
    excludeIds: [row.id, ...row.keptApartCaseIds],
  });
  const matches = findDuplicates(
    { matterCode: row.matterCode, matterCategory: row.matterCategory, location: point, reportedAt: row.createdAt },
    candidates.flatMap((c) =>
      c.lon === null || c.lat === null || c.keptApartCaseIds.includes(row.id)
        ? []
        : [{ ...c, caseId: c.id, location: [c.lon, c.lat] as const, reportedAt: c.createdAt }],
    ),
    new Map([[row.matterCode, rule]]),
  );
  return matches.map(suggestion);
}

/** Open cases near a new report of `matter` at `point`, scored (confident first). */
export async function duplicatesNear(
  db: Executor,
  matter: CatalogMatter,
  point: readonly [number, number],
  now: Date,
): Promise<DuplicateMatch<DuplicateCandidateRow>[]> {
  const rule = { radiusMeters: matter.duplicateRadiusMeters, windowHours: matter.duplicateWindowHours };
  const candidates = await casesRepository.duplicateCandidates(db, {
    category: matter.category,
    since: new Date(now.getTime() - rule.windowHours * 3_600_000),
    box: duplicateBox(point, rule.radiusMeters),
  });
  return findDuplicates(
    { matterCode: matter.code, matterCategory: matter.category, location: point, reportedAt: now },
    candidates.flatMap((c) =>
      c.lon === null || c.lat === null
        ? []
        : [{ ...c, caseId: c.id, location: [c.lon, c.lat] as const, reportedAt: c.createdAt }],
    ),
    new Map([[matter.code, rule]]),
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
