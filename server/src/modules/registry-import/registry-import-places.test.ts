import { randomBytes } from 'node:crypto';
import type { Address, FacilityList, RegistryImport, RegistryImportKind } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { interiorPointOf } from '../grids/index.js';
import { communityInput, DEMO_REGISTRY_COMMUNITY, demoRegistry } from '../registry/index.js';
import { tableToXlsx } from './acceptance-file.js';
import { importDepsFor } from './registry-import-deps.js';
import { runNextImport } from './use-cases/run-imports.js';

const OTHER_COMMUNITY = '320281001003';
let t: TestApp;
let admin: Client;
let workstation: Client;
/** A point inside a base grid of the workstation's community, and one of another community. */
let here: [number, number];
let elsewhere: [number, number];
/** Standard addresses made for the test in the workstation's community: three buildings, flats of the first. */
const buildingAddress: string[] = [];
const flatAddress: string[] = [];
let otherBuildingAddress = '';

async function address(client: Client, body: Record<string, unknown>): Promise<Address> {
  const r = await client.post('/api/registry/addresses', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Address>();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  workstation = await t.login('workstation');
  if (!(await demoRegistry(t.database.db))) throw new Error('no demo registry');
  const grid = (await communityInput(t.database.db, DEMO_REGISTRY_COMMUNITY))?.grids[0];
  const other = (await communityInput(t.database.db, OTHER_COMMUNITY))?.grids[0];
  if (!grid || !other) throw new Error('no grid');
  here = interiorPointOf(grid.geometry) as [number, number];
  elsewhere = interiorPointOf(other.geometry) as [number, number];
  const base = { regionCode: DEMO_REGISTRY_COMMUNITY, road: '导入路', roadCode: 88, number: 1 };
  for (const building of [1, 2, 3]) {
    buildingAddress.push((await address(admin, { ...base, building, lon: here[0], lat: here[1] })).text);
  }
  for (const room of [101, 102, 201])
    flatAddress.push((await address(admin, { ...base, building: 1, unit: 1, room })).text);
  otherBuildingAddress = (
    await address(admin, { regionCode: OTHER_COMMUNITY, road: '外路', roadCode: 89, number: 1, building: 1 })
  ).text;
}, 120_000);
afterAll(() => t.close());

function multipart(bytes: Buffer, filename: string) {
  const boundary = `----yiwang${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A dry run of a table, or of a file's very bytes (an .xlsx written twice differs in its timestamps). */
async function dryRun(
  client: Client,
  kind: RegistryImportKind,
  file: { headers: string[]; rows: string[][] } | Buffer,
) {
  const bytes = Buffer.isBuffer(file) ? file : await tableToXlsx(file);
  const r = await client.request({
    method: 'POST',
    url: `/api/registry-imports/${kind}`,
    ...multipart(bytes, `${kind}.xlsx`),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<RegistryImport>();
}

/** Starts a checked import and runs the background job's work to the end, as the job runner would. */
async function runImport(client: Client, id: string): Promise<RegistryImport> {
  const started = await client.post(`/api/registry-imports/${id}/start`);
  expect(started.statusCode, started.body).toBe(200);
  const deps = importDepsFor(t.database, t.config.secretKey);
  while (await runNextImport(deps, { now: new Date() })) {}
  const done = await client.get(`/api/registry-imports/${id}`);
  expect(done.statusCode).toBe(200);
  return done.json<RegistryImport>();
}

const count = (table: string) =>
  queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`).then(
    (r) => r[0]?.n ?? 0,
  );
const auditCount = (action: string) =>
  queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`).then(
    (r) => r[0]?.n ?? 0,
  );

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) =>
    out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))),
  );
  return out;
}

const reasonsOf = (checked: RegistryImport) => checked.problems.map((p) => [p.row, p.column, p.reason] as const);

describe('importing buildings, dwellings, organizations and facilities', () => {
  it('hands out a template per kind with Chinese headers', async () => {
    const expected: Record<Exclude<RegistryImportKind, 'people'>, string[]> = {
      buildings: ['楼栋地址*', '楼栋名称*', '经度*', '纬度*', '层数*', '楼栋用途*'],
      dwellings: ['楼栋地址*', '房屋地址*', '房屋用途*', '面积（平方米）*', '间数*'],
      organizations: ['组织名称*', '组织类型*', '标准地址*', '统一社会信用代码', '联系人', '联系电话'],
      facilities: ['部件编码*', '部件类别*', '部件名称*', '经度*', '纬度*', '状态', '权属单位*'],
    };
    for (const [kind, headers] of Object.entries(expected)) {
      const r = await workstation.get(`/api/registry-imports/templates/${kind}`);
      expect(r.statusCode).toBe(200);
      expect((await readXlsx(r.rawPayload))[0]).toEqual(headers);
    }
  });

  it('buildings: names every bad cell, stores the rest, adds nothing on re-import, never overwrites', async () => {
    const [lon, lat] = here.map(String) as [string, string];
    const file = {
      headers: ['楼栋地址', '楼栋名称', '经度', '纬度', '层数', '楼栋用途'],
      rows: [
        [buildingAddress[0] ?? '', '导入路1号1幢', lon, lat, '6', '住宅'],
        [buildingAddress[1] ?? '', '导入路1号2幢', lon, lat, '11', '商业'],
        ['没有的路9号1幢', '无名楼', lon, lat, '3', '住宅'],
        [buildingAddress[2] ?? '', '导入路1号3幢', lon, lat, '三层', '仓库'],
        [buildingAddress[2] ?? '', '导入路1号3幢', '100.5', '30.5', '5', '住宅'],
        [buildingAddress[0] ?? '', '又是1幢', lon, lat, '6', '住宅'],
        [otherBuildingAddress, '外社区楼', lon, lat, '6', '住宅'],
        [flatAddress[0] ?? '', '一间房', lon, lat, '6', '住宅'],
      ],
    };
    const bytes = await tableToXlsx(file);
    const checked = await dryRun(workstation, 'buildings', bytes);
    expect(checked.valid).toBe(2);
    expect(reasonsOf(checked)).toEqual([
      [4, '楼栋地址', expect.stringContaining('未找到这个标准地址')],
      [5, '层数', '层数应为1到200之间的整数'],
      [5, '楼栋用途', expect.stringContaining('楼栋用途应为：住宅')],
      [6, '经度', expect.stringContaining('坐标不在网格图内')],
      [7, '楼栋地址', expect.stringContaining('与第2行重复')],
      [8, '楼栋地址', expect.stringContaining('管辖范围')],
      [9, '楼栋地址', expect.stringContaining('应写到“幢”为止')],
    ]);
    const before = await count('registry_buildings');
    const done = await runImport(workstation, checked.id);
    expect(done).toMatchObject({ state: 'done', stored: 2, existing: 0, failed: 6 });
    expect(await count('registry_buildings')).toBe(before + 2);
    // The failed rows come back as the file had them, with a 原因 column.
    const failed = await workstation.get(`/api/registry-imports/${checked.id}/failed-rows.xlsx`);
    const [header, ...rows] = await readXlsx(failed.rawPayload);
    expect(header?.at(-1)).toBe('原因');
    expect(rows).toHaveLength(6);

    // The same file again: everything it stored is "existing", nothing is written twice.
    const again = await dryRun(workstation, 'buildings', bytes);
    expect(again.valid).toBe(2);
    const rerun = await runImport(workstation, again.id);
    expect(rerun).toMatchObject({ stored: 0, existing: 2 });
    expect(await count('registry_buildings')).toBe(before + 2);

    // Another file naming a building already registered: reported, not overwritten.
    const other = await dryRun(workstation, 'buildings', {
      headers: file.headers,
      rows: [[buildingAddress[0] ?? '', '改名了', lon, lat, '9', '商业']],
    });
    expect(reasonsOf(other)).toEqual([[2, '楼栋地址', expect.stringContaining('已存在，未覆盖')]]);
    const names = await queryRows<{ name: string; floors: number }>(
      t.database.db,
      sql`SELECT b.name, b.floors FROM registry_buildings b JOIN registry_addresses a ON a.id = b.address_id WHERE a.text = ${buildingAddress[0] ?? ''}`,
    );
    expect(names).toEqual([{ name: '导入路1号1幢', floors: 6 }]);
    expect(await auditCount('registry.import.done')).toBeGreaterThanOrEqual(2);
  });

  it('dwellings: the building must be registered and the room in it; re-import adds nothing', async () => {
    const file = {
      headers: ['楼栋地址', '房屋地址', '房屋用途', '面积', '间数'],
      rows: [
        [buildingAddress[0] ?? '', flatAddress[0] ?? '', '自住', '89.5', '3'],
        [buildingAddress[0] ?? '', flatAddress[1] ?? '', '出租', '60', '2'],
        [buildingAddress[2] ?? '', flatAddress[2] ?? '', '自住', '60', '2'],
        [buildingAddress[0] ?? '', buildingAddress[1] ?? '', '自住', '60', '2'],
        [buildingAddress[0] ?? '', flatAddress[2] ?? '', '仓库', '-5', '0'],
      ],
    };
    const bytes = await tableToXlsx(file);
    const checked = await dryRun(workstation, 'dwellings', bytes);
    expect(reasonsOf(checked)).toEqual([
      [4, '楼栋地址', expect.stringContaining('未找到这个楼栋')],
      [5, '房屋地址', expect.stringContaining('应写到“室”')],
      [6, '房屋用途', expect.stringContaining('房屋用途应为：自住')],
      [6, '面积', '面积应为大于0的数字（平方米）'],
      [6, '间数', '间数应为1到1000之间的整数'],
    ]);
    const before = await count('registry_dwellings');
    expect(await runImport(workstation, checked.id)).toMatchObject({ stored: 2, failed: 3 });
    expect(await count('registry_dwellings')).toBe(before + 2);
    const again = await dryRun(workstation, 'dwellings', bytes);
    expect(await runImport(workstation, again.id)).toMatchObject({ stored: 0, existing: 2 });
    expect(await count('registry_dwellings')).toBe(before + 2);
    const clash = await dryRun(workstation, 'dwellings', { headers: file.headers, rows: [file.rows[1] ?? []] });
    expect(reasonsOf(clash)).toEqual([[2, '房屋地址', expect.stringContaining('已存在，未覆盖')]]);
  });

  it('organizations: licence numbers checked by their check character; one per licence number', async () => {
    const file = {
      headers: ['组织名称', '组织类型', '标准地址', '统一社会信用代码', '联系人', '联系电话'],
      rows: [
        ['文定便利店', '个体商户', buildingAddress[0] ?? '', '91320281MA1MABCDEX', '王芳', '13812345678'],
        ['文定社工站', '社会组织', buildingAddress[1] ?? '', '', '', ''],
        ['校验错', '企业', buildingAddress[0] ?? '', '91320281MA1MABCDE1', '', ''],
        ['坏类型', '工厂', buildingAddress[0] ?? '', '52320281MJ5678901X', '', '123'],
        ['重复', '企业', buildingAddress[1] ?? '', '91320281MA1MABCDEX', '', ''],
      ],
    };
    const bytes = await tableToXlsx(file);
    const checked = await dryRun(workstation, 'organizations', bytes);
    expect(reasonsOf(checked)).toEqual([
      [4, '统一社会信用代码', '统一社会信用代码校验位不对（GB 32100），请核对'],
      [5, '组织类型', expect.stringContaining('组织类型应为：企业')],
      [5, '联系电话', expect.stringContaining('不是有效电话')],
      [6, '统一社会信用代码', expect.stringContaining('与第2行重复')],
    ]);
    const before = await count('registry_organizations');
    expect(await runImport(workstation, checked.id)).toMatchObject({ stored: 2, failed: 3 });
    expect(await count('registry_organizations')).toBe(before + 2);
    const again = await dryRun(workstation, 'organizations', bytes);
    expect(await runImport(workstation, again.id)).toMatchObject({ stored: 0, existing: 2 });
    const clash = await dryRun(workstation, 'organizations', {
      headers: file.headers,
      rows: [
        ['别的名字', '企业', buildingAddress[2] ?? '', '91320281MA1MABCDEX', '', ''],
        ['文定社工站', '社会组织', buildingAddress[1] ?? '', '', '', ''],
      ],
    });
    expect(reasonsOf(clash)).toEqual([
      [2, '统一社会信用代码', expect.stringContaining('已存在，未覆盖')],
      [3, '组织名称', expect.stringContaining('已存在，未覆盖')],
    ]);
    // The contact phone is kept sealed and masked, as when registered by hand.
    const [stored] = await queryRows<{ masked: string | null; sealed: string | null }>(
      t.database.db,
      sql`SELECT contact_phone_masked AS masked, contact_phone_sealed AS sealed FROM registry_organizations WHERE licence_number = '91320281MA1MABCDEX'`,
    );
    expect(stored?.masked).not.toContain('12345678');
    expect(stored?.sealed).not.toContain('13812345678');
  });

  it('facilities: code, class and point checked; out-of-scope points refused; re-import adds nothing', async () => {
    const [lon, lat] = here.map(String) as [string, string];
    const [outLon, outLat] = elsewhere.map(String) as [string, string];
    const file = {
      headers: ['部件编码', '部件类别', '部件名称', '经度', '纬度', '状态', '权属单位'],
      rows: [
        ['3202810101000901', '0101', '上水井盖', lon, lat, '完好', '江阴市水务集团'],
        ['3202810110000902', '消防栓', '消防栓', lon, lat, '', '江阴市消防救援大队'],
        ['3202810201000903', '0101', '路灯', lon, lat, '完好', '城管局'],
        ['32028101', '0201', '路灯', lon, lat, '完好', '城管局'],
        ['3202819901000904', '9901', '不知道', lon, lat, '完好', '城管局'],
        ['3202810201000905', '0201', '路灯', outLon, outLat, '完好', '城管局'],
        ['3202810201000906', '0201', '路灯', lon, lat, '坏了', '城管局'],
        ['3202810101000901', '0101', '上水井盖', lon, lat, '完好', '江阴市水务集团'],
      ],
    };
    const bytes = await tableToXlsx(file);
    const checked = await dryRun(workstation, 'facilities', bytes);
    expect(reasonsOf(checked)).toEqual([
      [4, '部件编码', expect.stringContaining('与部件类别（0101）不一致')],
      [5, '部件编码', expect.stringContaining('应为16位数字')],
      [6, '部件类别', expect.stringContaining('部件类别应为4位类别代码')],
      [7, '经度', expect.stringContaining('不在您的管辖范围内')],
      [8, '状态', expect.stringContaining('状态应为：完好')],
      [9, '部件编码', expect.stringContaining('与第2行重复')],
    ]);
    const before = await count('registry_facilities');
    expect(await runImport(workstation, checked.id)).toMatchObject({ stored: 2, failed: 6 });
    expect(await count('registry_facilities')).toBe(before + 2);
    // The code is the facility's own, shown in the registry's list.
    const listed = (await workstation.get('/api/registry/facilities?limit=200')).json() as FacilityList;
    expect(listed.items.filter((f) => f.code?.startsWith('32028101')).map((f) => [f.code, f.name])).toEqual(
      expect.arrayContaining([
        ['3202810101000901', '上水井盖'],
        ['3202810110000902', '消防栓'],
      ]),
    );
    const again = await dryRun(workstation, 'facilities', bytes);
    expect(await runImport(workstation, again.id)).toMatchObject({ stored: 0, existing: 2 });
    expect(await count('registry_facilities')).toBe(before + 2);
    const clash = await dryRun(workstation, 'facilities', { headers: file.headers, rows: [file.rows[0] ?? []] });
    expect(reasonsOf(clash)).toEqual([[2, '部件编码', expect.stringContaining('已存在，未覆盖')]]);
    // The county's administrator may place a facility in the other community.
    const county = await dryRun(admin, 'facilities', { headers: file.headers, rows: [file.rows[5] ?? []] });
    expect(county.problems).toEqual([]);
  });

  it('refuses a file missing a required column, naming it', async () => {
    const r = await workstation.request({
      method: 'POST',
      url: '/api/registry-imports/facilities',
      ...multipart(await tableToXlsx({ headers: ['部件编码', '名称'], rows: [['1', '2']] }), 'f.xlsx'),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json<{ error: { message: string } }>().error.message).toContain('部件类别');
  });
});
