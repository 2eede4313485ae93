import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { latestDomainEventId } from '../../events/index.js';
import { bigScreenRepository } from '../big-screen.repository.js';

/**
 * What a screen watches: the domain event log of its scope (cases and patrols). `next`
 * answers the newest event id after `afterId`, or null: the screen is told only that
 * something changed, never what (it re-reads the aggregate).
 */
export async function watchBigScreen(deps: { db: Db }, options: { actor: Actor; lastEventId: number | undefined }) {
  const { db } = deps;
  const scopePath = options.actor.scopePath;
  const startAfter = options.lastEventId ?? (await latestDomainEventId(db));
  return {
    startAfter,
    next: (afterId: number) => bigScreenRepository.latestEventAfter(db, scopePath, afterId),
  };
}
