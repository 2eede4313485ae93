import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { listPosts } from '../../staffing/index.js';
import type { Crs } from '../geometry/index.js';
import type { GridLocator } from '../grid-locator.js';
import { type GridFilter, type GridSummary, gridsRepository } from '../grids.repository.js';

/** Current grids in the caller's scope, a page of them. */
export function listGrids(
  deps: { db: Db },
  options: { actor: Actor; filter: GridFilter; page: { limit: number; offset: number } },
) {
  return gridsRepository.listCurrentInScope(deps.db, options.filter, options.actor.scopePath, options.page);
}

/** Current grids in the caller's scope with their shapes (the map, an export to re-import). */
export function gridMap(deps: { db: Db }, options: { actor: Actor; filter: GridFilter }) {
  return gridsRepository.currentWithGeometryInScope(deps.db, options.filter, options.actor.scopePath);
}

/**
 * gridAt for the caller: the base grid holding a point, now or on a date, with its ancestors
 * — read through the scoped query, so a grid outside the caller's scope is not found.
 */
export async function locateGrid(
  deps: { db: Db; locator: GridLocator },
  options: { actor: Actor; lon: number; lat: number; crs: Crs | undefined; at: Date | undefined },
) {
  const { db } = deps;
  const { actor, at } = options;
  const located = await deps.locator.gridAt([options.lon, options.lat], options.crs, at);
  const codes = [located.grid.code, ...located.ancestors.map((a) => a.code)];
  const rows = at
    ? await gridsRepository.versionsAtInScope(db, codes, at, actor.scopePath)
    : await gridsRepository.findCurrentByCodesInScope(db, codes, actor.scopePath);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const grid = byCode.get(located.grid.code);
  if (!grid) throw new DomainError('not-found');
  const ancestors = located.ancestors.flatMap((a) => {
    const row = byCode.get(a.code);
    return row ? [row] : [];
  });
  return { point: located.point, grid, ancestors };
}

/** A current grid in the caller's scope (404 outside it): its ancestors in scope, child count, posts and versions. */
export async function getGrid(deps: { db: Db }, options: { actor: Actor; code: string; now: Date }) {
  const { db } = deps;
  const { actor } = options;
  const grid = await gridsRepository.findCurrentInScope(db, options.code, actor.scopePath);
  if (!grid) throw new DomainError('not-found');
  const ancestorCodes: string[] = [];
  let parentCode = grid.parentCode;
  const ancestors: GridSummary[] = [];
  while (parentCode && !ancestorCodes.includes(parentCode)) {
    ancestorCodes.push(parentCode);
    const [parent] = await gridsRepository.findCurrentByCodesInScope(db, [parentCode], actor.scopePath);
    if (!parent) break;
    ancestors.push(parent);
    parentCode = parent.parentCode;
  }
  const [childCount, posts, history] = await Promise.all([
    gridsRepository.countCurrentChildren(db, grid.code),
    listPosts(db, actor.scopePath, { gridCodes: [grid.code] }, options.now),
    gridsRepository.history(db, grid.code),
  ]);
  return { grid, ancestors, childCount, posts, history };
}
