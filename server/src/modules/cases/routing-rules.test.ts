import type { RoutingRuleView } from '@yiwang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp } from '../../test/app.js';
import type { Position } from '../grids/geometry/index.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
  reportOk,
} from './cases.test-helpers.js';

const TOWN = DEMO_COMMUNITY.slice(0, 9); // 澄江街道, the demo operator's scope
const OTHER_TOWN = OTHER_TOWN_COMMUNITY.slice(0, 9);

let w: CaseWorld;
let townGrid: { code: string; point: Position };
let otherGrid: { code: string; point: Position };

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [, townGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [unknown, typeof townGrid];
  [otherGrid] = (await baseGridsOf(w, OTHER_TOWN_COMMUNITY)) as [typeof otherGrid];
});
afterAll(() => w.t.close());

const rules = async (client: Client = w.cityOperator): Promise<RoutingRuleView[]> =>
  (await client.get('/api/cases/routing-rules')).json().items;
const put = (client: Client, url: string, body: unknown) =>
  client.request({ method: 'PUT', url, payload: body as object });

describe('keeping the 六定 dispatch rules', () => {
  let created: RoutingRuleView;

  it('adds a rule at the end with the next code, audited, and cases follow it', async () => {
    const before = await rules();
    const r = await w.cityOperator.post('/api/cases/routing-rules', {
      matter: { matterCode: 'CG-0302' },
      place: { regionCode: OTHER_TOWN },
      unitId: w.unitId(`${OTHER_TOWN}-CC`),
    });
    expect(r.statusCode, r.body).toBe(201);
    created = r.json();
    expect(created).toMatchObject({
      code: `R${String(before.length + 1).padStart(4, '0')}`,
      position: (before.length + 1) * 10,
      matter: { matterCode: 'CG-0302' },
      place: { regionCode: OTHER_TOWN, regionPathPrefix: `320281/${OTHER_TOWN}` },
      unit: { code: `${OTHER_TOWN}-CC` },
      editable: true,
    });
    expect((await rules()).at(-1)?.code).toBe(created.code);
    const audit = (await w.admin.get(`/api/audit?action=routing-rule.create&objectId=${created.code}`)).json();
    expect(audit.items[0].details).toMatchObject({ position: before.length + 1, rule: { matterCode: 'CG-0302' } });

    // A case of that matter in that town is now routed by the new rule.
    const intake = await reportOk(w.cityOperator, {
      matterCode: 'CG-0302',
      description: '垃圾桶满了',
      point: at(otherGrid.point),
    });
    const routing = (await w.cityOperator.get(`/api/cases/${intake.case.code}/routing`)).json();
    expect(routing).toMatchObject({
      ok: true,
      via: 'rule',
      ruleCode: created.code,
      unit: { code: `${OTHER_TOWN}-CC` },
    });
  });

  it('answers "which rule, and why" for a matter and a point, naming rules passed over', async () => {
    const r = await w.cityOperator.post('/api/cases/routing-rules/test', {
      matterCode: 'CG-0302',
      point: at(otherGrid.point),
    });
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json();
    expect(result).toMatchObject({
      matter: { code: 'CG-0302', name: '垃圾满溢', level: 'community' },
      place: { gridCode: otherGrid.code, regionCode: OTHER_TOWN_COMMUNITY },
      routing: { ok: true, via: 'rule', ruleCode: created.code },
      rule: { code: created.code },
    });
    expect(result.routing.reason).toContain(`命中派单规则 ${created.code}`);
    // The demo's rule for the same matter on the gridworker's grid was passed over: wrong place.
    expect(result.passedOver.map((p: RoutingRuleView) => p.code)).toContain('R0001');

    // In 文定社区 the demo's rule for community-level matters sends it to the workstation.
    const count = (await rules()).length;
    const community = (
      await w.operator.post('/api/cases/routing-rules/test', { matterCode: 'CG-0302', point: at(townGrid.point) })
    ).json();
    expect(community.routing).toMatchObject({ ok: true, via: 'rule', unit: { code: `${DEMO_COMMUNITY}-WS` } });
    expect(community.rule.place).toMatchObject({ regionCode: DEMO_COMMUNITY });
    // Nothing is stored by trying.
    expect((await rules()).length).toBe(count);
  });

  it('moves a rule above another and renumbers the order', async () => {
    const r = await w.cityOperator.post(`/api/cases/routing-rules/${created.code}/move`, { before: 'R0001' });
    expect(r.statusCode, r.body).toBe(200);
    const list = await rules();
    expect(list[0]).toMatchObject({ code: created.code, position: 10 });
    expect(list[1]).toMatchObject({ code: 'R0001', position: 20 });
    expect(list.map((x) => x.position)).toEqual(list.map((_, i) => (i + 1) * 10));
    const audit = (await w.admin.get(`/api/audit?action=routing-rule.move&objectId=${created.code}`)).json();
    expect(audit.items[0].details).toMatchObject({ to: 1, before: 'R0001' });
    // To the end again.
    await w.cityOperator.post(`/api/cases/routing-rules/${created.code}/move`, { before: null });
    expect((await rules()).at(-1)?.code).toBe(created.code);
  });

  it('changes a rule in place, audited with before and after', async () => {
    const r = await put(w.cityOperator, `/api/cases/routing-rules/${created.code}`, {
      matter: { matterCategory: 'urban_management' },
      place: { gridCode: otherGrid.code },
      unitId: w.unitId('320281-urban'),
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      code: created.code,
      position: created.position,
      matter: { matterCategory: 'urban_management' },
      place: { gridCode: otherGrid.code },
      unit: { code: '320281-urban' },
    });
    const audit = (await w.admin.get(`/api/audit?action=routing-rule.update&objectId=${created.code}`)).json();
    expect(audit.items[0].details).toMatchObject({
      before: { matterCode: 'CG-0302', gridCode: null },
      after: { matterCode: null, matterCategory: 'urban_management', gridCode: otherGrid.code },
    });
  });

  it('removes a rule; its code is never given again', async () => {
    expect((await w.cityOperator.delete(`/api/cases/routing-rules/${created.code}`)).statusCode).toBe(204);
    expect((await rules()).some((r) => r.code === created.code)).toBe(false);
    expect((await w.cityOperator.delete(`/api/cases/routing-rules/${created.code}`)).statusCode).toBe(404);
    const next = await w.cityOperator.post('/api/cases/routing-rules', {
      matter: '*',
      place: '*',
      unitId: w.unitId('320281-CC'),
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(Number(next.json().code.slice(1))).toBe(Number(created.code.slice(1)) + 1);
    expect((await w.admin.get(`/api/audit?action=routing-rule.delete&objectId=${created.code}`)).json().total).toBe(1);
  });
});

describe('a town operator keeps only the rules of the town', () => {
  let townRule: RoutingRuleView;

  it('adds a rule for a grid of the town to a unit of the town', async () => {
    const r = await w.operator.post('/api/cases/routing-rules', {
      matter: { matterCode: 'CG-0303' },
      place: { gridCode: townGrid.code },
      unitId: w.unitId(`${TOWN}-CC`),
      before: 'R0001',
    });
    expect(r.statusCode, r.body).toBe(201);
    townRule = r.json();
    expect(townRule.position).toBe(10);
    const list = await rules(w.operator);
    expect(list.find((x) => x.code === townRule.code)?.editable).toBe(true);
    // The county-wide rules are read, not edited, by the town.
    expect(list.filter((x) => x.place === '*').every((x) => !x.editable)).toBe(true);
  });

  it('refuses places, units and matters outside the town or unknown, saying which field', async () => {
    const base = {
      matter: { matterCode: 'CG-0303' },
      place: { gridCode: townGrid.code },
      unitId: w.unitId(`${TOWN}-CC`),
    };
    const cases: [unknown, number, string][] = [
      [{ ...base, place: { regionCode: OTHER_TOWN } }, 422, 'place.regionCode'],
      [{ ...base, place: { gridCode: otherGrid.code } }, 422, 'place.gridCode'],
      [{ ...base, unitId: w.unitId('320281-urban') }, 422, 'unitId'],
      [{ ...base, matter: { matterCode: 'CG-9999' } }, 422, 'matter.matterCode'],
      [{ ...base, place: '*' }, 403, 'place'],
      [{ ...base, before: 'R9999' }, 422, 'before'],
    ];
    for (const [body, status, field] of cases) {
      const r = await w.operator.post('/api/cases/routing-rules', body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(status);
      expect(r.json().error.details?.[0]?.field).toBe(field);
    }
    const county = await w.operator.post('/api/cases/routing-rules', { ...base, place: '*' });
    expect(county.json().error.message).toContain('澄江街道');
    const town = (await w.operator.get(`/api/grids?level=1&regionCode=${TOWN}`)).json().items[0].code;
    const large = await w.operator.post('/api/cases/routing-rules', { ...base, place: { gridCode: town } });
    expect(large.statusCode).toBe(400);
    expect(large.json().error.details[0]).toMatchObject({ field: 'place.gridCode', code: 'base-grid' });
    // Malformed input is a 400 with the fields named, never a 500.
    const malformed = await w.operator.post('/api/cases/routing-rules', {
      matter: { matterCode: 'nope' },
      place: { regionCode: 'x' },
      unitId: 'not-a-uuid',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.map((d: { field: string }) => d.field)).toContain('unitId');
  });

  it('cannot change, move or remove a county-wide rule (not found), but can move its own above one', async () => {
    const county = (await rules(w.operator)).find((x) => x.place === '*') as RoutingRuleView;
    const body = { matter: '*', place: { gridCode: townGrid.code }, unitId: w.unitId(`${TOWN}-CC`) };
    expect((await put(w.operator, `/api/cases/routing-rules/${county.code}`, body)).statusCode).toBe(404);
    expect((await w.operator.delete(`/api/cases/routing-rules/${county.code}`)).statusCode).toBe(404);
    expect((await w.operator.post(`/api/cases/routing-rules/${county.code}/move`, { before: null })).statusCode).toBe(
      404,
    );
    const moved = await w.operator.post(`/api/cases/routing-rules/${townRule.code}/move`, { before: null });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await rules(w.operator)).at(-1)?.code).toBe(townRule.code);
  });

  it('tests points of the town only', async () => {
    const r = await w.operator.post('/api/cases/routing-rules/test', {
      matterCode: 'CG-0303',
      point: at(otherGrid.point),
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('routing-place-out-of-scope');
  });

  it('is for operators: handlers and grid workers may not', async () => {
    expect((await w.handler.get('/api/cases/routing-rules')).statusCode).toBe(403);
    const body = { matter: '*', place: { gridCode: townGrid.code }, unitId: w.unitId(`${DEMO_COMMUNITY}-WS`) };
    expect((await w.workstation.post('/api/cases/routing-rules', body)).statusCode).toBe(403);
    expect(
      (await w.gridworker.post('/api/cases/routing-rules/test', { matterCode: 'CG-0303', point: at(townGrid.point) }))
        .statusCode,
    ).toBe(403);
    // The workstation reads the rules (it dispatches) but may change none of them.
    expect((await rules(w.workstation)).every((r) => !r.editable)).toBe(true);
  });
});
