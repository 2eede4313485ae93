import type { CaseRegistryLink, RegistrySearchHit } from '@yiwang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp } from '../../test/app.js';
import { at, baseGridsOf, type CaseWorld, caseWorld, DEMO_COMMUNITY, reportOk } from '../cases/cases.test-helpers.js';
import { placeFlat } from './registry-test-places.js';

const OTHER_COMMUNITY = '320281001003';

let w: CaseWorld;
let here: Awaited<ReturnType<typeof placeFlat>>;
let there: Awaited<ReturnType<typeof placeFlat>>;

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  here = await placeFlat(w.t, w.admin, DEMO_COMMUNITY, 801);
  there = await placeFlat(w.t, w.admin, OTHER_COMMUNITY, 802);
}, 120_000);
afterAll(() => w.t.close());

const dwellings = async (client: Client, q: string) => {
  const response = await client.get(`/api/registry/search?kind=dwelling&limit=100&q=${encodeURIComponent(q)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: RegistrySearchHit[] }>().items;
};

describe('dwellings found by their address for the case page’s 关联登记对象', () => {
  it('finds a flat by building and room written apart or together (3幢502, 1号楼 101), with its building', async () => {
    for (const q of ['测试路801号1幢101', '测试路801号 1号楼 101室', '801号1幢1单元101']) {
      const hits = await dwellings(w.workstation, q);
      expect(hits, q).toEqual([
        {
          kind: 'dwelling',
          id: here.dwelling.id,
          title: '文定社区测试路801号1幢1单元101室',
          subtitle: '测试路801号1幢',
          buildingId: here.building.id,
        },
      ]);
    }
    // Every hit holds every part; the demo's flats are found too, by address code.
    const many = await dwellings(w.workstation, '3幢 502');
    expect(many.length).toBeGreaterThan(0);
    expect(many.every((h) => h.kind === 'dwelling' && h.title.includes('3幢') && h.title.includes('502'))).toBe(true);
    // Not asked for by kind, no dwelling comes with the other kinds.
    const all = (await w.admin.get(`/api/registry/search?limit=100&q=${encodeURIComponent('测试路801号')}`)).json<{
      items: RegistrySearchHit[];
    }>().items;
    expect(all.some((h) => h.kind === 'dwelling')).toBe(false);
  });

  it('finds only dwellings in the caller’s scope', async () => {
    expect(await dwellings(w.workstation, '测试路802号')).toEqual([]);
    expect((await dwellings(w.admin, '测试路802号')).map((h) => h.id)).toEqual([there.dwelling.id]);
  });

  it('links a case to the dwelling found', async () => {
    const [grid] = await baseGridsOf(w, DEMO_COMMUNITY);
    if (!grid) throw new Error('no grid');
    const { case: reported } = await reportOk(w.operator, {
      matterCode: 'CG-0303',
      description: '楼道堆放杂物',
      point: at(grid.point as [number, number], 0, 0),
      reporter: { name: '赵先生', phone: '13912345678' },
    });
    const [hit] = await dwellings(w.operator, '801号 1幢101');
    if (!hit) throw new Error('dwelling not found');
    const linked = await w.operator.post(`/api/registry/case-links/${reported.code}`, {
      kind: 'dwelling',
      recordId: hit.id,
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json<CaseRegistryLink>()).toMatchObject({ kind: 'dwelling', buildingId: here.building.id });
  });
});
