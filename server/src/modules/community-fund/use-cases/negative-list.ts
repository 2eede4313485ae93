import type { AddFundNegativeRuleBody, FundNegativeRule, FundNegativeRuleList } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { communityFundRepository } from '../community-fund.repository.js';
import { fundCommunityInScope, regionInScope } from '../fund-community.js';
import { presentNegativeRule } from '../present-fund.js';

/** The negative list: the rules that hold for a community (its own and wider ones), or those set within my scope. */
export async function listNegativeRules(
  db: Executor,
  actor: Actor,
  communityCode: string | undefined,
): Promise<FundNegativeRuleList> {
  const rows = communityCode
    ? await communityFundRepository.rulesFor(db, (await fundCommunityInScope(db, communityCode, actor.scopePath)).path)
    : await communityFundRepository.rulesInScope(db, actor.scopePath);
  return { items: rows.map(presentNegativeRule) };
}

/** Adds a rule for a county, town or community in my scope; it holds for every community under it. */
export async function addNegativeRule(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: AddFundNegativeRuleBody },
): Promise<{ kind: 'created'; value: FundNegativeRule }> {
  const { actor, context, body } = options;
  const region = await regionInScope(db, body.regionCode, actor.scopePath, 'regionCode');
  const keywords = [...new Set(body.keywords.map((k) => k.trim()).filter((k) => k !== ''))];
  return db.transaction(async (tx) => {
    const row = await communityFundRepository.insertRule(tx, {
      regionCode: region.code,
      path: region.path,
      name: body.name.trim(),
      purposes: body.purposes,
      keywords,
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, context, {
      action: 'fund.add-negative-rule',
      objectType: 'fund-negative-rule',
      objectId: row.id,
      scopePath: region.path,
      details: { regionCode: region.code, name: row.name, purposes: row.purposes, keywords: row.keywords },
    });
    return { kind: 'created', value: presentNegativeRule(row) };
  });
}
