import type { RoutingRuleBody, RoutingRuleView } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { routingRulesRepository } from '../routing-rules.repository.js';
import { presentRules } from './list-routing-rules.js';
import { editableRule, ruleColumnsOf } from './routing-rule-input.js';

/** Changes what a rule matches and where it sends (its place in the order stays); audited with before and after. */
export async function updateRoutingRule(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { code: string; body: RoutingRuleBody },
): Promise<RoutingRuleView> {
  return db.transaction(async (tx) => {
    await routingRulesRepository.lock(tx);
    const row = await editableRule(tx, actor, input.code);
    const columns = await ruleColumnsOf(tx, actor, input.body);
    await routingRulesRepository.update(tx, row.id, columns);
    const { matterCode, matterCategory, regionPathPrefix, gridCode, unitId, postId, personUserId } = row;
    await recordAudit(tx, context, {
      action: 'routing-rule.update',
      objectType: 'routing-rule',
      objectId: row.code,
      details: {
        before: { matterCode, matterCategory, regionPathPrefix, gridCode, unitId, postId, personUserId },
        after: columns,
      },
    });
    const [view] = await presentRules(tx, actor, [{ ...row, ...columns }]);
    return view as RoutingRuleView;
  });
}
