import type { Executor } from '../../../db/client.js';
import { casesRepository } from '../cases.repository.js';
import { unitRef } from '../present-case.js';
import { routingRuleOf } from './suggest-routing.js';

/** The dispatch rules (派单目录) in the order they are tried. */
export async function listRoutingRules(db: Executor) {
  const rows = await casesRepository.activeRoutingRules(db);
  const units = new Map(
    (await casesRepository.unitRefs(db, [...new Set(rows.map((r) => r.unitId))])).map((u) => [u.id, u]),
  );
  const items = rows.map((row) => {
    const rule = routingRuleOf(row);
    const unit = units.get(row.unitId);
    return {
      code: row.code,
      position: row.position,
      matter: rule.matter,
      place: rule.place,
      unit: unit ? unitRef(unit) : { id: row.unitId, code: '', name: '' },
      postId: row.postId,
      personUserId: row.personUserId,
    };
  });
  return { items, total: items.length };
}
