import type { CaseQueueCounts } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { deskCaseScopeOf, isResidentOnly } from '../case-scope.js';
import { casesRepository } from '../cases.repository.js';
import { queuesFor } from '../domain/queues.js';

/**
 * The caller's work queues (工作台) and how many cases each holds, in the caller's scope. A
 * caller without a unit, or without a desk role, has none (an empty list, not a refusal:
 * the desk asks on every landing).
 */
export async function countCaseQueues(db: Executor, actor: Actor): Promise<CaseQueueCounts> {
  const queues = queuesFor(actor.roles);
  if (queues.length === 0 || actor.unitId === null || isResidentOnly(actor)) return { items: [] };
  const counts = await casesRepository.countQueuesInScope(db, deskCaseScopeOf(actor), queues, actor.unitId);
  return { items: queues.map((q, i) => ({ queue: q.id, count: counts[i] ?? 0 })) };
}
