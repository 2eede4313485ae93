import type { CaseQueueCounts } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { deskCaseScopeOf, isResidentOnly } from '../case-scope.js';
import { casesRepository } from '../cases.repository.js';
import { QUEUES, queuesFor } from '../domain/queues.js';
import { reportedCaseIdsWithDuplicates } from './find-duplicates.js';

/**
 * The caller's work queues (工作台) and how many cases each holds, in the caller's scope. A
 * caller without a unit, or without a desk role, has none (an empty list, not a refusal:
 * the desk asks on every landing). A desk with the intake queue also gets how many of its
 * cases have a possible duplicate.
 */
export async function countCaseQueues(db: Executor, actor: Actor): Promise<CaseQueueCounts> {
  const queues = queuesFor(actor.roles);
  if (queues.length === 0 || actor.unitId === null || isResidentOnly(actor)) return { items: [] };
  const scope = deskCaseScopeOf(actor);
  const counts = await casesRepository.countQueuesInScope(db, scope, queues, actor.unitId);
  const items = queues.map((q, i) => ({ queue: q.id, count: counts[i] ?? 0 }));
  if (!queues.includes(QUEUES.intake)) return { items };
  // The same filter as the list behind the number (queue=intake&possibleDuplicate=true).
  const possibleDuplicates = await casesRepository.countInScope(
    db,
    { queue: { definition: QUEUES.intake, unitId: actor.unitId }, ids: await reportedCaseIdsWithDuplicates(db, scope) },
    scope,
  );
  return { items, possibleDuplicates };
}
