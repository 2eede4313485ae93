import type { Locale, LocalizedText, RoutingSuggestion } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { accountsLookups } from '../../accounts/index.js';
import type { CatalogMatter } from '../../catalog/index.js';
import { regionsLookups } from '../../regions/index.js';
import { currentHolder, postsByIds, staffingLookups } from '../../staffing/index.js';
import { commandUnitsOfRegions, unitRefs, unitsLookups } from '../../units/index.js';
import { matterOfCase } from '../case-deps.js';
import { caseDispatchRepository } from '../case-dispatch.repository.js';
import { caseScopeOf } from '../case-scope.js';
import { caseTimelineRepository } from '../case-timeline.repository.js';
import { type CaseRow, casesRepository } from '../cases.repository.js';
import { type Escalation, routeEscalatedCase } from '../domain/escalated-routing.js';
import {
  type CaseToRoute,
  type RoutingContext,
  type RoutingResult,
  type RoutingRule,
  routeCase,
} from '../domain/routing.js';
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

/** Where 六定 routing sends the case `code` in the caller's scope (404 outside it), and why. */
export async function suggestCaseRouting(
  deps: { db: Db },
  options: { actor: Actor; code: string; at: Date; locale: Locale },
): Promise<RoutingSuggestion> {
  const { db } = deps;
  const row = await casesRepository.findInScope(db, options.code, caseScopeOf(options.actor));
  if (!row) throw new DomainError('not-found');
  return suggestRouting(db, row, await matterOfCase(db, row), options.at, options.locale);
}

/**
 * 六定 routing of a case: the first dispatch rule matching its matter and place, else the
 * command center of its level; a rule naming a post goes to whoever covers the post now
 * (A, or B while A is away). An escalated case is not sent back to the level that escalated
 * it (domain/escalated-routing.ts). Returns the unit, the person and why, in the caller's language.
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
  const escalation = row.snapshot.escalationCount > 0 ? await escalationOf(db, row, matter, subject.regionPath) : null;
  return routeSubject(
    db,
    subject,
    at,
    locale,
    await caseDispatchRepository.activeRoutingRules(db),
    { 'zh-CN': matter.name, 'en-US': matter.nameEn || matter.name },
    escalation,
  );
}

/** Who escalated the case (from its timeline) and the matter's lead department (unit `<county>-<department>`). */
async function escalationOf(
  db: Executor,
  row: CaseRow,
  matter: CatalogMatter,
  regionPath: string,
): Promise<Escalation> {
  const events = await caseTimelineRepository.eventsOf(db, row.id);
  const fromUnitIds = [
    ...new Set(
      events.flatMap(({ event }) =>
        event.type === 'escalated' && typeof event.details.fromCommandUnitId === 'string'
          ? [event.details.fromCommandUnitId]
          : [],
      ),
    ),
  ];
  const county = regionPath.split('/')[0] ?? '';
  const leadCode = matter.ownerUnitCodes[0];
  const lead = leadCode ? await unitsLookups.findByCode(db, `${county}-${leadCode}`) : undefined;
  return { fromUnitIds, leadDepartmentId: lead?.kind === 'department' ? lead.id : null };
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
  escalation: Escalation | null = null,
): Promise<RoutingSuggestion> {
  const { regionPath } = subject;
  const rules = ruleRows.map(routingRuleOf);
  const postIds = [...new Set(ruleRows.flatMap((r) => (r.postId ? [r.postId] : [])))];
  const posts = await postsByIds(db, postIds);
  const people = [...new Set(posts.flatMap((p) => [p.holderUserId, p.backupUserId]))];
  const absences = await staffingLookups.absencesOverlapping(db, at, new Date(at.getTime() + 1), people);
  const commandUnits = await commandUnitsOfRegions(db, regionPath.split('/'));
  const unitIds = [
    ...new Set([
      ...ruleRows.map((r) => r.unitId),
      ...commandUnits.values(),
      ...(escalation?.fromUnitIds ?? []),
      ...(escalation?.leadDepartmentId ? [escalation.leadDepartmentId] : []),
    ]),
  ];
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

  const context: RoutingContext = {
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
  };
  const result: RoutingResult = escalation
    ? routeEscalatedCase(subject, rules, context, at, escalation)
    : routeCase(subject, rules, context, at);
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
