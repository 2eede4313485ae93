import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { jiangyinRegionTree, regionRowsOf } from './load-region-tree.js';

describe('the 江阴市 region tree data', () => {
  it('holds the real county with its towns, streets and zones and its villages and communities', () => {
    const rows = regionRowsOf(jiangyinRegionTree);
    const byLevel = (level: string) => rows.filter((r) => r.level === level);
    expect(byLevel('county')).toEqual([expect.objectContaining({ code: '320281', name: '江阴市', path: '320281' })]);
    expect(byLevel('town')).toHaveLength(21);
    expect(byLevel('community')).toHaveLength(282);
    expect(rows.find((r) => r.code === '320281001')).toMatchObject({
      name: '澄江街道',
      nameEn: 'Chengjiang Subdistrict',
    });
    // Latin script only (pinyin keeps ü, as in 绿园 Lüyuan).
    expect(rows.filter((r) => !/^[\x20-\x7eü]+$/.test(r.nameEn))).toEqual([]);
    for (const r of byLevel('community')) expect(r.path).toBe(`320281/${r.parentCode}/${r.code}`);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('region API', () => {
  it('shows a region with its ancestors and children, with child counts', async () => {
    const admin = await t.login('admin');
    const county = (await admin.get('/api/regions/root')).json();
    expect(county.region).toMatchObject({ code: '320281', level: 'county', childCount: 21 });
    expect(county.children).toHaveLength(21);
    const town = (await admin.get('/api/regions/320281001')).json();
    expect(town.ancestors.map((a: { code: string }) => a.code)).toEqual(['320281']);
    expect(town.children.length).toBe(town.region.childCount);
    const community = (await admin.get('/api/regions/320281001001')).json();
    expect(community.ancestors.map((a: { code: string }) => a.code)).toEqual(['320281', '320281001']);
    expect(community.region).toMatchObject({ name: '文定社区居委会', nameEn: 'Wending Community', childCount: 0 });
  });

  it('answers a malformed code with 400 and an unknown one with 404', async () => {
    const admin = await t.login('admin');
    expect((await admin.get('/api/regions/abc')).statusCode).toBe(400);
    expect((await admin.get('/api/regions/320281999999')).statusCode).toBe(404);
  });

  it('searches by Chinese name, English name or code within scope', async () => {
    const operator = await t.login('operator');
    const zh = (await operator.get(`/api/regions/search?q=${encodeURIComponent('文定')}`)).json();
    expect(zh.items.map((r: { code: string }) => r.code)).toEqual(['320281001001']);
    const en = (await operator.get('/api/regions/search?q=wending')).json();
    expect(en.items.map((r: { code: string }) => r.code)).toEqual(['320281001001']);
    const outside = (await operator.get(`/api/regions/search?q=${encodeURIComponent('紫金')}`)).json();
    expect(outside.items).toEqual([]);
  });
});
