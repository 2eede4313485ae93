import { type Static, type TSchema, Type } from 'typebox';
import {
  FUND_INCOME_SOURCES,
  FUND_SPENDING_PURPOSES,
  FUND_SPENDING_STATUSES,
  FUND_STEPS,
} from './vocabulary/community.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const CommunityCode = Type.String({ pattern: '^[0-9]{6,12}$' });
/** Money in integer fen (分): no floats; at most 100 million yuan per entry. */
const Fen = Type.Integer({ minimum: 1, maximum: 10_000_000_000 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const FundCommunityParams = Type.Object({ communityCode: CommunityCode });
export type FundCommunityParams = Static<typeof FundCommunityParams>;

export const RecordFundIncomeBody = Type.Object(
  {
    communityCode: CommunityCode,
    source: Type.Enum(FUND_INCOME_SOURCES),
    amountFen: Fen,
    /** Who gave it (a department, a firm, a resident who agrees to be named); empty = not named. */
    counterparty: Type.Optional(Type.String({ maxLength: 100 })),
    receivedOn: Day,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RecordFundIncomeBody = Static<typeof RecordFundIncomeBody>;

export const FundStepInput = Type.Object(
  {
    /** Who did it: the organization or person, as the record should read. */
    by: Text(100),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    /** When it happened; now when absent. */
    at: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type FundStepInput = Static<typeof FundStepInput>;

export const ProposeFundSpendingBody = Type.Object(
  {
    communityCode: CommunityCode,
    purpose: Type.Enum(FUND_SPENDING_PURPOSES),
    title: Text(200),
    amountFen: Fen,
    payee: Text(100),
    /** The consultation council's decision the spending carries out. */
    decisionId: Uuid,
    note: Type.Optional(Type.String({ maxLength: 500 })),
    /** Step 1, the party organization's proposal. */
    proposal: FundStepInput,
  },
  { additionalProperties: false },
);
export type ProposeFundSpendingBody = Static<typeof ProposeFundSpendingBody>;

export const RecordFundStepBody = Type.Object(
  {
    step: Type.Enum(FUND_STEPS),
    by: Text(100),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    at: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type RecordFundStepBody = Static<typeof RecordFundStepBody>;

export const FundStepRecord = Type.Object({
  step: Type.Enum(FUND_STEPS),
  by: Type.String(),
  note: Nullable(Type.String()),
  at: DateTime,
});
export type FundStepRecord = Static<typeof FundStepRecord>;

export const FundSpending = Type.Object({
  id: Uuid,
  communityCode: Type.String(),
  purpose: Type.Enum(FUND_SPENDING_PURPOSES),
  title: Type.String(),
  amountFen: Type.Integer(),
  payee: Type.String(),
  decisionId: Uuid,
  note: Nullable(Type.String()),
  status: Type.Enum(FUND_SPENDING_STATUSES),
  nextStep: Nullable(Type.Enum(FUND_STEPS)),
  steps: Type.Array(FundStepRecord),
  paidAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type FundSpending = Static<typeof FundSpending>;

export const FundTransaction = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('income'), Type.Literal('spending')]),
  /** The income source or the spending purpose. */
  category: Type.String(),
  description: Type.String(),
  counterparty: Nullable(Type.String()),
  amountFen: Type.Integer(),
  /** The bank balance after this transaction. */
  balanceAfterFen: Type.Integer(),
  occurredOn: Day,
  spendingId: Nullable(Uuid),
});
export type FundTransaction = Static<typeof FundTransaction>;

export const FundLedger = Type.Object({
  communityCode: Type.String(),
  communityName: Type.String(),
  communityNameEn: Type.String(),
  balanceFen: Type.Integer(),
  incomeFen: Type.Integer(),
  spendingFen: Type.Integer(),
  incomeBySource: Type.Record(Type.String(), Type.Integer()),
  spendingByPurpose: Type.Record(Type.String(), Type.Integer()),
  transactions: Type.Array(FundTransaction),
  spendings: Type.Array(FundSpending),
});
export type FundLedger = Static<typeof FundLedger>;

export const FundNegativeRule = Type.Object({
  id: Uuid,
  regionCode: Type.String(),
  name: Type.String(),
  purposes: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
  createdAt: DateTime,
});
export type FundNegativeRule = Static<typeof FundNegativeRule>;

export const FundNegativeRuleList = Type.Object({ items: Type.Array(FundNegativeRule) });
export type FundNegativeRuleList = Static<typeof FundNegativeRuleList>;

export const FundNegativeRuleQuery = Type.Object({ communityCode: Type.Optional(CommunityCode) });
export type FundNegativeRuleQuery = Static<typeof FundNegativeRuleQuery>;

export const AddFundNegativeRuleBody = Type.Object(
  {
    /** The county, town or community the rule holds for (and every community under it). */
    regionCode: CommunityCode,
    name: Text(200),
    purposes: Type.Array(Type.Enum(FUND_SPENDING_PURPOSES), { maxItems: 10, uniqueItems: true }),
    keywords: Type.Array(Text(40), { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type AddFundNegativeRuleBody = Static<typeof AddFundNegativeRuleBody>;

export const FundCommunityList = Type.Object({
  items: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), balanceFen: Type.Integer() }),
  ),
});
export type FundCommunityList = Static<typeof FundCommunityList>;
