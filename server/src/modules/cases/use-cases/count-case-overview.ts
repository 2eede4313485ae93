import type { CaseOverview, CasePoints } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { chinaDayOf, chinaDayRange } from '../../../platform/china-day.js';
import type { Actor } from '../../../platform/http.js';
import { deskCaseScopeOf } from '../case-scope.js';
import { casesRepository } from '../cases.repository.js';

/**
 * The live counts of the cases the caller may read (工作台, 大屏): open cases per state, yellow
 * and red, reported and closed today (China day). Read from the cases themselves, never from
 * a copy, so a number and the list behind it (GET /cases with the same filter) cannot differ.
 */
export async function countCaseOverview(db: Executor, options: { actor: Actor; now: Date }): Promise<CaseOverview> {
  const scope = deskCaseScopeOf(options.actor);
  const day = chinaDayOf(options.now);
  const { from } = chinaDayRange(day);
  const counts = await casesRepository.overviewInScope(db, scope, from);
  return { day, dayStart: from.toISOString(), ...counts };
}

/** The open cases the caller may read as points on the map, the newest first, at most `limit`. */
export async function listCasePoints(db: Executor, options: { actor: Actor; limit: number }): Promise<CasePoints> {
  const rows = await casesRepository.openPointsInScope(db, deskCaseScopeOf(options.actor), options.limit);
  return {
    items: rows.slice(0, options.limit).map((r) => ({
      code: r.code,
      lon: r.lon as number,
      lat: r.lat as number,
      state: r.state,
      timeState: r.timeState,
    })),
    truncated: rows.length > options.limit,
  };
}
