import type { UnitKind } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { unitsRepository } from '../units.repository.js';

/** Units in the caller's scope (and, with `includeAbove`, those of the regions above it), a page of them. */
export function listUnits(
  deps: { db: Db },
  options: {
    actor: Actor;
    filter: { kind?: UnitKind | undefined; q?: string | undefined; includeAbove?: boolean | undefined };
    page: { limit: number; offset: number };
  },
) {
  return unitsRepository.listInScope(deps.db, options.actor.scopePath, options.filter, options.page);
}

/** A unit in the caller's scope; 404 outside it. */
export async function getUnit(deps: { db: Db }, options: { actor: Actor; id: string }) {
  const unit = await unitsRepository.findInScope(deps.db, options.id, options.actor.scopePath);
  if (!unit) throw new DomainError('not-found');
  return unit;
}
