import type { Executor } from '../../../db/client.js';
import { latestDomainEventId } from '../../events/index.js';
import { consultationRepository } from '../consultation.repository.js';

/** The name of the cursor on the domain event log that moves decision tasks with their cases. */
export const CASE_CURSOR = 'case-events';

/**
 * Starts the cursor at the log's end if it has none yet: called before the first case of a task
 * is opened, so every event of that case comes after it.
 */
export async function ensureCaseCursor(db: Executor): Promise<void> {
  await consultationRepository.lockCursor(db, CASE_CURSOR, await latestDomainEventId(db));
}
