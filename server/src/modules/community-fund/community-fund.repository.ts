import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import {
  fundLedgerLines,
  fundNegativeRules,
  fundSpendingSteps,
  fundSpendings,
  fundTransactions,
} from './community-fund.tables.js';
import type { LedgerLine } from './domain/ledger.js';

export type FundTransactionRow = typeof fundTransactions.$inferSelect;
export type FundSpendingRow = typeof fundSpendings.$inferSelect;
export type FundStepRow = typeof fundSpendingSteps.$inferSelect;
export type FundNegativeRuleRow = typeof fundNegativeRules.$inferSelect;

/** Rules that hold for a community: those of its own region and of every region above it (wider first). */
const ruleHoldsFor = (communityPath: string): SQL =>
  sql`(${communityPath} = ${fundNegativeRules.path} OR ${communityPath} LIKE ${fundNegativeRules.path} || '/%')`;

export const communityFundRepository = {
  /** Serializes the fund's money movements per community, so two payments cannot both spend the last yuan. */
  async lockFund(tx: Executor, communityCode: string): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`community-fund:${communityCode}`}))`);
  },

  /** Writes a transaction and its lines (the database checks at commit that they sum to zero). */
  async insertTransaction(
    tx: Executor,
    row: typeof fundTransactions.$inferInsert,
    lines: readonly LedgerLine[],
  ): Promise<FundTransactionRow> {
    const [saved] = await tx.insert(fundTransactions).values(row).returning();
    if (!saved) throw new Error('fund transaction insert returned no row');
    await tx
      .insert(fundLedgerLines)
      .values(lines.map((l) => ({ transactionId: saved.id, communityCode: row.communityCode, ...l })));
    return saved;
  },

  /** Each account's sum for a community. */
  async accountSums(db: Executor, communityCode: string): Promise<Map<string, number>> {
    const rows = await db
      .select({ account: fundLedgerLines.account, total: sql<string>`sum(${fundLedgerLines.amountFen})` })
      .from(fundLedgerLines)
      .where(eq(fundLedgerLines.communityCode, communityCode))
      .groupBy(fundLedgerLines.account);
    return new Map(rows.map((r) => [r.account, Number(r.total)]));
  },

  /** Bank balances of these communities (0 where nothing was recorded). */
  async bankBalances(db: Executor, communityCodes: string[]): Promise<Map<string, number>> {
    if (communityCodes.length === 0) return new Map();
    const rows = await db
      .select({ code: fundLedgerLines.communityCode, total: sql<string>`sum(${fundLedgerLines.amountFen})` })
      .from(fundLedgerLines)
      .where(and(inArray(fundLedgerLines.communityCode, communityCodes), eq(fundLedgerLines.account, 'bank')))
      .groupBy(fundLedgerLines.communityCode);
    return new Map(rows.map((r) => [r.code, Number(r.total)]));
  },

  /** Communities that have a fund ledger, under a scope path. */
  async communitiesWithLedger(db: Executor, scopePath: string): Promise<string[]> {
    const rows = await db
      .selectDistinct({ code: fundTransactions.communityCode })
      .from(fundTransactions)
      .where(withinScope(fundTransactions.path, scopePath));
    return rows.map((r) => r.code);
  },

  /** A community's transactions, oldest first, each with its bank amount (+ in, − out). */
  async transactionsOf(db: Executor, communityCode: string) {
    return db
      .select({
        transaction: fundTransactions,
        bankFen: sql<string>`(SELECT coalesce(sum(l.amount_fen), 0) FROM fund_ledger_lines l WHERE l.transaction_id = fund_transactions.id AND l.account = 'bank')`,
      })
      .from(fundTransactions)
      .where(eq(fundTransactions.communityCode, communityCode))
      .orderBy(asc(fundTransactions.occurredOn), asc(fundTransactions.createdAt), asc(fundTransactions.id));
  },

  async insertSpending(tx: Executor, row: typeof fundSpendings.$inferInsert): Promise<FundSpendingRow> {
    const [saved] = await tx.insert(fundSpendings).values(row).returning();
    if (!saved) throw new Error('fund spending insert returned no row');
    return saved;
  },

  async insertStep(tx: Executor, row: typeof fundSpendingSteps.$inferInsert): Promise<void> {
    await tx.insert(fundSpendingSteps).values(row);
  },

  async markPaid(tx: Executor, id: string, paidAt: Date): Promise<void> {
    await tx.update(fundSpendings).set({ paidAt }).where(eq(fundSpendings.id, id));
  },

  /** A spending within scope, locked until the caller's transaction ends (its steps are recorded one at a time). */
  async lockSpendingInScope(tx: Executor, id: string, scopePath: string): Promise<FundSpendingRow | undefined> {
    const [row] = await tx
      .select()
      .from(fundSpendings)
      .where(and(eq(fundSpendings.id, id), withinScope(fundSpendings.path, scopePath)))
      .for('update');
    return row;
  },

  /** A community's spendings, latest first. */
  async spendingsOf(db: Executor, communityCode: string): Promise<FundSpendingRow[]> {
    return db
      .select()
      .from(fundSpendings)
      .where(eq(fundSpendings.communityCode, communityCode))
      .orderBy(desc(fundSpendings.createdAt));
  },

  async stepsOf(db: Executor, spendingIds: string[]): Promise<FundStepRow[]> {
    if (spendingIds.length === 0) return [];
    return db
      .select()
      .from(fundSpendingSteps)
      .where(inArray(fundSpendingSteps.spendingId, spendingIds))
      .orderBy(asc(fundSpendingSteps.at), asc(fundSpendingSteps.recordedAt));
  },

  /** The negative-list rules that hold for a community (at `communityPath`), the widest region's first. */
  async rulesFor(db: Executor, communityPath: string): Promise<FundNegativeRuleRow[]> {
    return db
      .select()
      .from(fundNegativeRules)
      .where(ruleHoldsFor(communityPath))
      .orderBy(asc(sql`length(${fundNegativeRules.path})`), asc(fundNegativeRules.createdAt));
  },

  /** Rules set within a scope (the desk's list of what its scope keeps). */
  async rulesInScope(db: Executor, scopePath: string): Promise<FundNegativeRuleRow[]> {
    return db
      .select()
      .from(fundNegativeRules)
      .where(withinScope(fundNegativeRules.path, scopePath))
      .orderBy(asc(sql`length(${fundNegativeRules.path})`), asc(fundNegativeRules.createdAt));
  },

  async insertRule(tx: Executor, row: typeof fundNegativeRules.$inferInsert): Promise<FundNegativeRuleRow> {
    const [saved] = await tx.insert(fundNegativeRules).values(row).returning();
    if (!saved) throw new Error('negative rule insert returned no row');
    return saved;
  },
};
