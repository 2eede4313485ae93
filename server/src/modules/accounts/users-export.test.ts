import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let admin: Client;
let operator: Client;
beforeAll(async () => {
  t = await createTestApp({ config: { exportMaxRows: 200 } });
  [admin, operator] = await Promise.all([t.login('admin'), t.login('operator')]);
});
afterAll(() => t.close());

async function sheetOf(response: Awaited<ReturnType<Client['get']>>) {
  expect(response.statusCode, response.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0] as ExcelJS.Worksheet;
}

describe('Excel export of the user list', () => {
  it('holds the accounts of the list with the same filters and scope', async () => {
    const list = (await operator.get('/api/users?role=grid_worker&limit=500')).json();
    expect(list.total).toBeGreaterThan(0);
    const sheet = await sheetOf(await operator.get('/api/users/export.xlsx?role=grid_worker'));
    expect(sheet.name).toBe('用户');
    expect((sheet.getRow(1).values as string[]).slice(1, 4)).toEqual(['用户名', '姓名', '角色']);
    expect(sheet.rowCount - 1).toBe(list.total);
    const usernames: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) usernames.push(String(row.getCell(1).value));
    });
    expect(usernames).toEqual(list.items.map((u: { username: string }) => u.username));
    // The town operator's scope: every account is under 澄江街道.
    sheet.eachRow((row, n) => {
      if (n > 1) expect(String(row.getCell(5).value).startsWith('320281001')).toBe(true);
      if (n > 1) expect(row.getCell(3).value).toContain('网格员');
    });
    expect(sheet.getRow(2).getCell(9).value).toBeInstanceOf(Date);
  });

  it('refuses more rows than the cap and audits what it exported', async () => {
    const total = (await admin.get('/api/users')).json().total;
    expect(total).toBeGreaterThan(200);
    const tooMany = await admin.get('/api/users/export.xlsx');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({ code: 'export-too-large' });
    expect((await admin.get('/api/users/export.xlsx?q=operator')).statusCode).toBe(200);
    const audit = (await admin.get('/api/audit?action=user.export')).json();
    expect(audit.items.map((e: { details: { query: unknown } }) => e.details.query)).toEqual([
      { q: 'operator', role: null },
      { q: null, role: 'grid_worker' },
    ]);
    const resident = await t.login('resident');
    expect((await resident.get('/api/users/export.xlsx')).statusCode).toBe(403);
  });
});
