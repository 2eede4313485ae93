import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

/** Clicks an export button and reads the downloaded workbook. */
async function download(page: Page, testId: string): Promise<{ name: string; workbook: ExcelJS.Workbook }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return { name: file.suggestedFilename(), workbook };
}

describe('Excel exports from the desk', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('downloads the case list, the supervision list, users and the audit log as workbooks', async () => {
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'operator');
    const page = desk.page;
    await page.getByRole('link', { name: '案件列表' }).click();
    await page.getByTestId('case-list').locator('tbody tr.ant-table-row').first().waitFor();
    const shown = await page.locator('.ant-pagination-total-text').textContent();
    const cases = await download(page, 'case-list-export');
    expect(cases.name).toMatch(/^案件-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = cases.workbook.getWorksheet('案件') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('案件编号');
    expect(shown).toBe(`共 ${sheet.rowCount - 1} 条`);

    await page.getByRole('link', { name: '督办' }).click();
    const supervision = await download(page, 'supervision-export');
    expect(supervision.workbook.worksheets.map((s) => s.name)).toEqual(['超期（红牌）', '预警（黄牌）', '人工督办']);
    await desk.context.close();

    const adminDesk = await openDesk(browser, server.url);
    await logIn(adminDesk.page, 'admin');
    await adminDesk.page.getByRole('link', { name: '用户管理' }).click();
    await adminDesk.page.getByLabel('按角色筛选').click();
    await adminDesk.page.locator('.ant-select-item-option').filter({ hasText: '指挥中心值班员' }).click();
    const users = await download(adminDesk.page, 'users-export');
    const userSheet = users.workbook.worksheets[0] as ExcelJS.Worksheet;
    const names: string[] = [];
    userSheet.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
    });
    expect(names.sort()).toEqual(['city-operator', 'operator']);

    await adminDesk.page.getByRole('link', { name: '审计日志' }).click();
    await adminDesk.page.getByLabel('按动作筛选').fill('导出案件');
    await Promise.all([
      adminDesk.page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('action=case.export')),
      adminDesk.page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^导出案件$/ })
        .click(),
    ]);
    const audit = await download(adminDesk.page, 'audit-export');
    const auditSheet = audit.workbook.worksheets[0] as ExcelJS.Worksheet;
    // The two case-list exports of the operator; the audit export itself is recorded after it ran.
    expect(auditSheet.rowCount - 1).toBe(2);
    expect(desk.problems).toEqual([]);
    expect(adminDesk.problems).toEqual([]);
    await adminDesk.context.close();
  });
});
