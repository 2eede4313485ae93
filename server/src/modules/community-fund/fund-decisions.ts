import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import { isPathWithin } from '../../platform/scope.js';
import { findDecision } from '../consultation/index.js';
import type { FundCommunity } from './fund-community.js';

/**
 * The consultation council's decision a spending carries out (step 2 of the five, 议事会决议),
 * checked through the consultation module's face: it exists within the caller's scope, it
 * lies in the spending's community, and it was decided (a decision row is written only when a
 * meeting decided the agenda item, with its time).
 */
export async function decisionForSpending(
  db: Executor,
  options: { decisionId: string; community: FundCommunity; scopePath: string },
) {
  const decision = await findDecision(db, options.decisionId, options.scopePath);
  if (!decision) {
    throw new DomainError('invalid-reference', { what: options.decisionId }, [
      { field: 'decisionId', code: 'invalid' },
    ]);
  }
  if (!isPathWithin(decision.path, options.community.path)) {
    throw new DomainError('fund-decision-other-community', { title: decision.title });
  }
  if (!decision.decidedAt) throw new DomainError('fund-decision-not-decided', { title: decision.title });
  return decision;
}
