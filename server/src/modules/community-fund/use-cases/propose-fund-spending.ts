import type { FundSpending, ProposeFundSpendingBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import { communityFundRepository } from '../community-fund.repository.js';
import { matchNegativeList } from '../domain/negative-list.js';
import { fundCommunityInScope } from '../fund-community.js';
import { decisionForSpending } from '../fund-decisions.js';
import { presentSpending } from '../present-fund.js';

/**
 * Step 1 of the five: the party organization proposes a spending of the community's fund,
 * tied to the council's decision it carries out. A spending on the negative list is refused
 * with the rule named (and the refusal audited); nothing is written then.
 */
export async function proposeFundSpending(
  db: Db,
  options: {
    actor: Actor;
    context: AuditContext;
    body: ProposeFundSpendingBody;
    now: Date;
    idempotency?: IdempotencyClaim | undefined;
  },
): Promise<IdempotentOutcome<FundSpending>> {
  const { actor, context, body, now, idempotency } = options;
  const community = await fundCommunityInScope(db, body.communityCode, actor.scopePath);
  await decisionForSpending(db, { decisionId: body.decisionId, community, scopePath: actor.scopePath });
  const rules = await communityFundRepository.rulesFor(db, community.path);
  const rule = matchNegativeList({ purpose: body.purpose, title: body.title, note: body.note }, rules);
  if (rule) {
    await recordAudit(db, context, {
      action: 'fund.refuse-spending',
      objectType: 'fund-negative-rule',
      objectId: rule.id,
      outcome: 'denied',
      scopePath: community.path,
      details: { communityCode: community.code, title: body.title, amountFen: body.amountFen, rule: rule.name },
    });
    throw new DomainError('fund-negative-list', { rule: rule.name }, [{ field: 'title', code: 'fund-negative-list' }]);
  }
  const proposedAt = body.proposal.at ? new Date(body.proposal.at) : now;
  if (proposedAt.getTime() > now.getTime() + 60_000) {
    throw new DomainError('validation', {}, [{ field: 'proposal.at', code: 'not-future' }]);
  }
  return runIdempotent(db, idempotency, async (tx) => {
    const spending = await communityFundRepository.insertSpending(tx, {
      communityCode: community.code,
      path: community.path,
      purpose: body.purpose,
      title: body.title.trim(),
      amountFen: body.amountFen,
      payee: body.payee.trim(),
      decisionId: body.decisionId,
      note: body.note?.trim() || null,
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    const step = {
      spendingId: spending.id,
      step: 'propose' as const,
      by: body.proposal.by.trim(),
      note: body.proposal.note?.trim() || null,
      at: proposedAt,
      recordedBy: actor.kind === 'user' ? actor.id : null,
    };
    await communityFundRepository.insertStep(tx, step);
    await recordAudit(tx, context, {
      action: 'fund.propose-spending',
      objectType: 'fund-spending',
      objectId: spending.id,
      scopePath: community.path,
      details: {
        communityCode: community.code,
        purpose: body.purpose,
        amountFen: body.amountFen,
        decisionId: body.decisionId,
      },
    });
    return {
      kind: 'created',
      value: presentSpending(spending, [{ ...step, id: spending.id, recordedAt: now }]),
    };
  });
}
