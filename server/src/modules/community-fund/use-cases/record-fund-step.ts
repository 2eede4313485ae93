import type { FundSpending, FundSpendingPurpose, RecordFundStepBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayOf } from '../../../platform/china-day.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { communityFundRepository } from '../community-fund.repository.js';
import { checkStep } from '../domain/five-steps.js';
import { canPay, spendingLines } from '../domain/ledger.js';
import { fundCommunityInScope } from '../fund-community.js';
import { decisionForSpending } from '../fund-decisions.js';
import { presentSpending } from '../present-fund.js';

/**
 * Records the next of the five steps on a spending, in order. `resolve` checks that the
 * council's decision stands; `implement` pays: the decision is checked again and the money
 * leaves the bank in the same transaction (refused when the fund does not hold it).
 */
export async function recordFundStep(
  db: Db,
  options: { actor: Actor; context: AuditContext; spendingId: string; body: RecordFundStepBody; now: Date },
): Promise<{ kind: 'updated'; value: FundSpending }> {
  const { actor, context, spendingId, body, now } = options;
  const at = body.at ? new Date(body.at) : now;
  if (at.getTime() > now.getTime() + 60_000)
    throw new DomainError('validation', {}, [{ field: 'at', code: 'not-future' }]);
  return db.transaction(async (tx) => {
    const spending = await communityFundRepository.lockSpendingInScope(tx, spendingId, actor.scopePath);
    if (!spending) throw new DomainError('not-found');
    const steps = await communityFundRepository.stepsOf(tx, [spending.id]);
    const check = checkStep(
      steps.map((s) => s.step),
      body.step,
    );
    if (!check.ok) {
      throw check.reason === 'already-recorded'
        ? new DomainError('fund-step-recorded', { step: body.step })
        : new DomainError('fund-step-out-of-order', { step: body.step, expected: check.expected });
    }
    if (body.step === 'resolve' || check.pays) {
      const community = await fundCommunityInScope(tx, spending.communityCode, actor.scopePath);
      await decisionForSpending(tx, { decisionId: spending.decisionId, community, scopePath: actor.scopePath });
    }
    if (check.pays) {
      await communityFundRepository.lockFund(tx, spending.communityCode);
      const bank = (await communityFundRepository.accountSums(tx, spending.communityCode)).get('bank') ?? 0;
      if (!canPay(bank, spending.amountFen)) {
        throw new DomainError('fund-insufficient', {
          balance: (bank / 100).toFixed(2),
          amount: (spending.amountFen / 100).toFixed(2),
        });
      }
      await communityFundRepository.insertTransaction(
        tx,
        {
          communityCode: spending.communityCode,
          path: spending.path,
          kind: 'spending',
          category: spending.purpose,
          description: spending.title,
          counterparty: spending.payee,
          occurredOn: chinaDayOf(at),
          spendingId: spending.id,
          createdBy: actor.kind === 'user' ? actor.id : null,
        },
        spendingLines(spending.purpose as FundSpendingPurpose, spending.amountFen),
      );
      await communityFundRepository.markPaid(tx, spending.id, at);
      spending.paidAt = at;
    }
    const step = {
      spendingId: spending.id,
      step: body.step,
      by: body.by.trim(),
      note: body.note?.trim() || null,
      at,
      recordedBy: actor.kind === 'user' ? actor.id : null,
    };
    await communityFundRepository.insertStep(tx, step);
    await recordAudit(tx, context, {
      action: 'fund.record-step',
      objectType: 'fund-spending',
      objectId: spending.id,
      scopePath: spending.path,
      details: { step: body.step, paid: check.pays, amountFen: check.pays ? spending.amountFen : 0 },
    });
    return {
      kind: 'updated',
      value: presentSpending(spending, [...steps, { ...step, id: spending.id, recordedAt: now }]),
    };
  });
}
