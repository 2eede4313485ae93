import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/client.js';
import { demoRegistry } from '../../server/src/modules/registry/index.js';
import { tableToXlsx } from '../../server/src/modules/registry-import/acceptance-file.js';
import { registryImportJobs } from '../../server/src/modules/registry-import/registry-import.jobs.js';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const HEADERS = ['姓名', '身份证号', '性别', '出生日期', '联系电话', '标准地址', '户号', '与户主关系', '人口类型'];

describe('the people import on the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let file: Buffer;

  beforeAll(async () => {
    let rows: string[][] = [];
    const prepare = async (database: Database) => {
      const demo = await demoRegistry(database.db);
      const address = demo?.addresses.find((a) => a.id === demo.dwellings[0]?.addressId)?.text ?? '';
      // A registered demo person's number under another name: the clash to review.
      const clashing = demo?.people.find((p) => p.relation !== 'head');
      rows = [
        ['钱一', '320206198001010017', '男', '', '13800000001', address, 'E1', '户主', '户籍人口'],
        ['钱二', '', '女', '1982-02-30', '', address, 'E1', '配偶', '户籍人口'],
        ['孙三', '', '男', '1990-01-01', '12345', address, 'E2', '户主', '流动人口'],
        ['冒名者', clashing?.idNumber ?? '', '', '', '', address, 'E3', '户主', '流动人口'],
      ];
    };
    [server, browser] = await Promise.all([startTestServer({ prepare, jobs: registryImportJobs }), launchBrowser()]);
    file = await tableToXlsx({ headers: HEADERS, rows });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('upload, see the bad cells, import with progress to done, download the failed rows, resolve the clash', async () => {
    const desk = await openDesk(browser, server.url);
    const page = desk.page;
    await logIn(page, 'workstation');
    await page.getByRole('link', { name: '人房信息导入' }).click();
    await page.waitForURL('**/registry/import');

    await page.locator('input[type=file]').setInputFiles({
      name: 'people.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const problems = page.getByTestId('import-problems');
    await problems.getByText('不是有效日期').waitFor();
    await problems.getByText('不是有效电话').waitFor();
    await page.getByText('共 4 行：2 行可导入，2 个问题').waitFor();
    await screenshot(page, 'registry-import-dry-run');

    await page.getByTestId('import-start').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('import-done').textContent()).toContain('新增 1 人');
    expect(await page.getByTestId('import-done').textContent()).toContain('身份证号冲突 1 人');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-failed-rows').click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(HEADERS.length + 1).value).toBe('原因');
    expect(sheet?.rowCount).toBe(3);
    expect(String(sheet?.getRow(2).getCell(1).value)).toBe('钱二');

    await page.getByRole('link', { name: '身份证号冲突审核' }).click();
    await page.waitForURL('**/registry/merge-reviews');
    const review = page.getByTestId('merge-review');
    await review.getByText('冒名者').waitFor();
    await screenshot(page, 'registry-merge-review');
    await review.getByTestId('merge-keep').click();
    await page.getByTestId('merge-empty').waitFor();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
