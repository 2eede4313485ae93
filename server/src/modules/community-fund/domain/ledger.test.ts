import { describe, expect, it } from 'vitest';
import { balancesOf, canPay, checkTransaction, incomeLines, spendingLines } from './ledger.js';

describe('a fund transaction', () => {
  it('balances when its lines sum to zero', () => {
    expect(checkTransaction(incomeLines('grant', 500_000))).toEqual({ ok: true });
    expect(checkTransaction(spendingLines('facilities', 120_050))).toEqual({ ok: true });
    // Three lines: 100.00 yuan of a grant and 20.00 yuan of a donation arrive as one deposit of 120.00.
    expect(
      checkTransaction([
        { account: 'bank', amountFen: 12_000 },
        { account: 'income:grant', amountFen: -10_000 },
        { account: 'income:donation', amountFen: -2_000 },
      ]),
    ).toEqual({ ok: true });
  });

  it('is refused when it does not balance, has one line, or a line is no whole fen', () => {
    expect(
      checkTransaction([
        { account: 'bank', amountFen: 10_000 },
        { account: 'income:grant', amountFen: -9_999 },
      ]),
    ).toEqual({ ok: false, reason: 'not-balanced', sumFen: 1 });
    expect(checkTransaction([{ account: 'bank', amountFen: 0 }])).toEqual({ ok: false, reason: 'too-few-lines' });
    expect(
      checkTransaction([
        { account: 'bank', amountFen: 10.5 },
        { account: 'income:other', amountFen: -10.5 },
      ]),
    ).toEqual({ ok: false, reason: 'not-whole-fen', account: 'bank' });
  });

  it('adds up: bank = income − spending', () => {
    // grant 5 000.00, donation 1 200.00, spending 800.00 on facilities: bank 5 400.00.
    const sums = new Map<string, number>([
      ['bank', 500_000 + 120_000 - 80_000],
      ['income:grant', -500_000],
      ['income:donation', -120_000],
      ['expense:facilities', 80_000],
    ]);
    const b = balancesOf(sums);
    expect(b.bankFen).toBe(540_000);
    expect(b.incomeFen).toBe(620_000);
    expect(b.spendingFen).toBe(80_000);
    expect(b.incomeFen - b.spendingFen).toBe(b.bankFen);
    expect(b.incomeBySource).toEqual({ grant: 500_000, donation: 120_000, other: 0 });
    expect(b.spendingByPurpose.facilities).toBe(80_000);
    expect(b.spendingByPurpose['elderly-care']).toBe(0);
  });

  it('never pays more than the bank holds', () => {
    expect(canPay(540_000, 540_000)).toBe(true);
    expect(canPay(540_000, 540_001)).toBe(false);
    expect(canPay(540_000, 0)).toBe(false);
  });
});
