import type { LocalizedText } from '@yiwang/contracts';
import { type CaseToRoute, type RoutingContext, type RoutingResult, type RoutingRule, routeCase } from './routing.js';

/** What routing must know of a case that came up from a lower level (上报升级). */
export interface Escalation {
  /** The command units that handed the case up: the upper level does not send it back to them. */
  readonly fromUnitIds: readonly string[];
  /** The matter's lead department (牵头部门), when the county has it as a unit. */
  readonly leadDepartmentId: string | null;
}

/**
 * 六定 routing of an escalated case. The lower level escalated because it could not solve the
 * case, so the rules that send the matter to it (a community-level matter's rule names its
 * workstation) are passed over; the next rule wins. With none left, the matter's lead
 * department takes it rather than the upper level's own command center, which is the
 * dispatcher asking: the escalation asked for someone who can act.
 */
export function routeEscalatedCase(
  subject: CaseToRoute,
  rules: readonly RoutingRule[],
  context: RoutingContext,
  at: Date,
  escalation: Escalation,
): RoutingResult {
  const skipped = new Set(escalation.fromUnitIds);
  const result = routeCase(
    subject,
    rules.filter((r) => !skipped.has(r.unitId)),
    context,
    at,
  );
  if (!result.ok) return result;
  const from = escalation.fromUnitIds.map((id) => context.unitName?.(id) ?? id);
  const passedOver: LocalizedText = {
    'zh-CN': `已由${from.join('、')}上报升级，不再派回；`,
    'en-US': `Escalated by ${from.join(', ')}, so not sent back there; `,
  };
  if (result.via === 'fallback' && escalation.leadDepartmentId !== null) {
    const lead = context.unitName?.(escalation.leadDepartmentId) ?? escalation.leadDepartmentId;
    return {
      ok: true,
      unitId: escalation.leadDepartmentId,
      via: 'fallback',
      reason: {
        'zh-CN': `${passedOver['zh-CN']}无其他匹配派单规则，派至事项牵头部门${lead}`,
        'en-US': `${passedOver['en-US']}no other dispatch rule matched, so the matter's lead department ${lead} takes it`,
      },
    };
  }
  return {
    ...result,
    reason: {
      'zh-CN': `${passedOver['zh-CN']}${result.reason['zh-CN']}`,
      'en-US': `${passedOver['en-US']}${result.reason['en-US']}`,
    },
  };
}
