import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/client.js';
import { interiorPointOf } from '../../server/src/modules/grids/index.js';
import { communityInput, DEMO_REGISTRY_COMMUNITY, demoRegistry } from '../../server/src/modules/registry/index.js';
import { tableToXlsx } from '../../server/src/modules/registry-import/acceptance-file.js';
import { registryImportJobs } from '../../server/src/modules/registry-import/registry-import.jobs.js';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const HEADERS = ['部件编码', '部件类别', '部件名称', '经度', '纬度', '状态', '权属单位'];

describe('the facilities import on the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let file: Buffer;

  beforeAll(async () => {
    let rows: string[][] = [];
    const prepare = async (database: Database) => {
      await demoRegistry(database.db);
      const grid = (await communityInput(database.db, DEMO_REGISTRY_COMMUNITY))?.grids[0];
      if (!grid) throw new Error('no grid');
      const [lon, lat] = interiorPointOf(grid.geometry).map(String) as [string, string];
      rows = [
        ['3202810101007001', '0101', '上水井盖', lon, lat, '完好', '江阴市水务集团'],
        ['3202810201007002', '路灯', '路灯', lon, lat, '损坏', '江阴市城市管理局'],
        ['3202810201007003', '0101', '路灯', lon, lat, '完好', '江阴市城市管理局'],
      ];
    };
    [server, browser] = await Promise.all([startTestServer({ prepare, jobs: registryImportJobs }), launchBrowser()]);
    file = await tableToXlsx({ headers: HEADERS, rows });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('choose 部件设施, get its template, see the bad cell, import to done, download the failed row', async () => {
    const desk = await openDesk(browser, server.url);
    const page = desk.page;
    await logIn(page, 'workstation');
    await page.getByRole('link', { name: '人房信息导入' }).click();
    await page.waitForURL('**/registry/import');
    await page.getByTestId('import-kind').getByText('部件设施').click();

    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    const templateBook = new ExcelJS.Workbook();
    await templateBook.xlsx.readFile(await template.path());
    expect(templateBook.worksheets[0]?.getRow(1).getCell(1).value).toBe('部件编码*');

    await page.locator('input[type=file]').setInputFiles({
      name: 'facilities.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const problems = page.getByTestId('import-problems');
    await problems.getByText('与部件类别（0101）不一致').waitFor();
    await page.getByText('共 3 行：2 行可导入，1 个问题').waitFor();
    await screenshot(page, 'registry-import-facilities-dry-run');

    await page.getByTestId('import-start').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('import-done').textContent()).toContain('新增 2 条');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-failed-rows').click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(HEADERS.length + 1).value).toBe('原因');
    expect(sheet?.rowCount).toBe(2);
    expect(String(sheet?.getRow(2).getCell(1).value)).toBe('3202810201007003');
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
