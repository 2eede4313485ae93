import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { regions } from '../regions/regions.tables.js';

/**
 * A community fund's transaction (社区基金台账的一笔): money received (income) or paid out for a
 * spending. Its lines (fund_ledger_lines) sum to zero — a constraint trigger checks it at
 * commit (migration) — and neither is ever changed or deleted: a correction is a new
 * transaction. `path` is the community's path (scope filter).
 */
export const fundTransactions = pgTable(
  'fund_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    kind: text('kind', { enum: ['income', 'spending'] }).notNull(),
    /** The income source or the spending purpose. */
    category: text('category').notNull(),
    description: text('description').notNull(),
    counterparty: text('counterparty'),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    spendingId: uuid('spending_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_transactions_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.occurredOn),
    index('fund_transactions_community_idx').on(t.communityCode, t.occurredOn),
    unique('fund_transactions_spending_key').on(t.spendingId),
  ],
);

/** One line of a transaction: account (`bank`, `income:<source>`, `expense:<purpose>`), amount in fen (debit +, credit −). */
export const fundLedgerLines = pgTable(
  'fund_ledger_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => fundTransactions.id),
    communityCode: text('community_code').notNull(),
    account: text('account').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('fund_ledger_lines_tx_idx').on(t.transactionId),
    index('fund_ledger_lines_account_idx').on(t.communityCode, t.account),
    check('fund_ledger_lines_nonzero', sql`${t.amountFen} <> 0`),
    check('fund_ledger_lines_account', sql`${t.account} ~ '^(bank|income:[a-z-]+|expense:[a-z-]+)$'`),
  ],
);

/**
 * A spending of the fund, tied to the consultation council's decision it carries out, and
 * Chengdu's five steps recorded on it (fund_spending_steps). It is paid (a spending
 * transaction) when the `implement` step is recorded.
 */
export const fundSpendings = pgTable(
  'fund_spendings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    purpose: text('purpose').notNull(),
    title: text('title').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    payee: text('payee').notNull(),
    /** consultation's decision (kept as an id: the consultation module owns its table). */
    decisionId: uuid('decision_id').notNull(),
    note: text('note'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fund_spendings_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.createdAt),
    check('fund_spendings_amount', sql`${t.amountFen} > 0`),
  ],
);

export const fundSpendingSteps = pgTable(
  'fund_spending_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spendingId: uuid('spending_id')
      .notNull()
      .references(() => fundSpendings.id),
    step: text('step', { enum: ['propose', 'resolve', 'implement', 'inspect', 'oversee'] }).notNull(),
    by: text('by').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('fund_spending_steps_once').on(t.spendingId, t.step)],
);

/** A rule of the negative list (负面清单), for a region and every community under it. */
export const fundNegativeRules = pgTable(
  'fund_negative_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    name: text('name').notNull(),
    purposes: text('purposes').array().notNull(),
    keywords: text('keywords').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fund_negative_rules_path_idx').using('btree', sql`${t.path} text_pattern_ops`)],
);
