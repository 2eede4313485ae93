import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { latestDomainEventId } from '../../events/index.js';
import { deskCaseScopeOf } from '../case-scope.js';
import { casesRepository } from '../cases.repository.js';

/**
 * A desk's stream of case events: refused at once for a caller with no desk view (before the
 * stream opens), starting after `lastEventId` (a reconnecting browser's) or at the log's end;
 * `next` reads the events after an id that the caller may read, oldest first.
 */
export async function openCaseStream(deps: { db: Db }, options: { actor: Actor; lastEventId: number | undefined }) {
  const { db } = deps;
  const scope = deskCaseScopeOf(options.actor);
  const startAfter = options.lastEventId ?? (await latestDomainEventId(db));
  return {
    startAfter,
    next: (afterId: number, limit: number) => casesRepository.caseDomainEventsAfterInScope(db, afterId, scope, limit),
  };
}
