import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { routingRulesRepository } from '../routing-rules.repository.js';
import { editableRule } from './routing-rule-input.js';

/**
 * Removes a rule from the order. The row stays, inactive, so its code is never given to
 * another rule and old routing explanations still name something; audited.
 */
export async function deleteRoutingRule(db: Db, actor: Actor, context: AuditContext, code: string): Promise<void> {
  await db.transaction(async (tx) => {
    await routingRulesRepository.lock(tx);
    const row = await editableRule(tx, actor, code);
    await routingRulesRepository.deactivate(tx, row.id);
    const rest = (await routingRulesRepository.active(tx)).map((r) => r.id);
    await routingRulesRepository.renumber(tx, rest);
    const { matterCode, matterCategory, regionPathPrefix, gridCode, unitId, postId, personUserId, position } = row;
    await recordAudit(tx, context, {
      action: 'routing-rule.delete',
      objectType: 'routing-rule',
      objectId: row.code,
      details: {
        position,
        rule: { matterCode, matterCategory, regionPathPrefix, gridCode, unitId, postId, personUserId },
      },
    });
  });
}
