import {
  FUND_INCOME_SOURCES as INCOME_SOURCES,
  type FundIncomeSource as IncomeSource,
  FUND_SPENDING_PURPOSES as SPENDING_PURPOSES,
  type FundSpendingPurpose as SpendingPurpose,
} from '@yiwang/contracts';

/**
 * The community fund's ledger (社区基金台账), double entry, amounts in integer fen (分).
 * Every transaction is a set of lines over accounts whose amounts sum to zero: a debit is
 * positive, a credit negative. Money in: the bank account is debited, an income account
 * credited; money out: an expense account is debited, the bank account credited. So the
 * bank balance is always income minus spending, and a ledger whose transactions each sum
 * to zero adds up by construction (the database refuses any other, see the migration).
 */

/** `bank` (cash and bank, the one asset), `income:<source>`, `expense:<purpose>`. */
export type FundAccount = 'bank' | `income:${IncomeSource}` | `expense:${SpendingPurpose}`;

export const FUND_ACCOUNTS: readonly FundAccount[] = [
  'bank',
  ...INCOME_SOURCES.map((s) => `income:${s}` as const),
  ...SPENDING_PURPOSES.map((p) => `expense:${p}` as const),
];

export interface LedgerLine {
  account: FundAccount;
  /** Fen; debit > 0, credit < 0. */
  amountFen: number;
}

export type LedgerCheck =
  | { ok: true }
  | { ok: false; reason: 'not-balanced'; sumFen: number }
  | { ok: false; reason: 'too-few-lines' }
  | { ok: false; reason: 'not-whole-fen'; account: FundAccount };

/** A transaction may be posted when it has two lines or more, each a whole number of fen, summing to zero. */
export function checkTransaction(lines: readonly LedgerLine[]): LedgerCheck {
  if (lines.length < 2) return { ok: false, reason: 'too-few-lines' };
  let sum = 0;
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen === 0) {
      return { ok: false, reason: 'not-whole-fen', account: line.account };
    }
    sum += line.amountFen;
  }
  return sum === 0 ? { ok: true } : { ok: false, reason: 'not-balanced', sumFen: sum };
}

/** The two lines of money received: bank debited, the source's income account credited. */
export function incomeLines(source: IncomeSource, amountFen: number): LedgerLine[] {
  return [
    { account: 'bank', amountFen },
    { account: `income:${source}`, amountFen: -amountFen },
  ];
}

/** The two lines of a payment: the purpose's expense account debited, bank credited. */
export function spendingLines(purpose: SpendingPurpose, amountFen: number): LedgerLine[] {
  return [
    { account: `expense:${purpose}`, amountFen },
    { account: 'bank', amountFen: -amountFen },
  ];
}

export interface FundBalances {
  /** Money held (cash and bank). */
  bankFen: number;
  incomeFen: number;
  spendingFen: number;
  incomeBySource: Record<IncomeSource, number>;
  spendingByPurpose: Record<SpendingPurpose, number>;
}

/**
 * Balances from the sums per account (as the database adds them up). Income and spending are
 * shown as positive amounts; `bankFen` is the bank account's own sum, which equals
 * income − spending whenever every transaction balanced.
 */
export function balancesOf(sums: ReadonlyMap<string, number>): FundBalances {
  const incomeBySource = Object.fromEntries(
    // `+ 0` turns -0 (no income of that source) into 0.
    INCOME_SOURCES.map((s) => [s, -(sums.get(`income:${s}`) ?? 0) + 0]),
  ) as Record<IncomeSource, number>;
  const spendingByPurpose = Object.fromEntries(
    SPENDING_PURPOSES.map((p) => [p, sums.get(`expense:${p}`) ?? 0]),
  ) as Record<SpendingPurpose, number>;
  const total = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
  return {
    bankFen: sums.get('bank') ?? 0,
    incomeFen: total(incomeBySource),
    spendingFen: total(spendingByPurpose),
    incomeBySource,
    spendingByPurpose,
  };
}

/** A payment may leave the bank only when the money is there: the fund is never overdrawn. */
export const canPay = (bankFen: number, amountFen: number): boolean => amountFen > 0 && amountFen <= bankFen;
