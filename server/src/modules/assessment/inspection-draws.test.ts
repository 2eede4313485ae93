import type { Draw, DrawVerification, Inspector } from '@yiwang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp } from '../../test/app.js';
import { type CaseWorld, caseWorld, DEMO_COMMUNITY, OTHER_TOWN_COMMUNITY } from '../cases/cases.test-helpers.js';

let w: CaseWorld;
let leader: Client;
let otherTownSupervisor: Client;
const OTHER_TOWN = OTHER_TOWN_COMMUNITY.slice(0, 9);

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  const created = await w.admin.post('/api/users', {
    username: 'draw-supervisor',
    displayName: '督查员（另一街道）',
    password: 'yiwang2026demo',
    roles: ['supervisor'],
    scopeRegionCode: OTHER_TOWN,
  });
  expect(created.statusCode, created.body).toBe(201);
  otherTownSupervisor = await w.t.login('draw-supervisor', 'yiwang2026demo');
});
afterAll(() => w.t.close());

async function enroll(client: Client): Promise<Inspector> {
  const r = await leader.post('/api/assessment/inspectors', { userId: client.session.user.id });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const isWithin = (path: string, area: string) => path === area || path.startsWith(`${area}/`);

describe('双随机 random inspections through the API', () => {
  let draw: Draw;
  let inspectors: Inspector[];

  it('enrolls staff as inspectors with their home area, and refuses a resident (422, localized)', async () => {
    inspectors = [await enroll(w.operator), await enroll(w.workstation), await enroll(otherTownSupervisor)];
    expect(inspectors.map((i) => i.areaPath.split('/').at(-1))).toEqual([
      DEMO_COMMUNITY.slice(0, 9),
      DEMO_COMMUNITY,
      OTHER_TOWN,
    ]);
    const resident = await leader.post('/api/assessment/inspectors', { userId: w.resident.session.user.id });
    expect(resident.statusCode).toBe(422);
    expect(resident.json().error.message).toContain('引用的对象不存在');
    const list = await leader.get('/api/assessment/inspectors');
    expect(list.json().items).toHaveLength(3);
  });

  it('only inspections.manage may draw; bad input is refused with a 4xx', async () => {
    const r = await w.operator.post('/api/assessment/draws', { period: '2026-12' });
    expect(r.statusCode).toBe(403);
    expect((await leader.post('/api/assessment/draws', { period: '  ' })).statusCode).toBe(400);
    expect(
      (await leader.post('/api/assessment/draws', { period: 'x', shares: { grid: 2, unit: 0, case: 0 } })).statusCode,
    ).toBe(400);
    const unknownGrid = await leader.post('/api/assessment/draws', { period: 'x', flaggedGridCodes: ['NO-SUCH-GRID'] });
    expect(unknownGrid.statusCode).toBe(422);
    expect(unknownGrid.json().error.message).toContain('NO-SUCH-GRID');
    expect((await leader.get('/api/assessment/draws')).json().items).toHaveLength(0);
  });

  it('a draw re-run with its published seed gives the same list', async () => {
    const r = await leader.post('/api/assessment/draws', {
      period: '2026-12',
      publicValue: '2026-12-03 体彩排列五 60183',
      shares: { grid: 0.5, unit: 0.5, case: 0 },
    });
    expect(r.statusCode, r.body).toBe(201);
    draw = r.json();
    expect(draw.seed).toBe('2026-12-03 体彩排列五 60183');
    expect(draw.seedSource).toBe('public-value');
    expect(draw.pairs.length).toBeGreaterThan(10);
    expect(draw.snapshotHash).toMatch(/^[0-9a-f]{64}$/);

    const verify = await w.cityOperator.get(`/api/assessment/draws/${draw.id}/verify`);
    expect(verify.statusCode, verify.body).toBe(200);
    const check: DrawVerification = verify.json();
    expect(check).toMatchObject({ seed: draw.seed, snapshotHash: draw.snapshotHash, matches: true });
    expect(check.recomputedSnapshotHash).toBe(draw.snapshotHash);
    expect(check.recomputedPairCount).toBe(draw.pairs.length);

    const again: Draw = (await leader.get(`/api/assessment/draws/${draw.id}`)).json();
    expect(again.pairs.map((p) => [p.position, p.targetCode, p.inspectorId])).toEqual(
      draw.pairs.map((p) => [p.position, p.targetCode, p.inspectorId]),
    );
  });

  it('an inspector is never drawn for their own area or unit', async () => {
    const byId = new Map(inspectors.map((i) => [i.userId, i]));
    for (const pair of draw.pairs) {
      const inspector = byId.get(pair.inspectorId) as Inspector;
      expect(isWithin(pair.targetPath, inspector.areaPath), `${pair.targetCode} ← ${inspector.displayName}`).toBe(
        false,
      );
      // Only a county department (path without '/') may lie above an inspector's area.
      if (pair.targetPath.includes('/')) expect(isWithin(inspector.areaPath, pair.targetPath)).toBe(false);
      if (pair.targetKind === 'unit') expect(pair.targetName).not.toBe(inspector.unitName);
    }
    // The other town's supervisor inspects the demo town, and the demo town's staff the other town.
    expect(draw.pairs.some((p) => p.inspectorId === otherTownSupervisor.session.user.id)).toBe(true);
    expect(draw.pairs.some((p) => p.inspectorId === w.operator.session.user.id)).toBe(true);
  });

  it('a second draw in the scope rotates: it records the first as previous and is listed after it', async () => {
    const r = await leader.post('/api/assessment/draws', { period: '2027-01' });
    expect(r.statusCode, r.body).toBe(201);
    const second: Draw = r.json();
    expect(second.seedSource).toBe('generated');
    expect(second.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(second.previousDrawId).toBe(draw.id);
    const list = (await leader.get('/api/assessment/draws')).json();
    expect(list.items.map((d: { id: string }) => d.id).slice(0, 2)).toEqual([second.id, draw.id]);
    expect((await leader.get(`/api/assessment/draws/${second.id}/verify`)).json().matches).toBe(true);
  });

  it('a town operator does not see a county draw (404)', async () => {
    expect((await w.operator.get(`/api/assessment/draws/${draw.id}`)).statusCode).toBe(404);
  });

  it('the drawn inspector records a finding on site; someone else cannot (404); bad counts are refused (400)', async () => {
    const own = draw.pairs.find((p) => p.inspectorId === otherTownSupervisor.session.user.id) as Draw['pairs'][number];
    // The inspector finds their pairs although the draw (county scope) is not theirs to read.
    expect((await otherTownSupervisor.get(`/api/assessment/draws/${draw.id}`)).statusCode).toBe(404);
    const mine = (await otherTownSupervisor.get('/api/assessment/draws/mine')).json();
    expect(mine.items.map((i: { pair: { id: string } }) => i.pair.id)).toContain(own.id);
    const url = `/api/assessment/draws/${draw.id}/pairs/${own.id}/findings`;
    const recorded = await otherTownSupervisor.post(url, {
      foundCount: 3,
      reportedCount: 1,
      foundCaseCodes: [],
      note: '发现群租房2处、消防通道堵塞1处，仅后者已上报',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await w.workstation.post(url, { foundCount: 0, reportedCount: 0, note: '' })).statusCode).toBe(404);
    const bad = await otherTownSupervisor.post(url, { foundCount: 1, reportedCount: 2, note: '' });
    expect(bad.statusCode).toBe(400);
    const after: Draw = (await leader.get(`/api/assessment/draws/${draw.id}`)).json();
    expect(after.pairs.find((p) => p.id === own.id)?.findings).toMatchObject([{ foundCount: 3, reportedCount: 1 }]);
    // Findings do not change the list: the draw still re-runs to the same pairs.
    expect((await leader.get(`/api/assessment/draws/${draw.id}/verify`)).json().matches).toBe(true);
  });

  it('a drawn visit is booked on the shared calendar and obeys its load limit (409 naming the booking there)', async () => {
    const gridPair = draw.pairs.find((p) => p.targetKind === 'grid') as Draw['pairs'][number];
    const day = new Date(Date.now() + 40 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const url = `/api/assessment/draws/${draw.id}/pairs/${gridPair.id}/booking`;
    const booked = await leader.post(url, { day });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ day, kind: 'routine', team: `双随机督查：${gridPair.inspectorName}` });
    const again = await leader.post(url, { day });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('inspection-daily-limit');
    expect(again.json().error.message).toContain(gridPair.inspectorName);
  });
});
