import {
  CreateRoutingRuleBody,
  MoveRoutingRuleBody,
  RoutingRuleBody,
  RoutingRuleCodeParams,
  RoutingRuleList,
  RoutingRuleView,
  TestRoutingBody,
  TestRoutingResult,
} from '@yiwang/contracts';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import type { CaseDeps } from './case-deps.js';
import { createRoutingRule } from './use-cases/create-routing-rule.js';
import { deleteRoutingRule } from './use-cases/delete-routing-rule.js';
import { listRoutingRules } from './use-cases/list-routing-rules.js';
import { moveRoutingRule } from './use-cases/move-routing-rule.js';
import { testRouting } from './use-cases/test-routing.js';
import { updateRoutingRule } from './use-cases/update-routing-rule.js';

/** The 六定 dispatch rules (派单目录): read by every dispatcher, kept by operators for their scope. */
export function routingRulesRoutes(app: App, deps: Pick<CaseDeps, 'db' | 'locator'>) {
  const { db } = deps;

  app.get(
    '/cases/routing-rules',
    {
      schema: {
        tags: ['routing'],
        summary: '六定 dispatch rules in order (first match wins); `editable` marks those within the caller’s scope',
        response: { 200: RoutingRuleList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.operate');
      return listRoutingRules(db, actor);
    },
  );

  app.post(
    '/cases/routing-rules',
    {
      schema: {
        tags: ['routing'],
        summary:
          'Add a rule (matter × region or grid → unit, post or person) above `before` or last; place and unit within the caller’s scope (audited)',
        body: CreateRoutingRuleBody,
        response: { 201: RoutingRuleView },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'routing.manage');
      const rule = await createRoutingRule(db, actor, auditContextOf(request), request.body);
      return reply.status(201).send(rule);
    },
  );

  app.post(
    '/cases/routing-rules/test',
    {
      schema: {
        tags: ['routing'],
        summary: 'Which rule would take a case of this matter at this point, and why (nothing is stored)',
        body: TestRoutingBody,
        response: { 200: TestRoutingResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.operate');
      return testRouting(deps, actor, request.body, { now: new Date(), locale: request.locale });
    },
  );

  app.put(
    '/cases/routing-rules/:code',
    {
      schema: {
        tags: ['routing'],
        summary: 'Change what a rule matches and where it sends; its place in the order stays (audited)',
        params: RoutingRuleCodeParams,
        body: RoutingRuleBody,
        response: { 200: RoutingRuleView },
      },
    },
    async (request) => {
      const actor = authorize(request, 'routing.manage');
      return updateRoutingRule(db, actor, auditContextOf(request), { code: request.params.code, body: request.body });
    },
  );

  app.delete(
    '/cases/routing-rules/:code',
    {
      schema: {
        tags: ['routing'],
        summary: 'Remove a rule from the order (its code is not reused) (audited)',
        params: RoutingRuleCodeParams,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'routing.manage');
      await deleteRoutingRule(db, actor, auditContextOf(request), request.params.code);
      return reply.status(204).send();
    },
  );

  app.post(
    '/cases/routing-rules/:code/move',
    {
      schema: {
        tags: ['routing'],
        summary: 'Move a rule just above `before` (null: to the end) (audited)',
        params: RoutingRuleCodeParams,
        body: MoveRoutingRuleBody,
        response: { 200: RoutingRuleView },
      },
    },
    async (request) => {
      const actor = authorize(request, 'routing.manage');
      return moveRoutingRule(db, actor, auditContextOf(request), {
        code: request.params.code,
        before: request.body.before,
      });
    },
  );
}
