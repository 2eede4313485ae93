import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { regionsRepository } from '../regions.repository.js';

/** A region in the caller's scope (404 outside it) with its ancestors within the scope and its children. */
export async function describeRegion(deps: { db: Db }, options: { actor: Actor; code: string }) {
  const { db } = deps;
  const { scopePath } = options.actor;
  const region = await regionsRepository.findInScope(db, options.code, scopePath);
  if (!region) throw new DomainError('not-found');
  const ancestorCodes = region.path.split('/').slice(0, -1);
  const [ancestors, children] = await Promise.all([
    regionsRepository.byCodesInScope(db, ancestorCodes, scopePath),
    regionsRepository.childrenInScope(db, options.code, scopePath),
  ]);
  return { region, ancestors, children };
}

/** Regions in the caller's scope whose name holds `q`. */
export function searchRegions(deps: { db: Db }, options: { actor: Actor; q: string; limit: number }) {
  return regionsRepository.searchInScope(deps.db, options.q, options.actor.scopePath, options.limit);
}
