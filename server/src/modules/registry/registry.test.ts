import { createHash } from 'node:crypto';
import type {
  Address,
  Building,
  Dwelling,
  Household,
  PersonPage,
  RegistryMapLayer,
  SharedRecords,
  SharingGrant,
} from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { interiorPointOf } from '../grids/index.js';
import type { GeneratedRegistry } from './demo/generate-community-registry.js';
import { communityInput, demoRegistry } from './demo/load-demo-registry.js';
import { makeIdNumber } from './domain/id-number.js';
import { resealLegacyDemoRegistry } from './use-cases/reseal-legacy-demo.js';

const COMMUNITY = '320281001001';
const OTHER_COMMUNITY = '320281001003';
let t: TestApp;
let admin: Client;
let workstation: Client;
let gridworker: Client;
let handler: Client;
let demo: GeneratedRegistry;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  workstation = await t.login('workstation');
  gridworker = await t.login('gridworker');
  handler = await t.login('handler');
  const generated = await demoRegistry(t.database.db);
  if (!generated) throw new Error('no demo registry');
  demo = generated;
}, 120_000);
afterAll(() => t.close());

const auditRows = (action: string) =>
  queryRows<{ object_id: string; details: Record<string, unknown>; actor_label: string }>(
    t.database.db,
    sql`SELECT object_id, details, actor_label FROM audit_log WHERE action = ${action} ORDER BY id`,
  );

/** A building with one flat in a community, made through the API by `client`. */
async function place(client: Client, community: string, number: number) {
  const input = await communityInput(t.database.db, community);
  const grid = input?.grids[0];
  if (!grid) throw new Error('no grid');
  const [lon, lat] = interiorPointOf(grid.geometry);
  const address = await client.post('/api/registry/addresses', {
    regionCode: community,
    road: '测试路',
    roadCode: 99,
    number,
    building: 1,
    lon,
    lat,
    aliases: [{ alias: `测试路${number}号楼`, kind: 'nonstandard' }],
  });
  expect(address.statusCode, address.body).toBe(201);
  const flatAddress = await client.post('/api/registry/addresses', {
    regionCode: community,
    road: '测试路',
    roadCode: 99,
    number,
    building: 1,
    unit: 1,
    room: 101,
  });
  expect(flatAddress.statusCode, flatAddress.body).toBe(201);
  const building = await client.post('/api/registry/buildings', {
    addressId: address.json<Address>().id,
    name: `测试路${number}号1幢`,
    lon,
    lat,
    floors: 5,
    use: 'residential',
  });
  expect(building.statusCode, building.body).toBe(201);
  const dwelling = await client.post('/api/registry/dwellings', {
    buildingId: building.json<Building>().id,
    addressId: flatAddress.json<Address>().id,
    use: 'owner_occupied',
    areaM2: 88.5,
    rooms: 3,
  });
  expect(dwelling.statusCode, dwelling.body).toBe(201);
  return { building: building.json<Building>(), dwelling: dwelling.json<Dwelling>(), grid };
}

const ID_A = makeIdNumber('320281', '19800315', 11);
const ID_B = makeIdNumber('320281', '19820704', 22);
const ID_C = makeIdNumber('320281', '20150101', 33);

describe('the registry model', () => {
  let dwelling: Dwelling;
  let household: Household;

  it('registers an address, a building in its base grid (房进格), a dwelling and a household with exactly one head', async () => {
    const placed = await place(workstation, COMMUNITY, 501);
    dwelling = placed.dwelling;
    expect(placed.building.gridCode).toBe(placed.grid.code);
    expect(dwelling.address).toBe('文定社区测试路501号1幢1单元101室');

    const member = (name: string, relation: string, idNumber?: string) => ({
      name,
      relation,
      residence: 'registered',
      ...(idNumber ? { idNumber } : { sex: 'female', birthDate: '2019-05-01' }),
    });
    const twoHeads = await workstation.post('/api/registry/households', {
      kind: 'registered',
      dwellingId: dwelling.id,
      members: [member('周建国', 'head', ID_A), member('吴秀英', 'head', ID_B)],
    });
    expect(twoHeads.statusCode).toBe(422);
    expect(twoHeads.json().error.code).toBe('household-head');
    const noHead = await workstation.post('/api/registry/households', {
      kind: 'registered',
      dwellingId: dwelling.id,
      members: [member('周建国', 'spouse', ID_A)],
    });
    expect(noHead.json().error.code).toBe('household-head');
    const badId = `${ID_A.slice(0, 17)}${ID_A[17] === '0' ? '1' : '0'}`;
    const bad = await workstation.post('/api/registry/households', {
      kind: 'registered',
      dwellingId: dwelling.id,
      members: [member('周建国', 'head', badId)],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { field: 'members.0.idNumber', code: 'id-number-check-digit', message: '校验位不对（GB 11643）' },
    ]);

    const created = await workstation.post('/api/registry/households', {
      kind: 'registered',
      dwellingId: dwelling.id,
      members: [member('周建国', 'head', ID_A), member('吴秀英', 'spouse', ID_B), member('周小雨', 'child')],
    });
    expect(created.statusCode, created.body).toBe(201);
    household = created.json<Household>();
    expect(household.members.map((m) => [m.name, m.relation, m.sex, m.birthDate])).toEqual([
      ['周建国', 'head', 'male', '1980-03-15'],
      ['吴秀英', 'spouse', 'female', '1982-07-04'],
      ['周小雨', 'child', 'female', '2019-05-01'],
    ]);
    expect(household.members[0]?.idNumberMasked).toBe(`3202***********${ID_A.slice(-3)}`);
    // Nothing in the answer holds a whole ID number.
    expect(created.body).not.toContain(ID_A);

    // The same ID number again is a clash, never an overwrite or a merge.
    const again = await workstation.post(`/api/registry/households/${household.id}/members`, {
      name: '周建国',
      relation: 'other',
      residence: 'registered',
      idNumber: ID_A,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('person-id-number-exists');
    // A second head is refused; a newborn joins.
    const secondHead = await workstation.post(`/api/registry/households/${household.id}/members`, {
      name: '周大海',
      relation: 'head',
      residence: 'registered',
      idNumber: ID_C,
    });
    expect(secondHead.json().error.code).toBe('household-head');
    const child = await workstation.post(`/api/registry/households/${household.id}/members`, {
      name: '周小海',
      relation: 'child',
      residence: 'registered',
      idNumber: ID_C,
    });
    expect(child.statusCode, child.body).toBe(201);
  });

  it('keeps every change in history: who, when, valid from/to; the head cannot be lost', async () => {
    const head = household.members[0];
    if (!head) throw new Error('no head');
    const moveOut = await workstation.patch(`/api/registry/people/${head.id}`, { movedOutOn: '2026-02-01' });
    expect(moveOut.statusCode).toBe(422);
    expect(moveOut.json().error.code).toBe('household-head');

    const renamed = await workstation.patch(`/api/registry/people/${head.id}`, { phone: '13912345678' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ phoneMasked: '139****5678', version: 2 });
    const history = await workstation.get(`/api/registry/history/person/${head.id}`);
    expect(history.statusCode).toBe(200);
    const [previous] = history.json().items;
    expect(previous).toMatchObject({ version: 1, changedBy: workstation.session.user.id });
    expect(previous.state).toMatchObject({ name: '周建国', phoneMasked: null, relation: 'head' });
    expect(JSON.stringify(previous.state)).not.toContain('Sealed');
    expect(Date.parse(previous.validTo)).toBeGreaterThanOrEqual(Date.parse(previous.validFrom));

    const changed = await workstation.patch(`/api/registry/dwellings/${dwelling.id}`, { use: 'rented' });
    expect(changed.json()).toMatchObject({ use: 'rented', version: 2 });
    const dwellingHistory = await workstation.get(`/api/registry/history/dwelling/${dwelling.id}`);
    expect(dwellingHistory.json().items.map((h: { state: { use: string } }) => h.state.use)).toEqual([
      'owner_occupied',
    ]);
    expect((await auditRows('registry.update')).length).toBeGreaterThanOrEqual(2);
  });

  it('registers a facility in the grid of its point and keeps its state changes in history', async () => {
    const input = await communityInput(t.database.db, COMMUNITY);
    const [lon, lat] = interiorPointOf(input?.grids[0]?.geometry ?? { type: 'Polygon', coordinates: [] });
    const made = await gridworker.post('/api/registry/facilities', {
      classCode: '0110',
      name: '消防栓',
      lon,
      lat,
      state: 'intact',
      ownerUnit: '江阴市消防救援大队',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().gridCode).toBe(input?.grids[0]?.code);
    const changed = await gridworker.patch(`/api/registry/facilities/${made.json().id}`, { state: 'damaged' });
    expect(changed.json()).toMatchObject({ state: 'damaged', version: 2 });
    const history = (await gridworker.get(`/api/registry/history/facility/${made.json().id}`)).json();
    expect(history.items.map((h: { state: { state: string } }) => h.state.state)).toEqual(['intact']);
  });

  it('finds a record only within scope: another community’s person is 404 to this community’s grid worker', async () => {
    const placed = await place(admin, OTHER_COMMUNITY, 502);
    const made = await admin.post('/api/registry/households', {
      kind: 'actual',
      dwellingId: placed.dwelling.id,
      members: [
        { name: '钱多多', relation: 'head', residence: 'floating', idNumber: makeIdNumber('340221', '19900101', 45) },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const person = made.json<Household>().members[0];
    expect((await gridworker.get(`/api/registry/people/${person?.id}`)).statusCode).toBe(404);
    expect((await gridworker.get(`/api/registry/buildings/${placed.building.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/registry/people/${person?.id}`)).statusCode).toBe(200);
    // A building whose point lies outside the address's community is refused.
    const input = await communityInput(t.database.db, COMMUNITY);
    const [lon, lat] = interiorPointOf(input?.grids[0]?.geometry ?? placed.grid.geometry);
    const elsewhere = await admin.post('/api/registry/buildings', {
      addressId: placed.dwelling.addressId,
      name: '错位楼',
      lon,
      lat,
      floors: 3,
      use: 'residential',
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.code).toBe('registry-point-elsewhere');
  });
});

describe('privacy: masked, revealed for a purpose, tags only where granted', () => {
  const demoPerson = () => {
    const tagged = demo.tags.find((x) => x.tag === 'elderly_alone');
    const person = demo.people.find((p) => p.id === tagged?.personId);
    if (!person) throw new Error('no elderly person living alone in the demo');
    return person;
  };

  it('a person page masks the ID number and phone; revealing needs a purpose and is audited', async () => {
    const person = demoPerson();
    const page = await gridworker.get(`/api/registry/people/${person.id}`);
    expect(page.statusCode).toBe(200);
    const body = page.json<PersonPage>();
    expect(body.person.idNumberMasked).toBe(`${person.idNumber.slice(0, 4)}***********${person.idNumber.slice(-3)}`);
    expect(page.body).not.toContain(person.idNumber);
    expect(body.household.members.some((m) => m.id === person.id)).toBe(true);

    const noPurpose = await gridworker.post(`/api/registry/people/${person.id}/reveal`, {
      field: 'idNumber',
      purpose: ' ',
    });
    expect(noPurpose.statusCode).toBe(400);
    const revealed = await gridworker.post(`/api/registry/people/${person.id}/reveal`, {
      field: 'idNumber',
      purpose: '上门核实身份',
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ value: person.idNumber });
    const reveals = await auditRows('registry.id-number.reveal');
    expect(reveals.at(-1)).toMatchObject({
      object_id: person.id,
      actor_label: 'gridworker',
      details: { purpose: '上门核实身份' },
    });
    expect(JSON.stringify(reveals)).not.toContain(person.idNumber);
    // A department handler may not read people at all.
    expect((await handler.get(`/api/registry/people/${person.id}`)).statusCode).toBe(403);
  });

  it('a special-population tag is absent for an ungranted grid worker, shown (and audited) where granted', async () => {
    const person = demoPerson();
    const tagged = await admin.post(`/api/registry/people/${person.id}/tags`, { tag: 'community_correction' });
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect(tagged.json().tags).toEqual(expect.arrayContaining(['elderly_alone', 'community_correction']));
    // The grid worker is granted no tag: the field is absent, not empty.
    const asWorker = (await gridworker.get(`/api/registry/people/${person.id}`)).json<PersonPage>();
    expect('tags' in asWorker.person).toBe(false);
    expect(JSON.stringify(asWorker)).not.toContain('community_correction');
    // …and may not set one.
    const refused = await gridworker.post(`/api/registry/people/${person.id}/tags`, { tag: 'disabled' });
    expect(refused.statusCode).toBe(403);
    // The workstation is granted the care groups: it sees 独居老人 but not 社区矫正.
    const asStation = (await workstation.get(`/api/registry/people/${person.id}`)).json<PersonPage>();
    expect(asStation.person.tags).toEqual(['elderly_alone']);
    const asAdmin = (await admin.get(`/api/registry/people/${person.id}`)).json<PersonPage>();
    expect([...(asAdmin.person.tags ?? [])].sort()).toEqual(['community_correction', 'elderly_alone']);
    const views = await auditRows('registry.tag.view');
    expect(views.slice(-2).map((v) => [v.actor_label, v.details.tags])).toEqual([
      ['workstation', ['elderly_alone']],
      ['admin', expect.arrayContaining(['elderly_alone', 'community_correction'])],
    ]);
  });

  it('a department granted only “elderly living alone: name and address” reads exactly those fields of exactly those people', async () => {
    const unitId = handler.session.user.unit?.id;
    if (!unitId) throw new Error('handler has no unit');
    const grant = await admin.post('/api/registry/sharing-grants', {
      unitId,
      recordKind: 'person',
      fields: ['name', 'address'],
      tag: 'elderly_alone',
      purpose: '高龄独居老人走访慰问',
      validUntil: '2099-12-31',
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const { id } = grant.json<SharingGrant>();
    const unknownField = await admin.post('/api/registry/sharing-grants', {
      unitId,
      recordKind: 'person',
      fields: ['name', 'salary'],
      purpose: '测试',
      validUntil: '2099-12-31',
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details[0].field).toBe('fields.1');

    // The department lists its own unit's grants; the grid worker may not list the catalog.
    const mine = (await handler.get('/api/registry/sharing-grants')).json<{ items: SharingGrant[] }>();
    expect(mine.items.map((g) => g.id)).toContain(id);
    expect(mine.items.every((g) => g.unitId === unitId)).toBe(true);
    expect((await gridworker.get('/api/registry/sharing-grants')).statusCode).toBe(403);
    const read = await handler.get(`/api/registry/shared/${id}`);
    expect(read.statusCode, read.body).toBe(200);
    const { items } = read.json<SharedRecords>();
    const expected = demo.tags.filter((x) => x.tag === 'elderly_alone').map((x) => x.personId);
    expect(items.map((i) => i.id).sort()).toEqual([...expected].sort());
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['address', 'id', 'name']);
    expect(items.length).toBeGreaterThan(0);
    // Neither the worker nor another unit reads through this grant; a revoked grant reads nothing.
    expect((await gridworker.get(`/api/registry/shared/${id}`)).statusCode).toBe(403);
    const uses = await auditRows('registry.shared.read');
    expect(uses.at(-1)).toMatchObject({
      object_id: id,
      actor_label: 'handler',
      details: { purpose: '高龄独居老人走访慰问', records: items.length },
    });
    expect((await auditRows('registry.sharing-grant.create')).at(-1)?.object_id).toBe(id);

    // The department's list as Excel: the same people, exactly the two granted columns, audited.
    const xlsx = await handler.get(`/api/registry/shared/${id}/export.xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '名称/姓名', '地址']);
    const names: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
    });
    expect(names.sort()).toEqual(items.map((i) => String(i.name)).sort());
    expect(sheet?.getRow(2).cellCount).toBe(2);
    expect((await auditRows('registry.shared.export')).at(-1)).toMatchObject({
      object_id: id,
      details: { purpose: '高龄独居老人走访慰问', records: items.length },
    });
    expect((await gridworker.get(`/api/registry/shared/${id}/export.xlsx`)).statusCode).toBe(403);

    expect((await admin.post(`/api/registry/sharing-grants/${id}/revoke`)).statusCode).toBe(200);
    expect((await handler.get(`/api/registry/shared/${id}`)).statusCode).toBe(404);
    expect((await handler.get(`/api/registry/shared/${id}/export.xlsx`)).statusCode).toBe(404);
    expect((await auditRows('registry.sharing-grant.revoke')).at(-1)?.object_id).toBe(id);
  });

  it('the same one cut for other kinds: organizations’ name and contact phone, the phone masked', async () => {
    const unitId = handler.session.user.unit?.id;
    const grant = await admin.post('/api/registry/sharing-grants', {
      unitId,
      recordKind: 'organization',
      fields: ['name', 'contactPhone'],
      purpose: '沿街商铺消防检查',
      validUntil: '2099-12-31',
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const read = await handler.get(`/api/registry/shared/${grant.json<SharingGrant>().id}`);
    const { items } = read.json<SharedRecords>();
    expect(items).toHaveLength(demo.organizations.length);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['contactPhone', 'id', 'name']);
      expect(item.contactPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });
});

describe('search and the group-rental rule on the demo community', () => {
  it('finds by name, pinyin initials, address text and exact ID number or phone (blind index)', async () => {
    const person = demo.people.find((p) => p.phone && p.name.length === 3) ?? demo.people[0];
    if (!person?.phone) throw new Error('no person with a phone');
    const byName = (
      await gridworker.get(`/api/registry/search?kind=person&q=${encodeURIComponent(person.name)}`)
    ).json();
    expect(byName.items.map((h: { id: string }) => h.id)).toContain(person.id);
    const byInitials = (
      await gridworker.get(`/api/registry/search?kind=person&limit=100&q=${person.nameInitials}`)
    ).json();
    expect(byInitials.items.map((h: { id: string }) => h.id)).toContain(person.id);
    const byId = (await gridworker.get(`/api/registry/search?q=${person.idNumber}`)).json();
    expect(byId.items.filter((h: { kind: string }) => h.kind === 'person').map((h: { id: string }) => h.id)).toEqual([
      person.id,
    ]);
    const byPhone = (await gridworker.get(`/api/registry/search?kind=person&q=${person.phone}`)).json();
    expect(byPhone.items.map((h: { id: string }) => h.id)).toEqual([person.id]);
    const searches = await auditRows('registry.search');
    expect(searches.slice(-2).map((s) => s.details.by)).toEqual(['id-number', 'phone']);
    expect(JSON.stringify(searches)).not.toContain(person.phone);
    const byAddress = (
      await gridworker.get(`/api/registry/search?kind=building&q=${encodeURIComponent('文定路10号')}`)
    ).json();
    expect(byAddress.items[0]).toMatchObject({ kind: 'building', title: '文定路10号1幢' });
    const byAlias = (await gridworker.get(`/api/registry/search?kind=address&q=${encodeURIComponent('号楼')}`)).json();
    expect(byAlias.items.length).toBeGreaterThan(0);
  });

  it('the building page lists its dwellings, households and people, masked', async () => {
    const building = demo.buildings[0];
    const page = await gridworker.get(`/api/registry/buildings/${building?.id}`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.dwellings).toHaveLength(24);
    const people = demo.people.filter((p) =>
      demo.households.find(
        (h) =>
          h.id === p.householdId && demo.dwellings.find((d) => d.id === h.dwellingId && d.buildingId === building?.id),
      ),
    );
    const shown = body.dwellings.flatMap((d: { households: Household[] }) => d.households.flatMap((h) => h.members));
    expect(shown).toHaveLength(people.length);
    for (const p of people) expect(page.body).not.toContain(p.idNumber);
  });

  it('flags exactly the planted group rentals of the demo (Nanjing’s rule for 江阴)', async () => {
    const list = await gridworker.get('/api/registry/group-rentals');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.rule).toBe('nanjing');
    expect(demo.plantedGroupRentals).toHaveLength(3);
    expect(body.items.map((i: { dwelling: { id: string } }) => i.dwelling.id).sort()).toEqual(
      [...demo.plantedGroupRentals].sort(),
    );
    expect(body.items.every((i: { areaPerPerson: number }) => i.areaPerPerson < 10)).toBe(true);

    // The same list as Excel for the patrol and visit plans: one row per flagged dwelling, with why; audited.
    const xlsx = await gridworker.get('/api/registry/group-rentals/export.xlsx');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('房屋');
    const addresses: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) addresses.push(String(row.getCell(1).value));
    });
    expect(addresses.sort()).toEqual(
      body.items.map((i: { dwelling: { address: string } }) => i.dwelling.address).sort(),
    );
    expect(String(sheet?.getRow(2).getCell(9).value)).toMatch(
      /人均面积不足|多户合住|无亲属关系成年人过多|每间人数过多/,
    );
    expect(String(sheet?.getRow(2).getCell(10).value)).toContain('南京标准');
    const [audit] = await queryRows<{ details: { rows: number } }>(
      t.database.db,
      sql`SELECT details FROM audit_log WHERE action = 'registry.export' AND object_type = 'registry-group-rental-list' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.details.rows).toBe(3);
  });

  it('the demo is one community of valid-checksum people, within the size the test templates can carry', async () => {
    const [counts] = await queryRows<{ people: number; households: number; paths: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM registry_people) AS people, (SELECT count(*)::int FROM registry_households) AS households,
        (SELECT count(*)::int FROM registry_people WHERE path NOT LIKE '320281/320281001/320281001001/%') AS paths`,
    );
    expect(counts?.people).toBeGreaterThanOrEqual(demo.people.length);
    expect(demo.people.length).toBeLessThanOrEqual(1500);
    expect(demo.households.length).toBeGreaterThan(200);
    // Only the two people this file made elsewhere live outside 文定社区.
    expect(counts?.paths).toBe(1);
    const { idNumberProblem } = await import('./domain/id-number.js');
    expect(demo.people.filter((p) => idNumberProblem(p.idNumber) !== null)).toEqual([]);
    expect(new Set(demo.people.map((p) => p.idNumber)).size).toBe(demo.people.length);
  });
});

describe('the map layers and search at county scale', () => {
  it('counts a layer per base grid within scope (out-of-scope grids absent); facilities carry class and state', async () => {
    const mine = (await gridworker.get('/api/registry/map-layers?layer=facilities')).json() as RegistryMapLayer;
    expect(mine.counts.length).toBeGreaterThan(0);
    expect(mine.counts.every((c) => c.gridCode.startsWith(COMMUNITY))).toBe(true);
    const perGrid = new Map(mine.counts.map((c) => [c.gridCode, c.count]));
    for (const grid of new Set(demo.facilities.map((f) => f.gridCode))) {
      // The demo's facilities, plus the one this file registered.
      expect(perGrid.get(grid)).toBeGreaterThanOrEqual(demo.facilities.filter((f) => f.gridCode === grid).length);
    }
    expect(mine.total).toBe(demo.facilities.length + 1);
    expect(mine.points).toHaveLength(mine.total);
    expect(mine.points.every((p) => p.classCode && p.state)).toBe(true);
    expect(mine.points.map((p) => p.state)).toContain('damaged');

    // This file registered a building in another community: the admin's layer counts its grid, the grid worker's does not.
    const all = (await admin.get('/api/registry/map-layers?layer=buildings')).json() as RegistryMapLayer;
    const outside = all.counts.filter((c) => !c.gridCode.startsWith(COMMUNITY));
    expect(outside.map((c) => c.gridCode.slice(0, 12))).toContain(OTHER_COMMUNITY);
    const scoped = (await gridworker.get('/api/registry/map-layers?layer=buildings')).json() as RegistryMapLayer;
    expect(scoped.counts.filter((c) => !c.gridCode.startsWith(COMMUNITY))).toEqual([]);
    expect(scoped.points.every((p) => p.gridCode.startsWith(COMMUNITY))).toBe(true);
    expect(scoped.total).toBe(all.total - outside.reduce((sum, c) => sum + c.count, 0));

    const rentals = (await gridworker.get('/api/registry/map-layers?layer=rentals')).json() as RegistryMapLayer;
    const rented = demo.dwellings.filter((d) => d.use === 'rented').length;
    expect(rentals.total).toBeGreaterThanOrEqual(rented - 5);
    expect(rentals.points.reduce((sum, p) => sum + p.count, 0)).toBe(rentals.total);
    const organizations = (
      await gridworker.get('/api/registry/map-layers?layer=organizations')
    ).json() as RegistryMapLayer;
    expect(organizations.points).toHaveLength(demo.organizations.length);
  });

  it('returns only the points in the visible box, and refuses a box turned inside out', async () => {
    const building = demo.buildings[0];
    if (!building) throw new Error('no building');
    const box = [building.lon - 1e-5, building.lat - 1e-5, building.lon + 1e-5, building.lat + 1e-5].join(',');
    const inBox = (
      await gridworker.get(`/api/registry/map-layers?layer=buildings&bbox=${box}`)
    ).json() as RegistryMapLayer;
    expect(inBox.points.map((p) => p.id)).toEqual([building.id]);
    // The counts stay those of the whole scope (the side panel lists every grid).
    expect(inBox.total).toBeGreaterThan(1);
    const bad = await gridworker.get('/api/registry/map-layers?layer=buildings&bbox=121,32,120,31');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('map-bbox-invalid');
    expect((await gridworker.get('/api/registry/map-layers?layer=people')).statusCode).toBe(400);
  });

  it('finds by a name fragment, pinyin initials and address text through the trigram indexes', async () => {
    const person = demo.people.find((p) => p.name.length === 3);
    if (!person) throw new Error('no three-character name');
    const fragment = person.name.slice(1);
    const byFragment = (
      await gridworker.get(`/api/registry/search?kind=person&limit=100&q=${encodeURIComponent(fragment)}`)
    ).json();
    expect(byFragment.items.length).toBeGreaterThan(0);
    expect(byFragment.items.every((h: { title: string }) => h.title.includes(fragment))).toBe(true);
    const byText = (
      await gridworker.get(`/api/registry/search?kind=address&q=${encodeURIComponent('文定路10号')}`)
    ).json();
    expect(byText.items.length).toBeGreaterThan(0);
    expect(byText.items.every((h: { title: string }) => h.title.includes('文定路10号'))).toBe(true);

    // The planner can answer each kind of search from its trigram index (PGlite loads pg_trgm).
    const plan = async (query: ReturnType<typeof sql>) => {
      const rows = await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        return queryRows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN ${query}`);
      });
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    expect(await plan(sql`SELECT id FROM registry_people WHERE name ILIKE ${`%${person.name}%`}`)).toContain(
      'registry_people_name_trgm',
    );
    expect(
      await plan(sql`SELECT id FROM registry_people WHERE name_initials LIKE ${`${person.nameInitials}%`}`),
    ).toMatch(/registry_people_initials_(trgm|idx|order)/);
    // The search's own test of initials (COLLATE "C"): a range of the initials-then-name B-tree.
    expect(
      await plan(
        sql`SELECT id FROM registry_people WHERE (name_initials COLLATE "C") LIKE ${`${person.nameInitials}%`}`,
      ),
    ).toContain('registry_people_initials_order');
    expect(await plan(sql`SELECT id FROM registry_addresses WHERE text ILIKE ${'%文定路10号%'}`)).toContain(
      'registry_addresses_text_trgm',
    );
    expect(await plan(sql`SELECT id FROM registry_organizations WHERE name ILIKE ${'%文定路%'}`)).toContain(
      'registry_organizations_name_trgm',
    );
  });
});

describe('the demo sealed under the installation’s own key', () => {
  it('seals the demo people under the installation’s key; rows under the old published demo key are re-sealed once', async () => {
    const [sealedWith] = await queryRows<{ demo: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS demo FROM registry_people WHERE sealed_with <> 'platform'`,
    );
    expect(sealedWith?.demo).toBe(0);
    // A row as an earlier version wrote it: sealed under the key that was published in the source.
    const person = demo.people.find((p) => p.phone && p.id !== demo.people[0]?.id);
    if (!person?.phone) throw new Error('no person with a phone');
    const { encryptSecret } = await import('../../platform/crypto.js');
    const legacyKey = createHash('sha256')
      .update('yiwang demo registry: synthetic people only, key published')
      .digest();
    await t.database.db.execute(
      sql`UPDATE registry_people SET sealed_with = 'demo', id_number_sealed = ${encryptSecret(legacyKey, person.idNumber)},
          id_number_index = 'legacy', phone_sealed = ${encryptSecret(legacyKey, person.phone)}, phone_index = NULL
          WHERE id = ${person.id}`,
    );
    expect(await resealLegacyDemoRegistry(t.database.db, t.config.secretKey)).toBe(1);
    expect(await resealLegacyDemoRegistry(t.database.db, t.config.secretKey)).toBe(0);
    expect((await auditRows('registry.resealed')).map((r) => r.details)).toEqual([{ people: 1, organizations: 0 }]);
    const revealed = await admin.post(`/api/registry/people/${person.id}/reveal`, {
      field: 'idNumber',
      purpose: '核对迁移',
    });
    expect(revealed.json().value).toBe(person.idNumber);
    const byPhone = (await admin.get(`/api/registry/search?kind=person&q=${person.phone}`)).json();
    expect(byPhone.items.map((h: { id: string }) => h.id)).toEqual([person.id]);
  });
});
