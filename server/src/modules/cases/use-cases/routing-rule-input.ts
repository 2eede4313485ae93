import type { RoutingRuleBody, RoutingRuleView } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { accountsLookups } from '../../accounts/index.js';
import { catalogLookups } from '../../catalog/index.js';
import { gridsLookups } from '../../grids/index.js';
import { regionsLookups } from '../../regions/index.js';
import { postsByIds } from '../../staffing/index.js';
import { unitsLookups } from '../../units/index.js';
import { type NewRoutingRuleRow, type RoutingRuleRow, routingRulesRepository } from '../routing-rules.repository.js';
import { routingRuleOf } from './suggest-routing.js';

type RuleColumns = Pick<
  NewRoutingRuleRow,
  'matterCode' | 'matterCategory' | 'regionPathPrefix' | 'gridCode' | 'unitId' | 'postId' | 'personUserId'
>;

const missing = (what: string, field: string) =>
  new DomainError('invalid-reference', { what }, [{ field, code: 'invalid' }]);

/** The county: the root of every scope path. A rule for "anywhere" is a rule for the county. */
const rootOf = (scopePath: string) => scopePath.split('/')[0] as string;

async function placeOutOfScope(db: Executor, actor: Actor): Promise<DomainError> {
  const scope = await regionsLookups.findByCode(db, actor.scopeRegionCode);
  return new DomainError('routing-place-out-of-scope', { scope: scope?.name ?? actor.scopeRegionCode }, [
    { field: 'place', code: 'invalid' },
  ]);
}

/**
 * A rule as written by an operator, checked and turned into columns: the matter exists in
 * the catalog; the region or grid exists within the caller's scope (one outside it is not
 * found, as everywhere); a rule for the whole county needs a county-wide scope; the unit,
 * post and person exist within the caller's scope.
 */
export async function ruleColumnsOf(db: Executor, actor: Actor, body: RoutingRuleBody): Promise<RuleColumns> {
  const columns: RuleColumns = {
    matterCode: null,
    matterCategory: null,
    regionPathPrefix: null,
    gridCode: null,
    unitId: body.unitId,
    postId: body.postId ?? null,
    personUserId: body.personUserId ?? null,
  };
  if (body.matter !== '*') {
    if ('matterCode' in body.matter) {
      if (!(await catalogLookups.findCurrent(db, body.matter.matterCode)))
        throw missing(body.matter.matterCode, 'matter.matterCode');
      columns.matterCode = body.matter.matterCode;
    } else {
      columns.matterCategory = body.matter.matterCategory;
    }
  }
  if (body.place === '*') {
    if (actor.scopePath !== rootOf(actor.scopePath)) throw await placeOutOfScope(db, actor);
  } else if ('regionCode' in body.place) {
    const region = await regionsLookups.findInScope(db, body.place.regionCode, actor.scopePath);
    if (!region) throw missing(body.place.regionCode, 'place.regionCode');
    columns.regionPathPrefix = region.path;
  } else {
    const grid = await gridsLookups.findCurrentInScope(db, body.place.gridCode, actor.scopePath);
    if (!grid) throw missing(body.place.gridCode, 'place.gridCode');
    // A case is placed in a base grid; a rule for a larger one would never match (use its region).
    if (grid.level !== 3) throw new DomainError('validation', {}, [{ field: 'place.gridCode', code: 'base-grid' }]);
    columns.gridCode = grid.code;
  }
  if (!(await unitsLookups.findInScope(db, body.unitId, actor.scopePath))) throw missing(body.unitId, 'unitId');
  if (columns.postId) {
    const [post] = await postsByIds(db, [columns.postId]);
    const grid = post && (await gridsLookups.findCurrentInScope(db, post.gridCode, actor.scopePath));
    if (!grid) throw missing(columns.postId, 'postId');
  }
  if (columns.personUserId && !(await accountsLookups.findUserInScope(db, columns.personUserId, actor.scopePath)))
    throw missing(columns.personUserId, 'personUserId');
  return columns;
}

/**
 * The path of the place each rule is for: a region prefix as it is, a grid's path, the
 * county (`root`) for "anywhere". A rule whose place lies within a caller's scope is
 * theirs to edit; one whose grid is gone from the map has no place (nobody's but the county's).
 */
export async function placePathsOf(
  db: Executor,
  rows: readonly RoutingRuleRow[],
  root: string,
): Promise<Map<string, string>> {
  const gridCodes = [...new Set(rows.flatMap((r) => (r.gridCode ? [r.gridCode] : [])))];
  const grids = new Map((await gridsLookups.findCurrentByCodes(db, gridCodes)).map((g) => [g.code, g.path]));
  return new Map(rows.map((r) => [r.id, r.regionPathPrefix ?? (r.gridCode ? (grids.get(r.gridCode) ?? root) : root)]));
}

/** The county root of a caller's scope. */
export const countyOf = (actor: Actor) => rootOf(actor.scopePath);

/** An active rule the caller may change (its place within the caller's scope); any other is not found. */
export async function editableRule(db: Executor, actor: Actor, code: string): Promise<RoutingRuleRow> {
  const row = await routingRulesRepository.findActive(db, code);
  if (!row) throw new DomainError('not-found');
  const path = (await placePathsOf(db, [row], countyOf(actor))).get(row.id);
  if (!path || !isPathWithin(path, actor.scopePath)) throw new DomainError('not-found');
  return row;
}

/** A stored rule as the API shows it. */
export function presentRule(
  row: RoutingRuleRow,
  unit: { id: string; code: string; name: string } | undefined,
  editable: boolean,
  names: Pick<RoutingRuleView, 'placeName' | 'postName' | 'personName'>,
): RoutingRuleView {
  const rule = routingRuleOf(row);
  return {
    code: row.code,
    position: row.position,
    matter: rule.matter,
    place:
      rule.place !== '*' && 'regionPathPrefix' in rule.place
        ? {
            regionPathPrefix: rule.place.regionPathPrefix,
            regionCode: rule.place.regionPathPrefix.split('/').at(-1) as string,
          }
        : rule.place,
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name } : { id: row.unitId, code: '', name: '' },
    postId: row.postId,
    personUserId: row.personUserId,
    ...names,
    editable,
  };
}
