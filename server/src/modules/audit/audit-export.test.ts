import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp({ config: { exportMaxRows: 3 } });
  admin = await t.login('admin');
  await t.login('operator');
  await t.login('leader');
});
afterAll(() => t.close());

describe('Excel export of the audit log', () => {
  it('holds the filtered log, newest first, and is itself audited', async () => {
    const list = (await admin.get('/api/audit?action=auth.login')).json();
    expect(list.total).toBe(3);
    // In the language the admin chose for the desk.
    await admin.request({ method: 'PUT', url: '/api/auth/preferences', payload: { locale: 'en-US' } });
    const response = await admin.get('/api/audit/export.xlsx?action=auth.login');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-[0-9-]+\.xlsx"; filename\*=UTF-8''audit-log-[0-9-]+\.xlsx$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Audit log') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      'Seq',
      'Time',
      'Actor',
      'Action',
      'Object type',
      'Object',
      'Outcome',
      'Request',
      'Details',
    ]);
    expect(sheet.rowCount - 1).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe(list.items[0].seq);
    expect(sheet.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(sheet.getColumn(2).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getRow(2).getCell(7).value).toBe('Success');

    const audit = (await admin.get('/api/audit?action=audit.export')).json();
    expect(audit.items[0].details).toEqual({ query: { action: 'auth.login' }, rows: 3 });
  });

  it('refuses more than the cap and is for auditors only', async () => {
    const response = await admin.get('/api/audit/export.xlsx');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('export-too-large');
    const operator = await t.login('operator');
    expect((await operator.get('/api/audit/export.xlsx?action=auth.login')).statusCode).toBe(403);
  });
});
