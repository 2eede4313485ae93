import { randomBytes } from 'node:crypto';
import type { Address, Building, Dwelling, MergeReview, MergeReviewList, RegistryImport } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { interiorPointOf } from '../grids/index.js';
import { communityInput, demoRegistry, type GeneratedRegistry } from '../registry/index.js';
import { generatePeopleImportFile, PLANTED_CELL, PLANTED_KINDS, tableToCsv, tableToXlsx } from './acceptance-file.js';
import { importDepsFor } from './registry-import-deps.js';
import { runNextImport } from './use-cases/run-imports.js';

const OTHER_COMMUNITY = '320281001003';
let t: TestApp;
let admin: Client;
let workstation: Client;
let demo: GeneratedRegistry;
/** Written addresses of demo dwellings, all in the workstation's community. */
let addresses: string[];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  workstation = await t.login('workstation');
  const generated = await demoRegistry(t.database.db);
  if (!generated) throw new Error('no demo registry');
  demo = generated;
  const textOf = new Map(demo.addresses.map((a) => [a.id, a.text]));
  addresses = demo.dwellings.slice(0, 40).map((d) => textOf.get(d.addressId) ?? '');
}, 120_000);
afterAll(() => t.close());

function multipart(bytes: Buffer, filename: string, columns?: Record<string, string | null>) {
  const boundary = `----yiwang${randomBytes(8).toString('hex')}`;
  const parts = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from('\r\n'),
  ];
  if (columns) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="columns"\r\n\r\n${JSON.stringify(columns)}\r\n`,
      ),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function dryRun(
  client: Client,
  bytes: Buffer,
  filename = 'people.xlsx',
  columns?: Record<string, string | null>,
) {
  const r = await client.request({
    method: 'POST',
    url: '/api/registry-imports/people',
    ...multipart(bytes, filename, columns),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<RegistryImport>();
}

/** Starts a checked import and runs the background job's work to the end, as the job runner would. */
async function runImport(client: Client, id: string): Promise<RegistryImport> {
  const started = await client.post(`/api/registry-imports/${id}/start`);
  expect(started.statusCode, started.body).toBe(200);
  expect(started.json<RegistryImport>().state).toBe('queued');
  while (await runNextImport(importDepsFor(t.database, t.config.secretKey), { now: new Date() })) {}
  const done = await client.get(`/api/registry-imports/${id}`);
  expect(done.statusCode).toBe(200);
  return done.json<RegistryImport>();
}

const auditCount = (action: string) =>
  queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`).then(
    (r) => r[0]?.n ?? 0,
  );
const peopleCount = () =>
  queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM registry_people`).then(
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

describe('the people import: dry run, background run, failed rows, re-import, merge review', () => {
  it('hands out the template with Chinese headers', async () => {
    const r = await workstation.get('/api/registry-imports/templates/people');
    expect(r.statusCode).toBe(200);
    const [headers] = await readXlsx(r.rawPayload);
    expect(headers).toEqual([
      '姓名*',
      '身份证号',
      '性别',
      '出生日期',
      '联系电话',
      '标准地址*',
      '户号*',
      '与户主关系*',
      '人口类型*',
      '迁入日期',
    ]);
  });

  it('500 rows with 16 planted mistakes of eight kinds, an ID clash and a person already registered', async () => {
    const file = generatePeopleImportFile({ addresses, rows: 500, perKind: 2, seed: 11 });
    // Two more one-person households: a demo person's number with another name (a clash), and a demo person as registered.
    const [clashing, same] = demo.people.filter((p) => p.relation !== 'head').slice(0, 2);
    if (!clashing || !same) throw new Error('no demo people');
    const address = addresses[0] ?? '';
    file.rows.push(['冒名者', clashing.idNumber, '', '', '13900000000', address, 'CLASH', '户主', '流动人口', '']);
    file.rows.push([same.name, same.idNumber, '', '', '', address, 'SAME', '户主', '户籍人口', '']);
    const bytes = await tableToXlsx(file);
    const before = await peopleCount();

    const checked = await dryRun(workstation, bytes);
    expect(checked).toMatchObject({ state: 'checked', total: 502, valid: 502 - 16 });
    expect(checked.problems.filter((p) => !file.planted.some((x) => x.row === p.row))).toEqual([]);
    expect(checked.problems).toHaveLength(16);
    for (const { row, kind } of file.planted) {
      const problem = checked.problems.find((p) => p.row === row);
      expect(problem, `${kind} at row ${row}`).toMatchObject({
        column: PLANTED_CELL[kind].column,
        reason: expect.stringContaining(PLANTED_CELL[kind].reason),
      });
      expect(problem?.value).toBe(file.rows[row - 2]?.[file.headers.indexOf(PLANTED_CELL[kind].column)]);
    }
    expect(new Set(file.planted.map((p) => p.kind))).toEqual(new Set(PLANTED_KINDS));
    expect(await peopleCount()).toBe(before); // a dry run writes nothing

    const run = await runImport(workstation, checked.id);
    expect(run).toMatchObject({
      state: 'done',
      total: 502,
      done: 502,
      stored: 502 - 16 - 2,
      existing: 1,
      clashes: 1,
      failed: 16,
    });
    expect(await peopleCount()).toBe(before + 502 - 16 - 2);
    // A second start is refused: nothing runs twice.
    expect((await workstation.post(`/api/registry-imports/${checked.id}/start`)).statusCode).toBe(409);

    // The failed rows, as the file had them, with a reason column.
    const failed = await workstation.get(`/api/registry-imports/${checked.id}/failed-rows.xlsx`);
    expect(failed.statusCode).toBe(200);
    const [header, ...rows] = await readXlsx(failed.rawPayload);
    expect(header).toEqual([...file.headers, '原因']);
    expect(rows).toHaveLength(16);
    for (const [i, { row, kind }] of file.planted.entries()) {
      expect(rows[i]?.slice(0, file.headers.length).join('|')).toBe(file.rows[row - 2]?.join('|'));
      expect(rows[i]?.at(-1)).toContain(PLANTED_CELL[kind].reason);
    }
    expect(await auditCount('registry.import.failed-rows')).toBe(1);

    // The same file again: nothing stored twice.
    const again = await runImport(workstation, (await dryRun(workstation, bytes)).id);
    expect(again).toMatchObject({ stored: 0, existing: 502 - 16, clashes: 0, failed: 16 });
    expect(await peopleCount()).toBe(before + 502 - 16 - 2);
    // As CSV too, the file's rows already in are found by their ID numbers (and the clash is not queued twice).
    const csv = await runImport(workstation, (await dryRun(workstation, tableToCsv(file), 'people.csv')).id);
    expect(csv).toMatchObject({ stored: 0, clashes: 1 });
  });

  it('the clash waits in the merge queue, both records side by side, masked; a decision is recorded once, audited', async () => {
    const list = await workstation.get('/api/registry-merge-reviews?state=open');
    expect(list.statusCode).toBe(200);
    const items = list.json<MergeReviewList>().items;
    expect(items.length).toBeGreaterThanOrEqual(1);
    const review = items[0] as MergeReview;
    expect(review.incoming.name).toBe('冒名者');
    expect(review.existing.name).not.toBe('冒名者');
    expect(review.differences).toContain('name');
    expect(review.existing.idNumberMasked).toMatch(/^\d{4}\*+\d{2}[\dX]$/);
    expect(review.incoming.idNumberMasked).toBe(review.existing.idNumberMasked);
    expect(JSON.stringify(items)).not.toMatch(/\d{17}[\dX]/);

    const decided = await workstation.post(`/api/registry-merge-reviews/${review.id}/decision`, {
      decision: 'take',
      note: '户籍核实后更名',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<MergeReview>()).toMatchObject({
      state: 'taken',
      existing: { name: '冒名者' },
      note: '户籍核实后更名',
    });
    // The registered record's previous state is in its history.
    const history = await workstation.get(`/api/registry/history/person/${review.personId}`);
    expect(history.statusCode, history.body).toBe(200);
    expect(JSON.stringify(history.json())).toContain(review.existing.name);
    expect(await auditCount('registry.merge.resolve')).toBe(1);
    expect(
      (await workstation.post(`/api/registry-merge-reviews/${review.id}/decision`, { decision: 'keep' })).statusCode,
    ).toBe(409);
    const other = items[1];
    if (other) {
      const kept = await workstation.post(`/api/registry-merge-reviews/${other.id}/decision`, {
        decision: 'different',
      });
      expect(kept.json<MergeReview>().state).toBe('different');
    }
  });

  it('writes only within the caller’s scope: an address of another community is an error, not a silent write', async () => {
    const input = await communityInput(t.database.db, OTHER_COMMUNITY);
    const grid = input?.grids[0];
    if (!grid) throw new Error('no grid');
    const [lon, lat] = interiorPointOf(grid.geometry);
    const base = { regionCode: OTHER_COMMUNITY, road: '导入路', roadCode: 77, number: 1, building: 1 };
    const address = (await admin.post('/api/registry/addresses', { ...base, lon, lat })).json<Address>();
    const flat = (await admin.post('/api/registry/addresses', { ...base, unit: 1, room: 101 })).json<Address>();
    const building = (
      await admin.post('/api/registry/buildings', {
        addressId: address.id,
        name: '导入路1号1幢',
        lon,
        lat,
        floors: 3,
        use: 'residential',
      })
    ).json<Building>();
    const dwelling = await admin.post('/api/registry/dwellings', {
      buildingId: building.id,
      addressId: flat.id,
      use: 'rented',
      areaM2: 60,
      rooms: 2,
    });
    expect(dwelling.statusCode, dwelling.body).toBe(201);
    const text = dwelling.json<Dwelling>().address;
    const file = {
      headers: ['姓名', '性别', '出生日期', '标准地址', '户号', '与户主关系', '人口类型'],
      rows: [['外社区', '女', '1990-01-01', text, 'X1', '户主', '流动人口']],
    };
    const checked = await dryRun(workstation, await tableToXlsx(file));
    expect(checked.problems).toEqual([
      { row: 2, column: '标准地址', value: text, reason: expect.stringContaining('管辖范围') },
    ]);
    // The county's administrator may import there.
    expect((await dryRun(admin, await tableToXlsx(file))).problems).toEqual([]);
  });

  it('matches columns by alias or as told; names the required columns it cannot find', async () => {
    const file = {
      headers: ['名字', '性别', '生日', '住址', '家庭编号', '关系', '类型'],
      rows: [['赵六', '男', '1970/3/5', addresses[1] ?? '', 'M1', '户主', '流动']],
    };
    const missing = await workstation.request({
      method: 'POST',
      url: '/api/registry-imports/people',
      ...multipart(await tableToXlsx(file), 'a.xlsx'),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json<{ error: { message: string } }>().error.message).toContain('人口类型');
    const mapped = await dryRun(workstation, await tableToXlsx(file), 'a.xlsx', { 类型: 'residence' });
    expect(mapped.problems).toEqual([]);
    expect(mapped.mapping.find((m) => m.header === '类型')?.field).toBe('residence');
    const bad = await workstation.request({
      method: 'POST',
      url: '/api/registry-imports/people',
      ...multipart(Buffer.from([0, 1, 2, 3]), 'x.xlsx'),
    });
    expect(bad.statusCode).toBe(422);
  });

  it('exports the people of the scope to Excel, masked, audited', async () => {
    const r = await workstation.get('/api/registry/people/export.xlsx');
    expect(r.statusCode).toBe(200);
    const [header, ...rows] = await readXlsx(r.rawPayload);
    expect(header?.[1]).toBe('身份证号（脱敏）');
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.every((row) => !/^\d{17}[\dX]$/.test(row[1] ?? ''))).toBe(true);
    expect(await auditCount('registry.export')).toBe(1);
  });
});
