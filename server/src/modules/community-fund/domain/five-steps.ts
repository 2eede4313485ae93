import { FUND_STEPS, type FundSpendingStatus, type FundStep } from '@yiwang/contracts';

/**
 * Chengdu's five steps of a community-fund spending (成都社区保障资金“五步法”), recorded on each
 * spending in this order, each with who, when and a note:
 *   1. propose   — the community party organization proposes (党组织提议)
 *   2. resolve   — the consultation council resolves (议事会决议): the decision the spending is tied to
 *   3. implement — the residents' committee implements (居委会实施): this is when the money moves
 *   4. inspect   — the party organization inspects the result (党组织验收)
 *   5. oversee   — the supervisory committee oversees and signs off (监委会监督)
 * Money moves at `implement`, so it needs the proposal and the council's resolution first;
 * inspection and oversight look at what was done with it, so they come after payment. A
 * spending is complete when all five are recorded.
 */

/** The step whose recording pays the spending out of the fund. */
export const PAYMENT_STEP: FundStep = 'implement';

export type StepCheck =
  | { ok: true; pays: boolean; completes: boolean }
  | { ok: false; reason: 'already-recorded' }
  | { ok: false; reason: 'out-of-order'; expected: FundStep };

/** Whether `step` may be recorded now, given the steps already recorded on the spending. */
export function checkStep(recorded: readonly FundStep[], step: FundStep): StepCheck {
  if (recorded.includes(step)) return { ok: false, reason: 'already-recorded' };
  const expected = nextStep(recorded);
  if (expected !== step)
    return expected ? { ok: false, reason: 'out-of-order', expected } : { ok: false, reason: 'already-recorded' };
  return { ok: true, pays: step === PAYMENT_STEP, completes: step === FUND_STEPS[FUND_STEPS.length - 1] };
}

/** The next step to record, or null when all five are done. */
export function nextStep(recorded: readonly FundStep[]): FundStep | null {
  return FUND_STEPS.find((s) => !recorded.includes(s)) ?? null;
}

/** Where a spending stands, from its recorded steps. */
export function spendingStatusOf(recorded: readonly FundStep[]): FundSpendingStatus {
  if (!recorded.includes('resolve')) return 'awaiting-resolution';
  if (!recorded.includes('implement')) return 'awaiting-payment';
  return recorded.includes('oversee') ? 'completed' : 'paid';
}
