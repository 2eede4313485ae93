import type { CreateRoutingRuleBody, RoutingRuleView } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { routingRulesRepository } from '../routing-rules.repository.js';
import { presentRules } from './list-routing-rules.js';
import { ruleColumnsOf } from './routing-rule-input.js';

/**
 * Adds a 六定 dispatch rule above `before` (or last), renumbering the order, with its audit
 * row. The rule gets the next code (R0151…); codes are never reused.
 */
export async function createRoutingRule(
  db: Db,
  actor: Actor,
  context: AuditContext,
  body: CreateRoutingRuleBody,
): Promise<RoutingRuleView> {
  const { before, ...rule } = body;
  return db.transaction(async (tx) => {
    await routingRulesRepository.lock(tx);
    const columns = await ruleColumnsOf(tx, actor, rule);
    const order = (await routingRulesRepository.active(tx)).map((r) => r);
    const index = before ? order.findIndex((r) => r.code === before) : order.length;
    if (index < 0)
      throw new DomainError('invalid-reference', { what: before ?? '' }, [{ field: 'before', code: 'invalid' }]);
    const code = `R${String(await routingRulesRepository.nextCodeNumber(tx)).padStart(4, '0')}`;
    const row = await routingRulesRepository.insert(tx, { ...columns, code, position: (index + 1) * 10 });
    order.splice(index, 0, row);
    await routingRulesRepository.renumber(
      tx,
      order.map((r) => r.id),
    );
    await recordAudit(tx, context, {
      action: 'routing-rule.create',
      objectType: 'routing-rule',
      objectId: code,
      details: { position: index + 1, rule: columns },
    });
    const [view] = await presentRules(tx, actor, [{ ...row, position: (index + 1) * 10 }]);
    return view as RoutingRuleView;
  });
}
