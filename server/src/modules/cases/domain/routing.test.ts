import { describe, expect, it } from 'vitest';
import {
  type CaseToRoute,
  type PostHolder,
  type RoutingContext,
  type RoutingRule,
  routeCase,
  rulesPassedOver,
} from './routing.js';

const COUNTY = '320281';
const TOWN = '320281001'; // 澄江街道
const COMMUNITY = '320281001001'; // 文定社区
const OTHER_TOWN = '320281100';

const AT = new Date('2026-05-12T02:00:00Z');

const units: Record<string, string> = {
  [`${COUNTY}-CC`]: '江阴市网格化社会治理指挥中心',
  [`${TOWN}-CC`]: '澄江街道网格化服务管理中心',
  [`${COMMUNITY}-WS`]: '文定社区网格工作站',
  [`${COUNTY}-urban`]: '市城市管理局',
  [`${COUNTY}-watersupply`]: '江阴市自来水公司',
  [`${TOWN}-squad`]: '澄江街道综合执法中队',
};

function context(holders: Record<string, PostHolder | null> = {}, withCommand = [COUNTY, TOWN, COMMUNITY]) {
  const asked: { postId: string; at: Date }[] = [];
  const ctx: RoutingContext = {
    commandUnitOf: (code) =>
      withCommand.includes(code) ? (code.length === 12 ? `${code}-WS` : `${code}-CC`) : undefined,
    currentHolder: (postId, at) => {
      asked.push({ postId, at });
      return holders[postId] ?? null;
    },
    unitName: (id) => units[id],
  };
  return { ctx, asked };
}

const subject = (over: Partial<CaseToRoute> = {}): CaseToRoute => ({
  matterCode: 'CG-0101',
  matterCategory: 'urban_management',
  handlingLevel: 'town',
  regionPath: `${COUNTY}/${TOWN}/${COMMUNITY}`,
  gridCode: 'G-001',
  ...over,
});

const rules: RoutingRule[] = [
  { id: 'R1', matter: { matterCode: 'CG-0101' }, place: { gridCode: 'G-009' }, unitId: `${COUNTY}-watersupply` },
  {
    id: 'R2',
    matter: { matterCode: 'CG-0101' },
    place: { regionPathPrefix: `${COUNTY}/${TOWN}` },
    unitId: `${TOWN}-squad`,
    postId: 'P-squad-duty',
  },
  {
    id: 'R3',
    matter: { matterCategory: 'urban_management' },
    place: '*',
    unitId: `${COUNTY}-urban`,
    personUserId: 'u-urban-1',
  },
];

describe('routeCase — rules', () => {
  it('takes the first matching rule', () => {
    const { ctx } = context({ 'P-squad-duty': { userId: 'u-a', post: 'A' } });
    const result = routeCase(subject(), rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, unitId: `${TOWN}-squad`, personId: 'u-a', ruleId: 'R2', via: 'rule' });
    if (result.ok) {
      expect(result.reason['zh-CN']).toContain('命中派单规则 R2');
      expect(result.reason['zh-CN']).toContain('澄江街道综合执法中队');
      expect(result.reason['en-US']).toContain('Dispatch rule R2 matched');
    }
  });

  it('a grid rule wins when it is listed first', () => {
    const { ctx } = context();
    const result = routeCase(subject({ gridCode: 'G-009' }), rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, unitId: `${COUNTY}-watersupply`, ruleId: 'R1' });
    expect(result.ok && result.personId).toBeUndefined();
  });

  it('a region prefix matches whole segments only', () => {
    const { ctx } = context();
    // 3202810010… is not inside 320281/320281001 although the strings share a prefix.
    const result = routeCase(subject({ regionPath: `${COUNTY}/3202810010` }), rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, ruleId: 'R3' });
  });

  it('falls through to a category rule with a fixed person', () => {
    const { ctx } = context();
    const result = routeCase(subject({ regionPath: `${COUNTY}/${OTHER_TOWN}` }), rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, unitId: `${COUNTY}-urban`, personId: 'u-urban-1', ruleId: 'R3' });
    if (result.ok) expect(result.reason['zh-CN']).toContain('类别 城市管理');
  });

  it('honours the A/B post: the backup takes over when the holder is away', () => {
    const { ctx, asked } = context({ 'P-squad-duty': { userId: 'u-b', post: 'B' } });
    const result = routeCase(subject(), rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, personId: 'u-b' });
    if (result.ok) {
      expect(result.reason['zh-CN']).toContain('B 岗代岗');
      expect(result.reason['en-US']).toContain('backup (B)');
    }
    expect(asked).toEqual([{ postId: 'P-squad-duty', at: AT }]);
  });

  it('leaves the person open when neither A nor B is present', () => {
    const { ctx } = context({ 'P-squad-duty': null });
    const result = routeCase(subject(), rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, unitId: `${TOWN}-squad`, ruleId: 'R2' });
    expect(result.ok && 'personId' in result).toBe(false);
    if (result.ok) expect(result.reason['zh-CN']).toContain('均不在岗');
  });

  it('explains in names — matter, region, post, and the fallback’s region — when the caller gives them', () => {
    const names: RoutingContext['names'] = {
      matter: (code) => (code === 'CG-0101' ? { 'zh-CN': '井盖缺失', 'en-US': 'Missing manhole cover' } : undefined),
      region: (code) => ({ [TOWN]: { 'zh-CN': '澄江街道', 'en-US': 'Chengjiang' } })[code] ?? undefined,
      post: (id) =>
        id === 'P-squad-duty' ? { 'zh-CN': '第1网格网格员', 'en-US': 'Grid worker of grid 1' } : undefined,
    };
    const { ctx } = context({ 'P-squad-duty': { userId: 'u-a', post: 'A' } });
    const byRule = routeCase(subject(), rules, { ...ctx, names }, AT);
    if (!byRule.ok) throw new Error('routed');
    expect(byRule.reason['zh-CN']).toBe(
      '命中派单规则 R2（事项 井盖缺失，区域 澄江街道），派至澄江街道综合执法中队；岗位 第1网格网格员 由 A 岗承办',
    );
    expect(byRule.reason['en-US']).toContain('(matter Missing manhole cover, region Chengjiang)');
    expect(byRule.reason['en-US']).toContain('post Grid worker of grid 1 is handled by its holder (A)');

    const fallback = routeCase(subject({ regionPath: `${COUNTY}/${TOWN}` }), [], { ...ctx, names }, AT);
    if (!fallback.ok) throw new Error('routed');
    expect(fallback.reason['zh-CN']).toBe(
      '无匹配派单规则；事项 井盖缺失 由镇（街道）级处置，转澄江街道网格化服务管理中心（澄江街道）派遣',
    );
  });

  it('a "*" rule matches everything', () => {
    const { ctx } = context();
    const result = routeCase(
      subject({ matterCode: 'MS-0101', matterCategory: 'livelihood_service' }),
      [{ id: 'ANY', matter: '*', place: '*', unitId: `${COUNTY}-CC` }],
      ctx,
      AT,
    );
    expect(result).toMatchObject({ ok: true, ruleId: 'ANY', unitId: `${COUNTY}-CC` });
  });
});

describe('routeCase — fallback to the command center of the handling level', () => {
  const livelihood = subject({ matterCode: 'MS-0101', matterCategory: 'livelihood_service' });

  it('community matter → the community workstation', () => {
    const { ctx } = context();
    const result = routeCase({ ...livelihood, handlingLevel: 'community' }, rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, unitId: `${COMMUNITY}-WS`, via: 'fallback' });
    expect(result.ok && result.ruleId).toBeUndefined();
    if (result.ok) expect(result.reason['zh-CN']).toContain('文定社区网格工作站');
  });

  it('town matter → the town command center', () => {
    const { ctx } = context();
    expect(routeCase({ ...livelihood, handlingLevel: 'town' }, rules, ctx, AT)).toMatchObject({
      ok: true,
      unitId: `${TOWN}-CC`,
    });
  });

  it('city matter → the city command center, never pushed down', () => {
    const { ctx } = context();
    expect(routeCase({ ...livelihood, handlingLevel: 'city' }, rules, ctx, AT)).toMatchObject({
      ok: true,
      unitId: `${COUNTY}-CC`,
    });
  });

  it('moves up when the region has no unit at the wanted level (属地兜底)', () => {
    const { ctx } = context({}, [COUNTY, TOWN]);
    const result = routeCase({ ...livelihood, handlingLevel: 'community' }, rules, ctx, AT);
    expect(result).toMatchObject({ ok: true, unitId: `${TOWN}-CC`, via: 'fallback' });
    if (result.ok) expect(result.reason['en-US']).toContain('has no command center for this region');
  });

  it('moves up when the case is located only to a town', () => {
    const { ctx } = context();
    const result = routeCase(
      { ...livelihood, handlingLevel: 'community', regionPath: `${COUNTY}/${TOWN}` },
      rules,
      ctx,
      AT,
    );
    expect(result).toMatchObject({ ok: true, unitId: `${TOWN}-CC` });
  });

  it('fails only when no command unit exists on the whole path', () => {
    const { ctx } = context({}, []);
    const result = routeCase(livelihood, [], ctx, AT);
    expect(result).toMatchObject({ ok: false, reason: 'no-command-unit' });
  });
});

describe('rulesPassedOver', () => {
  const rules: RoutingRule[] = [
    { id: 'R1', matter: { matterCode: 'CG-0101' }, place: { gridCode: 'G-002' }, unitId: `${TOWN}-squad` },
    { id: 'R2', matter: { matterCode: 'CG-0999' }, place: '*', unitId: `${COUNTY}-urban` },
    {
      id: 'R3',
      matter: { matterCategory: 'urban_management' },
      place: { regionPathPrefix: `${COUNTY}/${OTHER_TOWN}` },
      unitId: `${COUNTY}-urban`,
    },
    {
      id: 'R4',
      matter: { matterCode: 'CG-0101' },
      place: { regionPathPrefix: `${COUNTY}/${TOWN}` },
      unitId: `${COUNTY}-watersupply`,
    },
    { id: 'R5', matter: { matterCode: 'CG-0101' }, place: { gridCode: 'G-009' }, unitId: `${TOWN}-squad` },
  ];

  it('names the rules for the matter above the winner whose place does not hold the case', () => {
    expect(rulesPassedOver(subject(), rules).map((r) => r.id)).toEqual(['R1', 'R3']);
    expect(routeCase(subject(), rules, context().ctx, AT)).toMatchObject({ ruleId: 'R4' });
  });

  it('names every rule for the matter when none matches', () => {
    const elsewhere = subject({ regionPath: `${COUNTY}/320281002/320281002001`, gridCode: 'G-100' });
    expect(rulesPassedOver(elsewhere, rules).map((r) => r.id)).toEqual(['R1', 'R3', 'R4', 'R5']);
  });
});
