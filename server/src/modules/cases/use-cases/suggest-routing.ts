import type { Locale, LocalizedText, RoutingSuggestion } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { accountsLookups } from '../../accounts/index.js';
import type { CatalogMatter } from '../../catalog/index.js';
import { regionsLookups } from '../../regions/index.js';
import { currentHolder, postsByIds, staffingLookups } from '../../staffing/index.js';
import { commandUnitsOfRegions, unitRefs } from '../../units/index.js';
import { caseDispatchRepository } from '../case-dispatch.repository.js';
import type { CaseRow } from '../cases.repository.js';
import { type CaseToRoute, type RoutingResult, type RoutingRule, routeCase } from '../domain/routing.js';
import { unitRef } from '../present-case.js';
import type { RoutingRuleRow } from '../routing-rules.repository.js';
import { regionCodeOfPrefix, routingNames } from './routing-names.js';

/** A stored rule as the pure router reads it (the rule's code names it in the explanation). */
export function routingRuleOf(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.code,
    matter: row.matterCode
      ? { matterCode: row.matterCode }
      : row.matterCategory
        ? { matterCategory: row.matterCategory }
        : '*',
    place: row.gridCode
      ? { gridCode: row.gridCode }
      : row.regionPathPrefix
        ? { regionPathPrefix: row.regionPathPrefix }
        : '*',
    unitId: row.unitId,
    ...(row.postId ? { postId: row.postId } : {}),
    ...(row.personUserId ? { personUserId: row.personUserId } : {}),
  };
}

/**
 * 六定 routing of a case: the first dispatch rule matching its matter and place, else the
 * command center of its level; a rule naming a post goes to whoever covers the post now
 * (A, or B while A is away). Returns the unit, the person and why, in the caller's language.
 */
export async function suggestRouting(
  db: Executor,
  row: CaseRow,
  matter: CatalogMatter,
  at: Date,
  locale: Locale,
): Promise<RoutingSuggestion> {
  const region = await regionsLookups.findByCode(db, row.regionCode);
  const subject: CaseToRoute = {
    matterCode: row.matterCode,
    matterCategory: matter.category,
    handlingLevel: row.level,
    regionPath: region?.path ?? row.regionCode,
    gridCode: row.gridCode,
  };
  return routeSubject(db, subject, at, locale, await caseDispatchRepository.activeRoutingRules(db), {
    'zh-CN': matter.name,
    'en-US': matter.nameEn || matter.name,
  });
}

/**
 * Routes anything shaped like a case (a case, or a matter and a point being tried out) over
 * these rules; the explanation names the matter, grids, regions and posts, not their codes.
 */
export async function routeSubject(
  db: Executor,
  subject: CaseToRoute,
  at: Date,
  locale: Locale,
  ruleRows: readonly RoutingRuleRow[],
  matterName?: LocalizedText,
): Promise<RoutingSuggestion> {
  const { regionPath } = subject;
  const rules = ruleRows.map(routingRuleOf);
  const postIds = [...new Set(ruleRows.flatMap((r) => (r.postId ? [r.postId] : [])))];
  const posts = await postsByIds(db, postIds);
  const people = [...new Set(posts.flatMap((p) => [p.holderUserId, p.backupUserId]))];
  const absences = await staffingLookups.absencesOverlapping(db, at, new Date(at.getTime() + 1), people);
  const commandUnits = await commandUnitsOfRegions(db, regionPath.split('/'));
  const unitIds = [...new Set([...ruleRows.map((r) => r.unitId), ...commandUnits.values()])];
  const units = new Map((await unitRefs(db, unitIds)).map((u) => [u.id, u]));
  const names = await routingNames(db, {
    gridCodes: ruleRows.flatMap((r) => (r.gridCode ? [r.gridCode] : [])),
    regionCodes: [
      ...regionPath.split('/'),
      ...ruleRows.flatMap((r) => (r.regionPathPrefix ? [regionCodeOfPrefix(r.regionPathPrefix)] : [])),
    ],
    posts,
    ...(matterName ? { matters: new Map([[subject.matterCode, matterName]]) } : {}),
  });

  const result: RoutingResult = routeCase(
    subject,
    rules,
    {
      commandUnitOf: (code) => commandUnits.get(code),
      currentHolder: (postId, when) => {
        const post = posts.find((p) => p.id === postId);
        if (!post) return null;
        const cover = currentHolder(post, absences, when);
        if (cover.userId === null) return null;
        return { userId: cover.userId, post: cover.by === 'holder' ? 'A' : 'B' };
      },
      unitName: (id) => units.get(id)?.name,
      names,
    },
    at,
  );
  if (!result.ok) {
    return { ok: false, unit: null, person: null, ruleCode: null, via: null, reason: result.explanation[locale] };
  }
  const unit = units.get(result.unitId);
  const person = result.personId ? await accountsLookups.findUserById(db, result.personId) : undefined;
  return {
    ok: true,
    unit: unit ? unitRef(unit) : null,
    person: person ? { id: person.id, displayName: person.displayName } : null,
    ruleCode: result.ruleId ?? null,
    via: result.via,
    reason: result.reason[locale],
  };
}
