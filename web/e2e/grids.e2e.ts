import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const TOWN = '320281001000'; // 澄江街道
const COMMUNITY = '32028100100100'; // 文定社区
const BASE_GRID = '32028100100101'; // 文定社区第1网格, held by the demo account `gridworker`

/** Waits until the map shows `code` selected and has finished zooming to it. */
async function waitForFocus(page: Page, code: string): Promise<void> {
  await page.waitForSelector(`[data-testid=grid-map][data-focus="${code}"][data-moving=false]`);
}

/** Clicks the map where a person would click to pick the grid: a point inside its polygon. */
async function clickGrid(page: Page, code: string): Promise<void> {
  const map = page.getByTestId('grid-map');
  await page.waitForSelector('[data-testid=grid-map][data-moving=false]');
  const pixel = await map.evaluate(
    (element, c) =>
      (element as HTMLElement & { ywPixelOf?: (code: string) => [number, number] | null }).ywPixelOf?.(c) ?? null,
    code,
  );
  const box = await map.boundingBox();
  if (!pixel || !box) throw new Error(`grid ${code} is not on the map`);
  expect(pixel[0]).toBeGreaterThan(0);
  expect(pixel[0]).toBeLessThan(box.width);
  expect(pixel[1]).toBeGreaterThan(0);
  expect(pixel[1]).toBeLessThan(box.height);
  await page.mouse.click(box.x + pixel[0], box.y + pixel[1]);
  await waitForFocus(page, code);
}

describe('grid map and staffing', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('drills down from the county to a base grid on the map and opens its detail panel, all from 127.0.0.1', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    // No base tiles are configured: nothing may leave the machine (tiles, fonts, scripts…).
    const external: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).hostname !== '127.0.0.1') external.push(request.url());
    });
    await logIn(page, 'admin');

    await page.getByRole('link', { name: '网格地图' }).click();
    await page.waitForURL('**/grids');
    // All three levels are loaded into the map (21 + 282 + 1558 grids in the demo county).
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>('[data-testid=grid-map]')?.dataset.loadedFeatures) > 1558,
    );
    expect(await page.getByTestId('grid-map').locator('canvas').count()).toBeGreaterThan(0);
    await page.getByTestId('grid-children').getByRole('button', { name: '澄江街道' }).waitFor();
    await page.waitForSelector('[data-testid=grid-map][data-moving=false]');

    // County → town → community → base grid, by clicking on the map.
    await clickGrid(page, TOWN);
    await page.getByTestId('grid-detail-title').getByText('澄江街道').waitFor();
    await page.getByTestId('grid-children').getByRole('button', { name: '文定社区', exact: true }).waitFor();
    await clickGrid(page, COMMUNITY);
    await page.getByTestId('grid-detail-title').getByText('文定社区').waitFor();
    await clickGrid(page, BASE_GRID);
    expect(page.url()).toContain(`grid=${BASE_GRID}`);

    const detail = page.getByTestId('grid-detail');
    await detail.getByText('文定社区第1网格').waitFor();
    expect(await page.getByTestId('grid-detail-code').textContent()).toBe(BASE_GRID);
    expect(await page.getByTestId('grid-detail-households').textContent()).toBe('222');
    await detail.getByText('公顷').waitFor(); // the area
    const worker = page.getByTestId('grid-post-grid_worker');
    await worker.getByText('网格员王芳').first().waitFor(); // A post
    await worker.getByText('gw-32028100100102').waitFor(); // its named backup (B)
    await worker.getByText('今日由 网格员王芳 值守').waitFor();
    await detail.getByText('符合标准').waitFor(); // sizing status
    const breadcrumb = page.getByTestId('grid-breadcrumb');
    for (const name of ['江阴市', '澄江街道', '文定社区', '文定社区第1网格']) {
      await breadcrumb.getByText(name, { exact: true }).waitFor();
    }
    await screenshot(page, 'grid-map-detail');

    // The breadcrumb leads back up; the search box jumps to any grid by name.
    await breadcrumb.getByRole('link', { name: '澄江街道' }).click();
    await waitForFocus(page, TOWN);
    await page.getByTestId('grid-search').fill('文定社区第2');
    await page.locator('.ant-select-item-option').filter({ hasText: '32028100100102' }).click();
    await waitForFocus(page, '32028100100102');

    // Fault and sizing layers: the demo town is fully covered; the legend explains the colours.
    await page.getByText('覆盖检查').click();
    await page.getByTestId('grid-coverage').getByText('无缝隙、无重叠').waitFor();
    await page.getByText('规模着色').click();
    await page.getByTestId('grid-sizing-legend').getByText('过大').waitFor();

    expect(external).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('validates an import with a self-intersecting polygon and a duplicate code, and a strict import changes nothing', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'admin');
    await page.getByRole('link', { name: '网格导入导出' }).click();
    await page.waitForURL('**/grids/import');

    const square: [number, number][] = [
      [120.0165, 31.961],
      [120.0275, 31.968],
      [120.0275, 31.961],
      [120.0165, 31.968],
      [120.0165, 31.961],
    ]; // a bow tie: edges 1 and 3 cross
    const feature = (code: string, coordinates: [number, number][]) => ({
      type: 'Feature',
      properties: { code, name: `网格${code}`, level: 3, parentCode: COMMUNITY, households: 250, people: 700 },
      geometry: { type: 'Polygon', coordinates: [coordinates] },
    });
    const file = {
      type: 'FeatureCollection',
      features: [
        feature('32028100100103', square),
        feature('32028100100104', square.slice(0, 3).concat([square[0] as [number, number]])),
        feature('32028100100104', square.slice(0, 3).concat([square[0] as [number, number]])),
      ],
    };
    await page.locator('input[type=file]').setInputFiles({
      name: 'bad-grids.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.getByTestId('import-file').getByText('bad-grids.geojson：3 个要素').waitFor();
    await page.getByRole('button', { name: /校\s*验/ }).click();
    const report = page.getByTestId('import-report');
    await report.getByText('校验完成，尚未导入').waitFor();
    await report.getByText(/外环自相交/).waitFor();
    await report.getByText('编码与第 2 个要素重复').waitFor();

    const [strict] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/grids/import?mode=strict')),
      page.getByRole('button', { name: '导入全部（无错误时）' }).click(),
    ]);
    expect(strict.status()).toBe(422);
    await report.getByText('文件有错误，未做任何修改').waitFor();
    await screenshot(page, 'grid-import-errors');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('marks the grid worker absent: the staffing page and the map show the backup covering the post', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'operator');

    await page.getByRole('link', { name: '人员值守' }).click();
    await page.waitForURL('**/staffing');
    await page.getByTestId('staffing-covered').getByText('今天所有岗位均由A岗值守').waitFor();

    await page.getByRole('button', { name: '登记缺勤' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('人员').fill('gridworker');
    await page.locator('.ant-select-item-option').filter({ hasText: 'gridworker' }).click();
    await dialog.getByLabel('事由').fill('病假');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/staffing/absences') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    expect(created.status()).toBe(201);

    const covered = page.getByTestId('staffing-covered');
    const row = covered.locator('tr', { hasText: BASE_GRID });
    await row.waitFor();
    expect(await row.textContent()).toContain('网格员王芳'); // A, absent
    expect(await row.textContent()).toContain('徐诺然'); // B, covering
    await page.getByTestId('staffing-absences').getByText('缺勤中').waitFor();
    await screenshot(page, 'staffing-covered');

    // The grid's detail panel on the map says the same.
    await row.getByRole('link', { name: '文定社区第1网格' }).click();
    await waitForFocus(page, BASE_GRID);
    await page
      .getByTestId('grid-post-grid_worker')
      .getByText(/B岗顶岗至/)
      .waitFor();

    // Cancelling the absence gives the post back to its holder.
    await page.getByRole('link', { name: '人员值守' }).click();
    await page.getByTestId('staffing-absences').getByRole('button', { name: '撤销' }).click();
    await page
      .locator('.ant-popconfirm-buttons')
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await page.getByTestId('staffing-covered').getByText('今天所有岗位均由A岗值守').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
