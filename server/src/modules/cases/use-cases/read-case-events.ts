import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { deskCaseScopeOf } from '../case-scope.js';
import { casesRepository } from '../cases.repository.js';

/** The next case events of the domain event log after `afterId` that the caller's desk may read, oldest first. */
export function caseEventsAfter(deps: { db: Db }, options: { actor: Actor; afterId: number; limit: number }) {
  return casesRepository.caseDomainEventsAfterInScope(
    deps.db,
    options.afterId,
    deskCaseScopeOf(options.actor),
    options.limit,
  );
}
