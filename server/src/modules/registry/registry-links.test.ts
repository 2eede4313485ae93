import {
  type BuildingPage,
  type CaseRegistryLink,
  type Facility,
  type FacilityList,
  haversineMeters,
  type LinkedCase,
  type OrganizationList,
} from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp } from '../../test/app.js';
import { at, baseGridsOf, type CaseWorld, caseWorld, DEMO_COMMUNITY, reportOk } from '../cases/cases.test-helpers.js';
import { gridLocatorFor } from '../grids/index.js';
import type { GeneratedRegistry } from './demo/generate-community-registry.js';
import { demoRegistry } from './demo/load-demo-registry.js';
import { linkCasesToFacilities } from './use-cases/case-links.js';

/** Small enough that a large demo building is refused, large enough for a small one. */
const MAX_ROWS = 40;
const OTHER_TOWN = '320281004';
const OTHER_TOWN_COMMUNITY = '320281004001';

let w: CaseWorld;
let otherOperator: Client;
let demo: GeneratedRegistry;
let gridPoint: [number, number];
/** Cases reported by this file are newer: the demo's own cases are left out of the automatic linker's runs. */
let since: Date;

beforeAll(async () => {
  w = await caseWorld(await createTestApp({ config: { exportMaxRows: MAX_ROWS } }));
  const generated = await demoRegistry(w.t.database.db);
  if (!generated) throw new Error('no demo registry');
  demo = generated;
  const created = await w.admin.post('/api/users', {
    username: 'operator-links-other-town',
    displayName: '其他镇值班员',
    password: 'links-test-2026',
    roles: ['operator'],
    scopeRegionCode: OTHER_TOWN,
    unitId: w.unitId(`${OTHER_TOWN}-CC`),
  });
  expect(created.statusCode, created.body).toBe(201);
  otherOperator = await w.t.login('operator-links-other-town', 'links-test-2026');
  const [grid] = await baseGridsOf(w, DEMO_COMMUNITY);
  if (!grid) throw new Error('no grid');
  gridPoint = grid.point as [number, number];
  since = new Date();
}, 120_000);
afterAll(() => w.t.close());

const deps = () => ({
  db: w.t.database.db,
  secretKey: w.t.config.secretKey,
  locator: gridLocatorFor(w.t.database),
});

const auditRows = (action: string) =>
  queryRows<{ object_type: string; object_id: string | null; details: Record<string, unknown>; actor_label: string }>(
    w.t.database.db,
    sql`SELECT object_type, object_id, details, actor_label FROM audit_log WHERE action = ${action} ORDER BY id`,
  );

let caseSeq = 0;
async function reportIn(client: Client, point: readonly [number, number], matterCode = 'CG-0303', east = 0) {
  caseSeq += 1;
  const { case: reported } = await reportOk(client, {
    matterCode,
    description: `关联测试 ${caseSeq}`,
    point: at(point as [number, number], east, 0),
    reporter: { name: '赵先生', phone: '13912345678' },
    // Facility matters ask whether anyone is at risk.
    ...(matterCode.startsWith('CG-01') ? { formAnswers: { hazard: 'none' } } : {}),
  });
  return reported.code;
}

const casesOf = async (client: Client, url: string): Promise<LinkedCase[]> => {
  const r = await client.get(url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
};

async function workbookOf(response: LightMyRequestResponse): Promise<string[][]> {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]?.eachRow((row) => {
    rows.push(
      (row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return rows;
}

/** No full ID number (18 characters) or phone (11 digits) of any demo person anywhere in the rows. */
function expectNothingUnmasked(rows: string[][]) {
  const text = rows.flat().join('\n');
  for (const p of demo.people) {
    expect(text).not.toContain(p.idNumber);
    if (p.phone) expect(text).not.toContain(p.phone);
  }
}

describe('cases linked to registry records by hand', () => {
  it('an operator links a case to a person; the person page and the case page show it; audited; removable', async () => {
    const person = demo.people[0];
    const mate = demo.people.find((p) => p.householdId === person?.householdId && p.id !== person?.id);
    if (!person || !mate) throw new Error('no household of two in the demo');
    const code = await reportIn(w.operator, gridPoint);

    const linked = await w.operator.post(`/api/registry/case-links/${code}`, { kind: 'person', recordId: person.id });
    expect(linked.statusCode, linked.body).toBe(201);
    const link = linked.json<CaseRegistryLink>();
    expect(link).toMatchObject({
      kind: 'person',
      recordId: person.id,
      title: person.name,
      personId: person.id,
      origin: 'manual',
    });
    // Linking it again changes nothing.
    const again = await w.operator.post(`/api/registry/case-links/${code}`, { kind: 'person', recordId: person.id });
    expect(again.statusCode).toBe(200);
    expect(again.json<CaseRegistryLink>().id).toBe(link.id);
    expect((await auditRows('registry.case-link.create')).filter((a) => a.object_id === link.id)).toHaveLength(1);

    const onCase = await w.operator.get(`/api/registry/case-links/${code}`);
    expect(onCase.statusCode, onCase.body).toBe(200);
    expect(onCase.json().items.map((l: CaseRegistryLink) => l.recordId)).toEqual([person.id]);
    expect(JSON.stringify(onCase.json())).not.toContain(person.idNumber);
    expect((await auditRows('registry.case-links.view')).some((a) => a.details.case === code)).toBe(true);

    const ofPerson = await casesOf(w.workstation, `/api/registry/people/${person.id}/cases`);
    expect(ofPerson).toEqual([
      expect.objectContaining({ code, state: expect.any(String), matterName: expect.any(String), via: 'person' }),
    ]);
    expect(
      (await auditRows('registry.case-links.view')).some(
        (a) => a.object_type === 'registry-person' && a.object_id === person.id,
      ),
    ).toBe(true);
    // A link to the person is not one to the household: their housemate's page does not list it.
    expect((await casesOf(w.workstation, `/api/registry/people/${mate.id}/cases`)).map((c) => c.code)).not.toContain(
      code,
    );

    const removed = await w.operator.delete(`/api/registry/case-links/${code}/${link.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await casesOf(w.workstation, `/api/registry/people/${person.id}/cases`)).map((c) => c.code)).not.toContain(
      code,
    );
    expect((await auditRows('registry.case-link.remove')).map((a) => a.object_id)).toContain(link.id);
    expect((await w.operator.delete(`/api/registry/case-links/${code}/${link.id}`)).statusCode).toBe(404);
    // Linked again by hand: the same link reopened.
    const reopened = await w.operator.post(`/api/registry/case-links/${code}`, { kind: 'person', recordId: person.id });
    expect(reopened.statusCode).toBe(201);
    expect(reopened.json<CaseRegistryLink>().id).toBe(link.id);
  });

  it('a household link lists the case on every member’s page, a dwelling link on the building’s', async () => {
    const person = demo.people[5];
    if (!person) throw new Error('no person');
    const members = demo.people.filter((p) => p.householdId === person.householdId);
    const household = demo.households.find((h) => h.id === person.householdId);
    const dwelling = demo.dwellings.find((d) => d.id === household?.dwellingId);
    if (!dwelling) throw new Error('no dwelling');
    const code = await reportIn(w.operator, gridPoint, 'CG-0303', 5);
    expect(
      (await w.operator.post(`/api/registry/case-links/${code}`, { kind: 'household', recordId: person.householdId }))
        .statusCode,
    ).toBe(201);
    for (const m of members) {
      const cases = await casesOf(w.workstation, `/api/registry/people/${m.id}/cases`);
      expect(cases.find((c) => c.code === code)?.via).toBe('household');
    }
    const dwellingCase = await reportIn(w.operator, gridPoint, 'CG-0303', 10);
    const linked = await w.workstation.post(`/api/registry/case-links/${dwellingCase}`, {
      kind: 'dwelling',
      recordId: dwelling.id,
    });
    expect(linked.statusCode, linked.body).toBe(201);
    const ofBuilding = (await casesOf(w.workstation, `/api/registry/buildings/${dwelling.buildingId}/cases`)).map(
      (c) => c.code,
    );
    expect(ofBuilding).toEqual(expect.arrayContaining([code, dwellingCase]));
  });

  it('refuses what is not in scope (404), a reader without the right (403) and a wrong kind (400)', async () => {
    const person = demo.people[10];
    if (!person) throw new Error('no person');
    const code = await reportIn(w.operator, gridPoint, 'CG-0303', 15);
    // The other town's operator sees neither the case nor the person.
    expect(
      (await otherOperator.post(`/api/registry/case-links/${code}`, { kind: 'person', recordId: person.id }))
        .statusCode,
    ).toBe(404);
    expect((await otherOperator.get(`/api/registry/case-links/${code}`)).statusCode).toBe(404);
    expect((await otherOperator.get(`/api/registry/people/${person.id}/cases`)).statusCode).toBe(404);
    // A record that does not exist (or lies outside the caller's registry scope): not found.
    expect(
      (
        await w.operator.post(`/api/registry/case-links/${code}`, {
          kind: 'person',
          recordId: '00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await w.gridworker.post(`/api/registry/case-links/${code}`, { kind: 'person', recordId: person.id })).statusCode,
    ).toBe(403);
    const wrong = await w.operator.post(`/api/registry/case-links/${code}`, { kind: 'building', recordId: person.id });
    expect(wrong.statusCode).toBe(400);
  });

  it('out-of-scope links are absent: a case elsewhere is not listed on the person page, nor a person elsewhere on the case', async () => {
    const person = demo.people[20];
    if (!person) throw new Error('no person');
    const [otherGrid] = await baseGridsOf(w, OTHER_TOWN_COMMUNITY);
    if (!otherGrid) throw new Error('no grid in the other town');
    const elsewhere = await reportIn(w.cityOperator, otherGrid.point as [number, number]);
    const here = await reportIn(w.operator, gridPoint, 'CG-0303', 20);
    for (const code of [elsewhere, here]) {
      const r = await w.cityOperator.post(`/api/registry/case-links/${code}`, { kind: 'person', recordId: person.id });
      expect(r.statusCode, r.body).toBe(201);
    }
    // The county operator sees both; 澄江街道's only its own town's case.
    expect(
      (await casesOf(w.cityOperator, `/api/registry/people/${person.id}/cases`)).map((c) => c.code).sort(),
    ).toEqual([elsewhere, here].sort());
    expect((await casesOf(w.operator, `/api/registry/people/${person.id}/cases`)).map((c) => c.code)).toEqual([here]);
    // The other town's operator sees their case, but not the 文定 person it is linked to.
    const onCase = await otherOperator.get(`/api/registry/case-links/${elsewhere}`);
    expect(onCase.statusCode, onCase.body).toBe(200);
    expect(onCase.json().items).toEqual([]);
  });
});

describe('facility-matter cases linked automatically', () => {
  it('links a case within a few metres of exactly one facility of its class, never two, never again once removed', async () => {
    const lamps = (await w.workstation.get('/api/registry/facilities?q=0201&limit=500')).json<FacilityList>().items;
    const alone = lamps.find((f) =>
      lamps.every((o) => o.id === f.id || haversineMeters([f.lon, f.lat], [o.lon, o.lat]) > 30),
    );
    if (!alone) throw new Error('no street lamp stands alone in the demo');
    const point: [number, number] = [alone.lon, alone.lat];
    const near = await reportIn(w.operator, point, 'CG-0104', 3);
    const eventCase = await reportIn(w.operator, point, 'CG-0303', 2);

    expect(await linkCasesToFacilities(deps(), { rootPath: '320281', since })).toBe(1);
    expect(await linkCasesToFacilities(deps(), { rootPath: '320281', since })).toBe(0);
    const ofLamp = await casesOf(w.workstation, `/api/registry/facilities/${alone.id}/cases`);
    expect(ofLamp.map((c) => c.code)).toEqual([near]);
    expect(ofLamp[0]?.via).toBe('facility');
    const links = (await w.operator.get(`/api/registry/case-links/${near}`)).json().items as CaseRegistryLink[];
    expect(links).toEqual([expect.objectContaining({ kind: 'facility', recordId: alone.id, origin: 'automatic' })]);
    expect((await w.operator.get(`/api/registry/case-links/${eventCase}`)).json().items).toEqual([]);
    expect(
      (await auditRows('registry.case-link.create')).some(
        (a) => a.actor_label === 'registry-case-links' && a.details.case === near,
      ),
    ).toBe(true);

    // A second lamp 6 m away: a new case between them is left to the desk.
    const second = await w.workstation.post('/api/registry/facilities', {
      classCode: '0201',
      name: '路灯',
      lon: at(point, 0, 6).lon,
      lat: at(point, 0, 6).lat,
      state: 'intact',
      ownerUnit: '江阴市城市管理局',
    });
    expect(second.statusCode, second.body).toBe(201);
    // (Another matter of the class: a second 路灯不亮 here would merge into the first case.)
    const between = await reportIn(w.operator, [at(point, 0, 3).lon, at(point, 0, 3).lat], 'CG-0105');
    expect(between).not.toBe(near);
    expect(await linkCasesToFacilities(deps(), { rootPath: '320281', since })).toBe(0);
    expect((await w.operator.get(`/api/registry/case-links/${between}`)).json().items).toEqual([]);

    // Removed by the operator, the automatic link does not come back.
    const [link] = links;
    if (!link) throw new Error('no link');
    expect((await w.operator.delete(`/api/registry/case-links/${near}/${link.id}`)).statusCode).toBe(200);
    expect(await linkCasesToFacilities(deps(), { rootPath: '320281', since })).toBe(0);
    expect(await casesOf(w.workstation, `/api/registry/facilities/${alone.id}/cases`)).toEqual([]);
    expect((await otherOperator.get(`/api/registry/facilities/${alone.id}/cases`)).statusCode).toBe(404);
  });
});

describe('the registry lists as Excel', () => {
  it('search results: the table’s columns, people by name only, audited without the words searched', async () => {
    const person = demo.people[3];
    if (!person) throw new Error('no person');
    const rows = await workbookOf(
      await w.workstation.get(`/api/registry/search/export.xlsx?q=${encodeURIComponent(person.idNumber)}`),
    );
    expect(rows[0]).toEqual(['类别', '名称', '位置']);
    expect(rows.slice(1).map((r) => r[1])).toContain(person.name);
    expectNothingUnmasked(rows);
    const [audit] = (await auditRows('registry.export')).filter((a) => a.details.list === 'search').slice(-1);
    expect(audit?.details.rows).toBe(rows.length - 1);
    expect(JSON.stringify(audit)).not.toContain(person.idNumber);
    // Out of scope: nothing found.
    expect(
      (await workbookOf(await otherOperator.get(`/api/registry/search/export.xlsx?q=${person.name}`))).length,
    ).toBe(1);
  });

  it('a building: one row a person, ID numbers and phones masked as on the page; capped; out of scope 404', async () => {
    const pages: BuildingPage[] = [];
    for (const b of demo.buildings) pages.push((await w.workstation.get(`/api/registry/buildings/${b.id}`)).json());
    const rowsOf = (p: BuildingPage) =>
      p.dwellings.reduce(
        (n, d) =>
          n +
          Math.max(
            1,
            d.households.reduce((m, h) => m + h.members.length, 0),
          ),
        0,
      );
    const small = pages.find((p) => rowsOf(p) <= MAX_ROWS);
    const large = pages.find((p) => rowsOf(p) > MAX_ROWS);
    if (!small || !large) throw new Error('the demo has no small and large building');

    const rows = await workbookOf(await w.workstation.get(`/api/registry/buildings/${small.building.id}/export.xlsx`));
    expect(rows[0]?.slice(0, 6)).toEqual(['房屋', '用途', '面积（㎡）', '间数', '户别', '姓名']);
    expect(rows).toHaveLength(rowsOf(small) + 1);
    const people = small.dwellings.flatMap((d) => d.households.flatMap((h) => h.members));
    for (const p of people) {
      const row = rows.find((r) => r[5] === p.name && r[8] === p.birthDate);
      expect(row?.[9]).toBe(p.idNumberMasked ?? '');
      expect(row?.[10]).toBe(p.phoneMasked ?? '');
    }
    expectNothingUnmasked(rows);
    const [audit] = (await auditRows('registry.export')).filter((a) => a.object_id === small.building.id);
    expect(audit).toMatchObject({ object_type: 'registry-building', details: { rows: rows.length - 1 } });

    const refused = await w.workstation.get(`/api/registry/buildings/${large.building.id}/export.xlsx`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('export-too-large');
    expect((await otherOperator.get(`/api/registry/buildings/${small.building.id}/export.xlsx`)).statusCode).toBe(404);
  });

  it('organizations and facilities: the list with its filter, contact phones masked, scoped, audited', async () => {
    const list = (await w.workstation.get('/api/registry/organizations?limit=500')).json<OrganizationList>();
    expect(list.total).toBe(demo.organizations.length);
    const rows = await workbookOf(await w.workstation.get('/api/registry/organizations/export.xlsx'));
    expect(rows[0]?.[0]).toBe('名称');
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.items.map((o) => o.name));
    expect(rows.slice(1).every((r) => r[5] === '' || /\*{4}/.test(r[5] ?? ''))).toBe(true);
    for (const o of demo.organizations) expect(rows.flat()).not.toContain(o.contactPhone);
    expect((await auditRows('registry.export')).some((a) => a.details.list === 'organizations')).toBe(true);

    const hydrants = (await w.workstation.get('/api/registry/facilities?q=0110&limit=500')).json<FacilityList>();
    expect(hydrants.items.every((f: Facility) => f.classCode === '0110')).toBe(true);
    const facilityRows = await workbookOf(await w.workstation.get('/api/registry/facilities/export.xlsx?q=0110'));
    expect(facilityRows.slice(1).map((r) => r[0])).toEqual(hydrants.items.map((f) => f.classCode));
    expect(
      (await auditRows('registry.export')).filter((a) => a.details.list === 'facilities').slice(-1)[0]?.details.rows,
    ).toBe(hydrants.items.length);
    const everything = (await w.workstation.get('/api/registry/facilities?limit=500')).json<FacilityList>();
    expect((await workbookOf(await w.workstation.get('/api/registry/facilities/export.xlsx'))).length).toBe(
      everything.total + 1,
    );
    // The other town sees none of 文定's.
    expect((await otherOperator.get('/api/registry/organizations?limit=500')).json().total).toBe(0);
    expect((await workbookOf(await otherOperator.get('/api/registry/facilities/export.xlsx?q=0110'))).length).toBe(1);
  });
});
