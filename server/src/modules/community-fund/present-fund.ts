import type { FundNegativeRule, FundSpending, FundSpendingPurpose, FundStep, FundStepRecord } from '@yiwang/contracts';
import type { FundNegativeRuleRow, FundSpendingRow, FundStepRow } from './community-fund.repository.js';
import { nextStep, spendingStatusOf } from './domain/five-steps.js';

export const presentStep = (row: FundStepRow): FundStepRecord => ({
  step: row.step,
  by: row.by,
  note: row.note,
  at: row.at.toISOString(),
});

export function presentSpending(row: FundSpendingRow, steps: readonly FundStepRow[]): FundSpending {
  const recorded: FundStep[] = steps.map((s) => s.step);
  return {
    id: row.id,
    communityCode: row.communityCode,
    purpose: row.purpose as FundSpendingPurpose,
    title: row.title,
    amountFen: row.amountFen,
    payee: row.payee,
    decisionId: row.decisionId,
    note: row.note,
    status: spendingStatusOf(recorded),
    nextStep: nextStep(recorded),
    steps: steps.map(presentStep),
    paidAt: row.paidAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const presentNegativeRule = (row: FundNegativeRuleRow): FundNegativeRule => ({
  id: row.id,
  regionCode: row.regionCode,
  name: row.name,
  purposes: row.purposes,
  keywords: row.keywords,
  createdAt: row.createdAt.toISOString(),
});
