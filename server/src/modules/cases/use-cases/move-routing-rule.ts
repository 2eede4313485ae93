import type { RoutingRuleView } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { routingRulesRepository } from '../routing-rules.repository.js';
import { presentRules } from './list-routing-rules.js';
import { editableRule } from './routing-rule-input.js';

/**
 * Moves a rule just above `before` (null: to the end) — the order is what decides, the
 * first match wins. Only the moved rule must be the caller's: moving a town's rule above
 * a county-wide one changes routing in that town only. Audited with both positions.
 */
export async function moveRoutingRule(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { code: string; before: string | null },
): Promise<RoutingRuleView> {
  return db.transaction(async (tx) => {
    await routingRulesRepository.lock(tx);
    const row = await editableRule(tx, actor, input.code);
    const order = await routingRulesRepository.active(tx);
    const from = order.findIndex((r) => r.id === row.id);
    const rest = order.filter((r) => r.id !== row.id);
    const to = input.before === null ? rest.length : rest.findIndex((r) => r.code === input.before);
    if (to < 0 || input.before === row.code) {
      throw new DomainError('invalid-reference', { what: input.before ?? '' }, [{ field: 'before', code: 'invalid' }]);
    }
    rest.splice(to, 0, row);
    await routingRulesRepository.renumber(
      tx,
      rest.map((r) => r.id),
    );
    await recordAudit(tx, context, {
      action: 'routing-rule.move',
      objectType: 'routing-rule',
      objectId: row.code,
      details: { from: from + 1, to: to + 1, before: input.before },
    });
    const [view] = await presentRules(tx, actor, [{ ...row, position: (to + 1) * 10 }]);
    return view as RoutingRuleView;
  });
}
