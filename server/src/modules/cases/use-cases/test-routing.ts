import type { Locale, TestRoutingBody, TestRoutingResult } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import type { GridLocator } from '../../grids/index.js';
import { regionsLookups } from '../../regions/index.js';
import { reportableMatter } from '../case-deps.js';
import { placeAtPoint } from '../case-placement.js';
import { type CaseToRoute, rulesPassedOver } from '../domain/routing.js';
import { routingRulesRepository } from '../routing-rules.repository.js';
import { presentRules } from './list-routing-rules.js';
import { routeSubject, routingRuleOf } from './suggest-routing.js';

/**
 * "Which rule would take this?": a matter and a point, placed and routed exactly as a new
 * case would be (the same rules, A/B posts and fallback), with the rule that matched, why,
 * and the rules for the same matter passed over because their place does not hold the point.
 */
export async function testRouting(
  deps: { db: Db; locator: GridLocator },
  actor: Actor,
  body: TestRoutingBody,
  options: { now: Date; locale: Locale },
): Promise<TestRoutingResult> {
  const { db } = deps;
  const matter = await reportableMatter(db, body.matterCode);
  const place = await placeAtPoint(db, deps.locator, [body.point.lon, body.point.lat], body.point.crs);
  if (!isPathWithin(place.path, actor.scopePath)) {
    const scope = await regionsLookups.findByCode(db, actor.scopeRegionCode);
    throw new DomainError('routing-place-out-of-scope', { scope: scope?.name ?? actor.scopeRegionCode }, [
      { field: 'point', code: 'invalid' },
    ]);
  }
  const subject: CaseToRoute = {
    matterCode: matter.code,
    matterCategory: matter.category,
    handlingLevel: matter.handlingLevel,
    regionPath: place.regionPath,
    gridCode: place.gridCode,
  };
  const rows = await routingRulesRepository.active(db);
  const routing = await routeSubject(db, subject, options.now, options.locale, rows, {
    'zh-CN': matter.name,
    'en-US': matter.nameEn || matter.name,
  });
  const matched = rows.find((r) => r.code === routing.ruleCode);
  const passedCodes = new Set(rulesPassedOver(subject, rows.map(routingRuleOf)).map((r) => r.id));
  const shown = await presentRules(db, actor, [
    ...(matched ? [matched] : []),
    ...rows.filter((r) => passedCodes.has(r.code)),
  ]);
  return {
    matter: {
      code: matter.code,
      name: options.locale === 'en-US' ? matter.nameEn : matter.name,
      category: matter.category,
      level: matter.handlingLevel,
    },
    place: {
      gridCode: place.gridCode,
      gridName: options.locale === 'en-US' ? (place.gridNameEn ?? place.gridName) : place.gridName,
      regionCode: place.regionCode,
      regionName: options.locale === 'en-US' ? place.regionNameEn : place.regionName,
      regionPath: place.regionPath,
    },
    routing,
    rule: matched ? (shown[0] ?? null) : null,
    passedOver: matched ? shown.slice(1) : shown,
  };
}
