import type { GridQuality, QualityMissing, RegistryQuality } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { gridsLookups } from '../../grids/index.js';
import { regionsLookups } from '../../regions/index.js';
import { type QualityCounts, ratesOf, sumCounts } from '../domain/data-quality.js';
import { registryVisitsRepository } from '../registry-visits.repository.js';

export const QUALITY_WINDOW_DAYS = 90;
const BASE_GRID_LEVEL = 3;
const MISSING_LIMIT = 500;
const DAY_MS = 86_400_000;

/** China's calendar day of an instant (the registry's days are China days). */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

interface GridCounts extends QualityCounts {
  code: string;
  name: string;
  regionCode: string;
  path: string;
}

/** Each base grid of the scope with its counts: expected from the grid map, the rest from the registry. */
async function gridCounts(db: Db, scopePath: string, now: Date, windowDays: number): Promise<GridCounts[]> {
  const grids = await gridsLookups.currentWithGeometryInScope(db, { level: BASE_GRID_LEVEL }, scopePath);
  const counted = await registryVisitsRepository.qualityCounts(
    db,
    scopePath,
    new Date(now.getTime() - windowDays * DAY_MS),
  );
  const byPath = new Map(counted.map((c) => [c.path, c]));
  return grids.map((g) => {
    const c = byPath.get(g.path);
    return {
      code: g.code,
      name: g.name,
      regionCode: g.regionCode,
      path: g.path,
      expectedHouseholds: g.households,
      expectedPeople: g.people,
      households: c?.households ?? 0,
      people: c?.people ?? 0,
      visited: c?.visited ?? 0,
      confirmed: c?.confirmed ?? 0,
      dwellingsWithoutHousehold: c?.dwellings_without_household ?? 0,
      householdsNeverVisited: c?.never_visited ?? 0,
      peopleWithoutIdNumber: c?.people_without_id ?? 0,
    };
  });
}

const present = (row: Omit<GridCounts, 'path'>): GridQuality => ({
  code: row.code,
  name: row.name,
  regionCode: row.regionCode,
  expectedHouseholds: row.expectedHouseholds,
  expectedPeople: row.expectedPeople,
  households: row.households,
  people: row.people,
  visited: row.visited,
  confirmed: row.confirmed,
  dwellingsWithoutHousehold: row.dwellingsWithoutHousehold,
  householdsNeverVisited: row.householdsNeverVisited,
  peopleWithoutIdNumber: row.peopleWithoutIdNumber,
  ...ratesOf(row),
});

/** Data quality per base grid of my scope and per community (its grids summed), on demand. */
export async function getRegistryQuality(
  db: Db,
  options: { actor: Actor; now: Date; windowDays?: number | undefined },
): Promise<RegistryQuality> {
  const windowDays = options.windowDays ?? QUALITY_WINDOW_DAYS;
  const rows = await gridCounts(db, options.actor.scopePath, options.now, windowDays);
  const communities = [...new Set(rows.map((r) => r.regionCode))].sort();
  const names = await regionsLookups.namesByCode(db, communities);
  return {
    day: chinaDay(options.now),
    windowDays,
    communities: communities.map((code) => {
      const grids = rows.filter((r) => r.regionCode === code);
      return {
        community: present({ code, name: names.get(code) ?? code, regionCode: code, ...sumCounts(grids) }),
        grids: grids.map(present),
      };
    }),
  };
}

/** What is missing in one base grid of my scope (others: 404): the desk's drill-down. */
export async function getQualityMissing(db: Db, options: { actor: Actor; gridCode: string }): Promise<QualityMissing> {
  const grid = await gridsLookups.findCurrentInScope(db, options.gridCode, options.actor.scopePath);
  if (!grid) throw new DomainError('not-found');
  const rows = await registryVisitsRepository.missingOfPath(db, grid.path, MISSING_LIMIT);
  return {
    gridCode: grid.code,
    items: rows.map((r) => ({
      kind: r.kind as QualityMissing['items'][number]['kind'],
      recordId: r.record_id,
      label: r.label,
      address: r.address,
    })),
  };
}

/** The daily job: every base grid's counts of today kept (a re-run the same day replaces them). */
export async function keepQualityDay(db: Db, now: Date, countyPath: string): Promise<number> {
  const rows = await gridCounts(db, countyPath, now, QUALITY_WINDOW_DAYS);
  const day = chinaDay(now);
  await registryVisitsRepository.saveQualityDay(
    db,
    rows.map(({ code, name: _n, regionCode: _r, ...counts }) => ({ day, gridCode: code, ...counts })),
  );
  return rows.length;
}
