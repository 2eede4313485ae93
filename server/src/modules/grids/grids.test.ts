import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../platform/seeded-random.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { type AreaGeometry, type Position, pointInGeometry } from './geometry/index.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

interface Feature {
  type: 'Feature';
  properties: {
    code: string;
    name: string;
    level: number;
    parentCode: string | null;
    households: number;
    people: number;
  };
  geometry: AreaGeometry;
}
const mapOf = async (client: Client, query: string) =>
  (await client.get(`/api/grids/map.geojson?${query}`)).json() as { features: Feature[] };

/** A point well inside a polygon: the midpoint between its first vertex and the centroid of its outer ring. */
function interiorPoint(geometry: AreaGeometry): Position {
  const ring = (geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0]) ?? [];
  const n = ring.length - 1;
  const cx = ring.slice(0, n).reduce((s, p) => s + p[0], 0) / n;
  const cy = ring.slice(0, n).reduce((s, p) => s + p[1], 0) / n;
  return [cx, cy];
}

describe('the demo grid map', () => {
  it('has three levels: 21 town grids, 282 community grids, 1558 base grids', async () => {
    for (const [level, total] of [
      [1, 21],
      [2, 282],
      [3, 1558],
    ]) {
      expect((await admin.get(`/api/grids?level=${level}&limit=1`)).json().total).toBe(total);
    }
  });

  it('covers the real county outline with no gaps or overlaps', async () => {
    const county = (await admin.get('/api/grids/coverage?parentCode=320281')).json();
    expect(county).toMatchObject({
      parent: { code: '320281', kind: 'region' },
      childCount: 21,
      gaps: [],
      overlaps: [],
      outside: [],
    });
    const town = (await admin.get('/api/grids/coverage?parentCode=320281001')).json();
    expect(town.parent.kind).toBe('grid');
    expect(town.childCount).toBeGreaterThan(5);
    expect([town.gaps, town.overlaps, town.outside]).toEqual([[], [], []]);
  });

  it('shows a base grid with its ancestors, staff and history', async () => {
    const detail = (await admin.get('/api/grids/32028100100101')).json();
    expect(detail.grid).toMatchObject({
      code: '32028100100101',
      level: 3,
      parentCode: '32028100100100',
      regionCode: '320281001001',
    });
    expect(detail.ancestors.map((a: { code: string }) => a.code)).toEqual(['32028100100100', '320281001000']);
    const roles = detail.posts.map((p: { role: string }) => p.role).sort();
    expect(roles).toEqual(['deputy_grid_head', 'grid_head', 'grid_worker']);
    const worker = detail.posts.find((p: { role: string }) => p.role === 'grid_worker');
    expect(worker.holder.username).toBe('gridworker');
    expect(worker.current).toMatchObject({ by: 'holder', userId: worker.holder.id });
    expect(detail.history).toHaveLength(1);
  });
});

describe('gridAt', () => {
  it('agrees with a brute-force search through the API, in WGS84, GCJ-02 and BD-09', async () => {
    const { features } = await mapOf(admin, 'level=3');
    const random = createSeededRandom(7);
    for (let i = 0; i < 20; i++) {
      const feature = features[Math.floor(random() * features.length)] as Feature;
      const point = interiorPoint(feature.geometry);
      const expected = features.find((f) => pointInGeometry(point, f.geometry))?.properties.code;
      const wgs = (await admin.get(`/api/grids/at?lon=${point[0]}&lat=${point[1]}`)).json();
      expect(wgs.grid.code).toBe(expected);
      const [gLon, gLat] = gcoord.transform(point, gcoord.WGS84, gcoord.GCJ02);
      expect((await admin.get(`/api/grids/at?lon=${gLon}&lat=${gLat}&crs=GCJ02`)).json().grid.code).toBe(expected);
      const [bLon, bLat] = gcoord.transform(point, gcoord.WGS84, gcoord.BD09);
      expect((await admin.get(`/api/grids/at?lon=${bLon}&lat=${bLat}&crs=BD09`)).json().grid.code).toBe(expected);
    }
  });

  it('gives the ancestors of the base grid', async () => {
    const detail = (await admin.get('/api/grids/32028100100101')).json();
    const [lon, lat] = interiorPoint(detail.grid.geometry);
    const at = (await admin.get(`/api/grids/at?lon=${lon}&lat=${lat}`)).json();
    expect(at.grid.code).toBe('32028100100101');
    expect(at.ancestors.map((a: { code: string }) => a.code)).toEqual(['32028100100100', '320281001000']);
  });

  it('answers a point outside the county with a clear 400', async () => {
    const r = await admin.get('/api/grids/at?lon=116.397&lat=39.909');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'outside-county' });
    expect(r.json().error.message).toContain('不在本县（市）网格范围内');
    expect((await admin.get('/api/grids/at?lon=200&lat=31')).statusCode).toBe(400);
  });

  it('answers 404 for a grid outside the caller’s scope', async () => {
    const workstation = await t.login('workstation');
    const other = (await mapOf(admin, 'level=3&regionCode=320281004001')).features[0] as Feature;
    const [lon, lat] = interiorPoint(other.geometry);
    expect((await workstation.get(`/api/grids/at?lon=${lon}&lat=${lat}`)).statusCode).toBe(404);
    expect((await workstation.get(`/api/grids/${other.properties.code}`)).statusCode).toBe(404);
    const own = (await workstation.get('/api/grids?limit=500')).json();
    expect(own.items.every((g: { regionCode: string }) => g.regionCode === '320281001001')).toBe(true);
  });
});

describe('coverage faults', () => {
  it('finds a planted gap and a planted overlap with their areas', async () => {
    const parentCode = '32028100100100';
    const children = (await mapOf(admin, `parentCode=${parentCode}`)).features;
    const [a, b] = children as [Feature, Feature];
    // Shrink one grid towards its centre (leaves a gap) and grow another (overlaps its neighbours).
    const scale = (g: AreaGeometry, k: number): AreaGeometry => {
      const [cx, cy] = interiorPoint(g);
      const map = (ring: Position[]) => ring.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k] as Position);
      return g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: g.coordinates.map(map) }
        : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(map)) };
    };
    const { db } = t.database;
    await db.execute(
      sql`UPDATE grids SET geometry = ${JSON.stringify(scale(a.geometry, 0.8))}::jsonb WHERE code = ${a.properties.code} AND valid_to IS NULL`,
    );
    await db.execute(
      sql`UPDATE grids SET geometry = ${JSON.stringify(scale(b.geometry, 1.2))}::jsonb WHERE code = ${b.properties.code} AND valid_to IS NULL`,
    );
    const report = (await admin.get(`/api/grids/coverage?parentCode=${parentCode}`)).json();
    expect(report.gaps.length).toBeGreaterThan(0);
    expect(report.gaps[0].areaSquareMeters).toBeGreaterThan(100);
    expect(report.gaps[0].geometry.type).toMatch(/Polygon/);
    expect(report.overlaps.some((o: { codes: string[] }) => o.codes.includes(b.properties.code))).toBe(true);
    // Put them back.
    await db.execute(
      sql`UPDATE grids SET geometry = ${JSON.stringify(a.geometry)}::jsonb WHERE code = ${a.properties.code} AND valid_to IS NULL`,
    );
    await db.execute(
      sql`UPDATE grids SET geometry = ${JSON.stringify(b.geometry)}::jsonb WHERE code = ${b.properties.code} AND valid_to IS NULL`,
    );
    const fixed = (await admin.get(`/api/grids/coverage?parentCode=${parentCode}`)).json();
    expect([fixed.gaps, fixed.overlaps]).toEqual([[], []]);
  });
});

describe('sizing', () => {
  it('lists grids to split and to merge (with the neighbour), and exports Excel', async () => {
    const report = (await admin.get('/api/grids/sizing')).json();
    expect(report.summary.total).toBe(1558);
    expect(report.summary.tooLarge).toBeGreaterThan(0);
    expect(report.summary.tooSmall).toBeGreaterThan(0);
    const small = report.items.find(
      (i: { status: string; mergeInto: unknown }) => i.status === 'too-small' && i.mergeInto,
    );
    expect(small.mergeInto.code).not.toBe(small.code);
    const large = report.items.find((i: { status: string }) => i.status === 'too-large');
    expect(large.splitInto).toBeGreaterThanOrEqual(2);
    expect(small.mergeInto.nameEn).toMatch(/Grid \d+$/);
    const community = (await admin.get('/api/grids/sizing?parentCode=320281001001')).json();
    expect(community.summary.total).toBeGreaterThan(0);
    expect(community.items.every((i: { code: string }) => i.code.startsWith('320281001001'))).toBe(true);
    const strict = (await admin.get('/api/grids/sizing?maxHouseholds=100&maxPeople=300&onlyProblems=true')).json();
    expect(strict.summary.tooLarge).toBeGreaterThan(report.summary.tooLarge);

    const xlsx = await admin.get('/api/grids/sizing.xlsx?onlyProblems=true');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('网格规模评估');
    expect(sheet?.getRow(1).getCell(1).value).toBe('网格编码');
    expect(sheet?.rowCount).toBe(
      1 + report.summary.tooLarge + report.summary.tooSmall + report.summary.understaffed - countBoth(report),
    );
  });
});

function countBoth(report: { items: { status: string; workers: number; workersNeeded: number }[] }) {
  return report.items.filter((i) => i.status !== 'ok' && i.workers < i.workersNeeded).length;
}

describe('GeoJSON import and export', () => {
  it('rejects a file with a self-intersecting polygon and a duplicate code, changes nothing, and names both', async () => {
    const before = (await admin.get('/api/audit?action=grid.import')).json().total;
    const exported = await mapOf(admin, 'parentCode=32028100100100');
    const [first, second] = exported.features as [Feature, Feature];
    const bowTie: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [120.27, 31.9],
          [120.28, 31.91],
          [120.28, 31.9],
          [120.27, 31.91],
          [120.27, 31.9],
        ],
      ],
    };
    const file = {
      type: 'FeatureCollection',
      features: [
        { ...first, properties: { ...first.properties, name: '改名的网格' } },
        { ...second, geometry: bowTie },
        { ...first, properties: { ...first.properties } },
      ],
    };
    const r = await admin.request({ method: 'POST', url: '/api/grids/import', payload: file });
    expect(r.statusCode).toBe(422);
    const report = r.json();
    expect(report.applied).toBe(false);
    expect(report.features[1]).toMatchObject({ index: 1, status: 'invalid' });
    expect(report.features[1].reasons[0].message).toMatch(/自相交/);
    expect(report.features[2].reasons.map((x: { code: string }) => x.code)).toContain('duplicate-code');
    expect(report.features[2].reasons.find((x: { code: string }) => x.code === 'duplicate-code').message).toBe(
      '编码与第 1 个要素重复',
    );
    expect((await admin.get(`/api/grids/${first.properties.code}`)).json().grid.name).toBe(first.properties.name);
    expect((await admin.get('/api/audit?action=grid.import')).json().total).toBe(before);
  });

  it('imports the valid features when asked, versioning what changed and keeping history', async () => {
    const { features } = await mapOf(admin, 'parentCode=32028100100100');
    const [first, second] = features as [Feature, Feature];
    const before = new Date();
    const file = {
      type: 'FeatureCollection',
      features: [
        { ...first, properties: { ...first.properties, name: '文定社区第1网格（新）', households: 260 } },
        { ...second, properties: { ...second.properties, parentCode: '99999999999999' } },
      ],
    };
    const r = await admin.request({ method: 'POST', url: '/api/grids/import?mode=valid-only', payload: file });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ applied: true, counts: { changed: 1, invalid: 1 } });
    expect(r.json().features[1].reasons[0].code).toBe('unknown-parent');
    const detail = (await admin.get(`/api/grids/${first.properties.code}`)).json();
    expect(detail.grid).toMatchObject({ name: '文定社区第1网格（新）', version: 2, households: 260 });
    expect(
      detail.history.map((h: { version: number; validTo: string | null }) => [h.version, h.validTo === null]),
    ).toEqual([
      [1, false],
      [2, true],
    ]);
    // The old version still answers for the past.
    const [lon, lat] = interiorPoint(first.geometry);
    const past = (
      await admin.get(`/api/grids/at?lon=${lon}&lat=${lat}&date=${new Date(before.getTime() - 1000).toISOString()}`)
    ).json();
    expect(past.grid).toMatchObject({ code: first.properties.code, version: 1 });
    const now = (await admin.get(`/api/grids/at?lon=${lon}&lat=${lat}`)).json();
    expect(now.grid.version).toBe(2);
  });

  it('round-trips an export unchanged, and refuses what is not a FeatureCollection', async () => {
    const exported = await mapOf(admin, 'regionCode=320281004001');
    const r = await admin.request({ method: 'POST', url: '/api/grids/import?mode=validate', payload: exported });
    expect(r.json().counts).toEqual({ new: 0, changed: 0, unchanged: exported.features.length, invalid: 0 });
    const bad = await admin.request({ method: 'POST', url: '/api/grids/import', payload: { type: 'Feature' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid-geojson');
    const operator = await t.login('operator');
    expect((await operator.request({ method: 'POST', url: '/api/grids/import', payload: exported })).statusCode).toBe(
      403,
    );
  });
});

/** The geometry scaled about the centroid of its first outer ring (< 1 shrinks it). */
function scaled(geometry: AreaGeometry, factor: number): AreaGeometry {
  const [cx, cy] = interiorPoint(geometry);
  const ring = (r: Position[]) => r.map(([x, y]): Position => [cx + (x - cx) * factor, cy + (y - cy) * factor]);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

describe('what an import does to its parents (issue 13 item 10)', () => {
  /** A community grid of the fifth town, its base grids and its town grid (no other test touches them). */
  async function family() {
    const community = (await admin.get('/api/grids?level=2&limit=1&offset=100')).json().items[0] as {
      code: string;
      parentCode: string;
    };
    const { features } = await mapOf(admin, `parentCode=${community.code}`);
    const detail = async (code: string) =>
      (await admin.get(`/api/grids/${code}`)).json().grid as { households: number; people: number; version: number };
    return { community, children: features, detail };
  }

  it('a dry run shows the gap a shrunk grid would open in its parent, and refuses it', async () => {
    const { community, children } = await family();
    const child = children[0] as Feature;
    const file = { type: 'FeatureCollection', features: [{ ...child, geometry: scaled(child.geometry, 0.8) }] };
    const r = await admin.request({ method: 'POST', url: '/api/grids/import?mode=validate', payload: file });
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.applied).toBe(false);
    expect(report.counts.invalid).toBe(1);
    expect(report.features[0].reasons.map((x: { code: string }) => x.code)).toContain('opens-gap');
    expect(report.features[0].reasons.find((x: { code: string }) => x.code === 'opens-gap').message).toMatch(
      new RegExp(`上级网格 ${community.code}.*空白`),
    );
    const gap = report.coverage.find((c: { kind: string }) => c.kind === 'gap');
    expect(gap).toMatchObject({ parentCode: community.code, codes: [child.properties.code] });
    expect(gap.areaSquareMeters).toBeGreaterThan(1);
    expect(gap.geometry.type).toMatch(/Polygon/);
    const strict = await admin.request({ method: 'POST', url: '/api/grids/import', payload: file });
    expect(strict.statusCode).toBe(422);
  });

  it('a dry run shows the overlap and the part outside the parent of a grown grid', async () => {
    const { community, children } = await family();
    const child = children[1] as Feature;
    const file = { type: 'FeatureCollection', features: [{ ...child, geometry: scaled(child.geometry, 1.6) }] };
    const report = (
      await admin.request({ method: 'POST', url: '/api/grids/import?mode=validate', payload: file })
    ).json();
    expect(report.counts.invalid).toBe(1);
    const kinds = report.coverage.map((c: { kind: string; parentCode: string }) => [c.kind, c.parentCode]);
    expect(kinds).toContainEqual(['overlap', community.code]);
    expect(kinds).not.toContainEqual(['gap', community.code]);
  });

  it('a parent grid shrunk under its unchanged children is refused, naming the child left outside', async () => {
    const { community, children } = await family();
    const [parent] = (await mapOf(admin, `parentCode=${community.parentCode}`)).features.filter(
      (f) => f.properties.code === community.code,
    );
    expect(parent).toBeDefined();
    const file = {
      type: 'FeatureCollection',
      features: [{ ...parent, geometry: scaled((parent as Feature).geometry, 0.7) }],
    };
    const report = (
      await admin.request({ method: 'POST', url: '/api/grids/import?mode=validate', payload: file })
    ).json();
    expect(report.counts.invalid).toBe(1);
    expect(report.features[0].reasons.map((x: { code: string }) => x.code)).toContain('child-outside');
    const outside = report.coverage.filter((c: { kind: string }) => c.kind === 'outside');
    expect(outside.length).toBeGreaterThan(0);
    expect(children.map((c) => c.properties.code)).toEqual(
      expect.arrayContaining(outside.flatMap((c: { codes: string[] }) => c.codes)),
    );
  });

  it('a town grid shrunk opens a gap in the county outline and leaves its communities outside it', async () => {
    const { community } = await family();
    const [town] = (await mapOf(admin, 'level=1')).features.filter((f) => f.properties.code === community.parentCode);
    const file = {
      type: 'FeatureCollection',
      features: [{ ...town, geometry: scaled((town as Feature).geometry, 0.9) }],
    };
    const report = (
      await admin.request({ method: 'POST', url: '/api/grids/import?mode=validate', payload: file })
    ).json();
    const codes = report.features[0].reasons.map((x: { code: string }) => x.code);
    expect(codes).toContain('opens-gap');
    expect(codes).toContain('child-outside');
    expect(report.features[0].reasons.find((x: { code: string }) => x.code === 'opens-gap').message).toMatch(
      /县（市）320281 中留下/,
    );
    expect(report.coverage).toContainEqual(expect.objectContaining({ parentCode: '320281', kind: 'gap' }));
  });

  it('parent totals follow a change of their children: shown by the dry run, written by the import', async () => {
    const { community, children, detail } = await family();
    const child = children[0] as Feature;
    const before = { community: await detail(community.code), town: await detail(community.parentCode) };
    const file = {
      type: 'FeatureCollection',
      features: [
        {
          ...child,
          properties: {
            ...child.properties,
            households: child.properties.households + 40,
            people: child.properties.people + 100,
          },
        },
      ],
    };
    const dry = (await admin.request({ method: 'POST', url: '/api/grids/import?mode=validate', payload: file })).json();
    expect(dry.counts).toMatchObject({ changed: 1, invalid: 0 });
    expect(dry.parentTotals).toEqual([
      {
        code: community.code,
        households: { from: before.community.households, to: before.community.households + 40 },
        people: { from: before.community.people, to: before.community.people + 100 },
      },
      {
        code: community.parentCode,
        households: { from: before.town.households, to: before.town.households + 40 },
        people: { from: before.town.people, to: before.town.people + 100 },
      },
    ]);
    expect(await detail(community.code)).toEqual(before.community);

    const applied = await admin.request({ method: 'POST', url: '/api/grids/import', payload: file });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, parentTotals: dry.parentTotals });
    expect(await detail(community.code)).toMatchObject({
      households: before.community.households + 40,
      people: before.community.people + 100,
      version: before.community.version + 1,
    });
    expect(await detail(community.parentCode)).toMatchObject({
      households: before.town.households + 40,
      people: before.town.people + 100,
      version: before.town.version + 1,
    });
  });
});

describe('staffing (A/B posts)', () => {
  it('marking a grid worker absent makes the backup the current holder of the post for that period', async () => {
    const workstation = await t.login('workstation');
    const [post] = (await workstation.get('/api/staffing/posts?gridCode=32028100100101&role=grid_worker')).json().items;
    expect(post.current.by).toBe('holder');
    const start = new Date(Date.now() - 3600_000);
    const end = new Date(Date.now() + 2 * 86_400_000);
    const created = await workstation.post('/api/staffing/absences', {
      userId: post.holder.id,
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      reason: '病假',
    });
    expect(created.statusCode).toBe(201);
    const [covered] = (await workstation.get('/api/staffing/posts?gridCode=32028100100101&role=grid_worker')).json()
      .items;
    expect(covered.current).toMatchObject({ by: 'backup', userId: post.backup.id, absenceEndsAt: end.toISOString() });
    const today = (await workstation.get('/api/staffing/posts?coveredOnly=true')).json();
    expect(today.items.map((p: { gridCode: string }) => p.gridCode)).toContain('32028100100101');
    const later = new Date(end.getTime() + 1000).toISOString();
    const [after] = (
      await workstation.get(`/api/staffing/posts?gridCode=32028100100101&role=grid_worker&at=${later}`)
    ).json().items;
    expect(after.current.by).toBe('holder');

    await workstation.delete(`/api/staffing/absences/${created.json().id}`);
    const [restored] = (await workstation.get('/api/staffing/posts?gridCode=32028100100101&role=grid_worker')).json()
      .items;
    expect(restored.current.by).toBe('holder');
  });

  it('assigns posts only to people in scope, never the same person twice', async () => {
    const workstation = await t.login('workstation');
    const [post] = (await workstation.get('/api/staffing/posts?gridCode=32028100100102&role=grid_worker')).json().items;
    const same = await workstation.request({
      method: 'PUT',
      url: '/api/grids/32028100100102/posts/grid_worker',
      payload: { holderUserId: post.holder.id, backupUserId: post.holder.id },
    });
    expect(same.statusCode).toBe(400);
    const users = (await admin.get('/api/users?q=city-operator')).json().items;
    const outside = await workstation.request({
      method: 'PUT',
      url: '/api/grids/32028100100102/posts/grid_worker',
      payload: { holderUserId: users[0].id, backupUserId: post.backup.id },
    });
    expect(outside.statusCode).toBe(422);
    const swapped = await workstation.request({
      method: 'PUT',
      url: '/api/grids/32028100100102/posts/grid_worker',
      payload: { holderUserId: post.backup.id, backupUserId: post.holder.id },
    });
    expect(swapped.statusCode).toBe(200);
    expect(swapped.json().holder.id).toBe(post.backup.id);
  });
});

describe('the offline base layer (issue 13 item 13)', () => {
  interface BaseFeature {
    type: 'Feature';
    properties: { kind: string; code: string; name: string; nameEn: string };
    geometry: AreaGeometry;
  }
  it('serves the county, its towns and its communities with names, to any signed-in role', async () => {
    const r = await admin.get('/api/map/base-layer');
    expect(r.statusCode, r.body).toBe(200);
    const layer = r.json() as { type: string; features: BaseFeature[] };
    expect(layer.type).toBe('FeatureCollection');
    const ofKind = (kind: string) => layer.features.filter((f) => f.properties.kind === kind);
    expect(ofKind('county').map((f) => f.properties.name)).toEqual(['江阴市']);
    expect(ofKind('town')).toHaveLength(21);
    expect(ofKind('community')).toHaveLength(282);
    const chengjiang = ofKind('town').find((f) => f.properties.code === '320281001') as BaseFeature;
    expect(chengjiang.properties).toMatchObject({ name: '澄江街道', nameEn: 'Chengjiang Subdistrict' });
    // The community holding a base grid's point is named after the region, not the grid.
    const [grid] = (await mapOf(admin, 'parentCode=32028100100100')).features as [Feature];
    const point = interiorPoint(grid.geometry);
    const holding = ofKind('community').filter((f) => pointInGeometry(point, f.geometry));
    expect(holding.map((f) => f.properties.code)).toEqual(['320281001001']);
    expect(holding[0]?.properties.name).toMatch(/社区|村/);
    for (const role of ['operator', 'gridworker', 'resident']) {
      expect((await (await t.login(role)).get('/api/map/base-layer')).statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/map/base-layer' })).statusCode).toBe(401);
  });
});

describe('map configuration', () => {
  it('has no tiles by default, and allows the tile origin in the CSP when configured', async () => {
    expect((await admin.get('/api/map/config')).json()).toEqual({ tiles: null });
    const tiled = await createTestApp({
      env: {
        YIWANG_MAP_TILES_URL: 'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk=KEY&x={x}&y={y}&l={z}',
        YIWANG_MAP_TILES_CRS: 'WGS84',
      },
    });
    try {
      const client = await tiled.login('operator');
      const config = (await client.get('/api/map/config')).json();
      expect(config.tiles).toMatchObject({ kind: 'xyz', crs: 'WGS84', maxZoom: 18 });
      const csp = String((await client.get('/api/map/config')).headers['content-security-policy']);
      expect(csp).toContain('img-src');
      expect(csp).toContain('https://*.tianditu.gov.cn');
      expect(config.tiles.labelsUrl).toBeNull();
    } finally {
      await tiled.close();
    }
  });

  it('takes a label layer over the tiles (Tianditu cva), allowed in the CSP', async () => {
    const labelled = await createTestApp({
      env: {
        YIWANG_MAP_TILES_URL: 'https://t0.tianditu.gov.cn/vec_w/wmts?tk=KEY&x={x}&y={y}&l={z}',
        YIWANG_MAP_LABELS_URL: 'https://labels.example.cn/cva_w/wmts?tk=KEY&x={x}&y={y}&l={z}',
      },
    });
    try {
      const client = await labelled.login('operator');
      const answer = await client.get('/api/map/config');
      expect(answer.json().tiles.labelsUrl).toBe('https://labels.example.cn/cva_w/wmts?tk=KEY&x={x}&y={y}&l={z}');
      expect(String(answer.headers['content-security-policy'])).toContain('https://labels.example.cn');
    } finally {
      await labelled.close();
    }
  });
});
