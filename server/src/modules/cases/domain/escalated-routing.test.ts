import { describe, expect, it } from 'vitest';
import { routeEscalatedCase } from './escalated-routing.js';
import type { CaseToRoute, RoutingContext, RoutingRule } from './routing.js';

const TOWN = '320281001';
const COMMUNITY = '320281001001';
const WS = `${COMMUNITY}-WS`;
const TOWN_CC = `${TOWN}-CC`;
const URBAN = '320281-urban';
const SQUAD = `${TOWN}-squad`;
const names: Record<string, string> = {
  [WS]: '文定社区网格工作站',
  [TOWN_CC]: '澄江街道网格化服务管理中心',
  [URBAN]: '市城市管理局',
  [SQUAD]: '澄江街道综合执法中队',
};
const context: RoutingContext = {
  commandUnitOf: (code) => (code === COMMUNITY ? WS : code === TOWN ? TOWN_CC : undefined),
  currentHolder: () => null,
  unitName: (id) => names[id],
};
// Escalated from the community: the case now sits at the town level.
const subject: CaseToRoute = {
  matterCode: 'CG-0302',
  matterCategory: 'urban_management',
  handlingLevel: 'town',
  regionPath: `320281/${TOWN}/${COMMUNITY}`,
  gridCode: null,
};
const AT = new Date('2026-05-12T02:00:00Z');
const workstationRule: RoutingRule = {
  id: 'R1',
  matter: { matterCode: 'CG-0302' },
  place: { regionPathPrefix: `320281/${TOWN}/${COMMUNITY}` },
  unitId: WS,
};

describe('routing an escalated case', () => {
  it('never sends it back to the unit that escalated it: the matter’s lead department, by name', () => {
    const result = routeEscalatedCase(subject, [workstationRule], context, AT, {
      fromUnitIds: [WS],
      leadDepartmentId: URBAN,
    });
    expect(result).toMatchObject({ ok: true, unitId: URBAN, via: 'fallback' });
    if (!result.ok) throw new Error('routed');
    expect(result.reason['zh-CN']).toBe(
      '已由文定社区网格工作站上报升级，不再派回；无其他匹配派单规则，派至事项牵头部门市城市管理局',
    );
    expect(result.reason['en-US']).toContain('lead department 市城市管理局');
  });

  it('takes the next rule that does not lead back down', () => {
    const squadRule: RoutingRule = { id: 'R2', matter: { matterCode: 'CG-0302' }, place: '*', unitId: SQUAD };
    const result = routeEscalatedCase(subject, [workstationRule, squadRule], context, AT, {
      fromUnitIds: [WS],
      leadDepartmentId: URBAN,
    });
    expect(result).toMatchObject({ ok: true, unitId: SQUAD, ruleId: 'R2', via: 'rule' });
  });

  it('without a lead department, the upper level’s command center dispatches it by hand', () => {
    const result = routeEscalatedCase(subject, [workstationRule], context, AT, {
      fromUnitIds: [WS],
      leadDepartmentId: null,
    });
    expect(result).toMatchObject({ ok: true, unitId: TOWN_CC, via: 'fallback' });
  });
});
