import {
  AddFundNegativeRuleBody,
  FundCommunityList,
  FundCommunityParams,
  FundLedger,
  FundNegativeRule,
  FundNegativeRuleList,
  FundNegativeRuleQuery,
  FundSpending,
  FundTransaction,
  IdempotencyHeaders,
  IdParams,
  ProposeFundSpendingBody,
  RecordFundIncomeBody,
  RecordFundStepBody,
} from '@yiwang/contracts';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { idempotencyClaimOf, sendIdempotent } from '../idempotency/index.js';
import { exportFundLedger } from './use-cases/export-fund-ledger.js';
import { addNegativeRule, listNegativeRules } from './use-cases/negative-list.js';
import { proposeFundSpending } from './use-cases/propose-fund-spending.js';
import { listFundCommunities, readFundLedger, readPublicFundLedger } from './use-cases/read-fund-ledger.js';
import { recordFundIncome } from './use-cases/record-fund-income.js';
import { recordFundStep } from './use-cases/record-fund-step.js';

export function communityFundRoutes(app: App, { database }: ModuleContext) {
  const { db } = database;

  app.get(
    '/public/community-funds',
    {
      schema: {
        tags: ['community-fund'],
        summary: 'Communities that keep a community fund (社区基金), with their balances; public, no sign-in',
        security: [],
        response: { 200: FundCommunityList },
      },
    },
    async () => listFundCommunities(db, null),
  );

  app.get(
    '/public/community-funds/:communityCode',
    {
      schema: {
        tags: ['community-fund'],
        summary:
          "A community fund's public ledger: balance (= income − spending), income by source, spending by purpose, every transaction and every spending with its five steps; no sign-in",
        security: [],
        params: FundCommunityParams,
        response: { 200: FundLedger },
      },
    },
    async (request) => readPublicFundLedger(db, request.params.communityCode),
  );

  app.get(
    '/community-funds',
    {
      schema: {
        tags: ['community-fund'],
        summary: 'Communities of my scope that keep a fund, with their balances',
        response: { 200: FundCommunityList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'community-fund.read');
      return listFundCommunities(db, actor.scopePath);
    },
  );

  app.get(
    '/community-funds/:communityCode',
    {
      schema: {
        tags: ['community-fund'],
        summary: "A community fund's ledger in my scope",
        params: FundCommunityParams,
        response: { 200: FundLedger },
      },
    },
    async (request) => {
      const actor = authorize(request, 'community-fund.read');
      return readFundLedger(db, actor, request.params.communityCode);
    },
  );

  app.get(
    '/community-funds/:communityCode/export.xlsx',
    {
      schema: {
        tags: ['community-fund'],
        summary: "A community fund's ledger and spendings with their five steps as an Excel workbook; audited",
        params: FundCommunityParams,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'community-fund.read');
      const now = new Date();
      const { bytes } = await exportFundLedger(db, actor, auditContextOf(request), {
        communityCode: request.params.communityCode,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        {
          ascii: `community-fund-${request.params.communityCode}`,
          localized: { 'zh-CN': '社区基金台账', 'en-US': 'community-fund' },
        },
        request.locale,
        now,
      );
    },
  );

  app.post(
    '/community-funds/income',
    {
      schema: {
        tags: ['community-fund'],
        summary:
          'Record money received by a community fund (government grant, donation, other), in fen. Idempotency-Key supported.',
        headers: IdempotencyHeaders,
        body: RecordFundIncomeBody,
        response: { 201: FundTransaction },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'community-fund.manage');
      const outcome = await recordFundIncome(db, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.post(
    '/community-funds/spendings',
    {
      schema: {
        tags: ['community-fund'],
        summary:
          'Propose a spending tied to a council decision (step 1 of five: the party organization proposes); a spending on the negative list is refused naming the rule. Idempotency-Key supported.',
        headers: IdempotencyHeaders,
        body: ProposeFundSpendingBody,
        response: { 201: FundSpending },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'community-fund.manage');
      const outcome = await proposeFundSpending(db, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.post(
    '/community-funds/spendings/:id/steps',
    {
      schema: {
        tags: ['community-fund'],
        summary:
          'Record the next of the five steps (resolve, implement = pay, inspect, oversee), in order, with who, when and a note',
        params: IdParams,
        body: RecordFundStepBody,
        response: { 200: FundSpending },
      },
    },
    async (request) => {
      const actor = authorize(request, 'community-fund.manage');
      const result = await recordFundStep(db, {
        actor,
        context: auditContextOf(request),
        spendingId: request.params.id,
        body: request.body,
        now: new Date(),
      });
      return result.value;
    },
  );

  app.get(
    '/community-funds/negative-rules',
    {
      schema: {
        tags: ['community-fund'],
        summary: 'The negative list: rules that hold for a community, or all set within my scope',
        querystring: FundNegativeRuleQuery,
        response: { 200: FundNegativeRuleList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'community-fund.read');
      return listNegativeRules(db, actor, request.query.communityCode);
    },
  );

  app.post(
    '/community-funds/negative-rules',
    {
      schema: {
        tags: ['community-fund'],
        summary:
          'Add a negative-list rule for a county, town or community of my scope (purposes and/or words it forbids)',
        body: AddFundNegativeRuleBody,
        response: { 201: FundNegativeRule },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'community-fund.manage');
      const result = await addNegativeRule(db, { actor, context: auditContextOf(request), body: request.body });
      return reply.status(201).send(result.value);
    },
  );
}
