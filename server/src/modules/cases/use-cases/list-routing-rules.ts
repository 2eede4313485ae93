import type { Locale, RoutingRuleList } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { accountsLookups, can } from '../../accounts/index.js';
import { postsByIds } from '../../staffing/index.js';
import { unitRefs } from '../../units/index.js';
import { type RoutingRuleRow, routingRulesRepository } from '../routing-rules.repository.js';
import { regionCodeOfPrefix, routingNames } from './routing-names.js';
import { countyOf, placePathsOf, presentRule } from './routing-rule-input.js';

/** Rules as the API shows them, each marked whether this caller may change it. */
export async function presentRules(db: Executor, actor: Actor, rows: readonly RoutingRuleRow[]) {
  const units = new Map((await unitRefs(db, [...new Set(rows.map((r) => r.unitId))])).map((u) => [u.id, u]));
  const paths = await placePathsOf(db, rows, countyOf(actor));
  const manages = can(actor.roles, 'routing.manage');
  const locale = actor.locale as Locale;
  const names = await routingNames(db, {
    gridCodes: rows.flatMap((r) => (r.gridCode ? [r.gridCode] : [])),
    regionCodes: rows.flatMap((r) => (r.regionPathPrefix ? [regionCodeOfPrefix(r.regionPathPrefix)] : [])),
    posts: await postsByIds(db, [...new Set(rows.flatMap((r) => (r.postId ? [r.postId] : [])))]),
  });
  const personIds = [...new Set(rows.flatMap((r) => (r.personUserId ? [r.personUserId] : [])))];
  const people = new Map(
    (await Promise.all(personIds.map((id) => accountsLookups.findUserById(db, id)))).flatMap((u) =>
      u ? [[u.id, u.displayName] as const] : [],
    ),
  );
  return rows.map((row) => {
    const path = paths.get(row.id);
    const placeName = row.gridCode
      ? (names.grid(row.gridCode)?.[locale] ?? row.gridCode)
      : row.regionPathPrefix
        ? (names.region(regionCodeOfPrefix(row.regionPathPrefix))?.[locale] ?? row.regionPathPrefix)
        : null;
    return presentRule(
      row,
      units.get(row.unitId),
      manages && path !== undefined && isPathWithin(path, actor.scopePath),
      {
        placeName,
        postName: row.postId ? (names.post(row.postId)?.[locale] ?? null) : null,
        personName: row.personUserId ? (people.get(row.personUserId) ?? null) : null,
      },
    );
  });
}

/**
 * The dispatch rules (派单目录) in the order they are tried, the whole county's: a rule
 * elsewhere can still be the first to match a case here. The caller may change those
 * whose place lies within their scope.
 */
export async function listRoutingRules(db: Executor, actor: Actor): Promise<RoutingRuleList> {
  const items = await presentRules(db, actor, await routingRulesRepository.active(db));
  return { items, total: items.length };
}
