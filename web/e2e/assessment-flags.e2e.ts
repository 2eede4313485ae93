import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { apiAs, DEMO_BASE_GRID, pointInGrid } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

// Five different easy matters (difficulty 1) a few metres apart: a burst, not merged (different matters).
const EASY = ['CG-0103', 'CG-0111', 'CG-0112', 'CG-0202', 'CG-0302'];

describe('flags of hidden and padded reporting on the assessment desk', () => {
  let server: TestServer;
  let browser: Browser;
  const burst: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    // The demo's grid worker pads: five easy reports at one spot within a minute.
    const worker = await apiAs(server.url, 'gridworker');
    const point = await pointInGrid(server.url, DEMO_BASE_GRID);
    for (const [i, matterCode] of EASY.entries()) {
      const r = await worker.post<{ case: { code: string } }>('/cases', {
        matterCode,
        description: '现场发现',
        point: { lon: point.lon, lat: point.lat + i * 0.00008, crs: 'WGS84' },
        ...(matterCode === 'CG-0302' ? {} : { formAnswers: { hazard: 'risk' } }),
      });
      burst.push(r.case.code);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader opens the flags, clicks a flagged grid and reaches the cases behind its flag', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '异常识别' }).click();

    const row = page.getByTestId('assessment-flags').locator('tr[data-kind="padding-burst"]').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('连续上报 5 件容易事项');
    await row.getByTestId('flag-grid').click();

    const cases = page.getByTestId('flag-cases');
    await cases.waitFor();
    const links = cases.locator('a[href^="/cases/"]');
    expect((await links.allTextContents()).sort()).toEqual([...burst].sort());
    await screenshot(page, 'assessment-flags');
    const code = burst[0] as string;
    await cases.getByRole('link', { name: code }).click();
    await page.waitForURL(`**/cases/${code}`);
    await page.getByText(code).first().waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('in the fair-score ranking a flagged worker carries a red tag that opens the cases behind the flag', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '公平得分' }).click();
    await page.getByTestId('fair-score-level').getByText('网格员').click();
    const tag = page
      .getByTestId('assessment-fair-scores')
      .getByTestId('ranking-flag')
      .filter({ hasText: '集中凑数上报' });
    await tag.first().waitFor();
    await tag.first().click();
    const popover = page.getByTestId('flag-popover');
    await popover.waitFor();
    expect((await popover.locator('a[href^="/cases/"]').allTextContents()).sort()).toEqual([...burst].sort());
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an inspector drawn for a grid records on site, in the worker app, what was found vs what was reported', async () => {
    // A supervisor of another town is enrolled as inspector and a draw gives them grids of this town.
    const admin = await apiAs(server.url, 'admin');
    await admin.post('/users', {
      username: 'e2e-inspector',
      displayName: '督查员（另一街道）',
      password: DEMO_PASSWORD,
      roles: ['supervisor'],
      scopeRegionCode: '320281004',
    });
    const leader = await apiAs(server.url, 'leader');
    const inspector = await apiAs(server.url, 'e2e-inspector');
    const me = await inspector.get<{ user: { id: string } }>('/auth/session');
    await leader.post('/assessment/inspectors', { userId: me.user.id });
    await leader.post('/assessment/draws', { period: 'e2e', shares: { grid: 0.2, unit: 0, case: 0 } });

    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/m/');
    await page.getByLabel('用户名').fill('e2e-inspector');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('my-inspections-link').click();
    await page.waitForURL('**/m/inspections');
    const target = page.getByTestId('inspection-target').first();
    await target.waitFor();
    await target.getByTestId('inspection-record').click();
    // Three problems found on site, one of them reported: − and + are big buttons.
    for (let i = 0; i < 3; i++) await target.getByRole('button', { name: '现场发现的问题数加一' }).click();
    await target.getByRole('button', { name: '其中已经上报的加一' }).click();
    await target.getByTestId('finding-note').fill('楼顶彩钢棚两处、群租一处，只报了一处');
    await target.getByTestId('finding-submit').click();
    await target.getByTestId('inspection-last-finding').waitFor();
    expect(await target.getByTestId('inspection-last-finding').textContent()).toBe(
      '已记录：现场发现 3 个问题，其中已上报 1 个',
    );
    await screenshot(page, 'worker-app-inspection-finding');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the flags feed the next 双随机 draw: the padded grid is weighted without typing, marked with its signal', async () => {
    // Runs after the inspector of another town is enrolled (above), so the draw has someone to send.
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '双随机抽查' }).click();
    // Today's burst lies in this month: read this month's flags, and draw every grid.
    await page.getByTestId('draw-flag-window').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '本月至今' }).click();
    await page.getByLabel('网格抽取比例（%）').fill('100');
    await page.getByTestId('draw-submit').click();
    await page.getByText(/已抽取：\d+ 对/).waitFor();

    const newest = page.getByTestId('draws').locator('tbody tr.ant-table-row').first();
    await newest.locator('.ant-table-row-expand-icon').click();
    const caption = page.getByTestId('draw-flag-window-used');
    await caption.waitFor();
    expect(await caption.textContent()).toMatch(/异常依据：月（自 \d{4}-\d{2}-01 起），加权网格 [1-9]\d* 个/);
    await page.getByTestId('draw-only-weighted').click();
    const weighted = page.getByTestId('draw-pairs').getByTestId('draw-weighted');
    await weighted.filter({ hasText: '⚑ 集中凑数上报' }).first().waitFor();
    // Only weighted grids are left in the list, each with its reason.
    const rows = page.getByTestId('draw-pairs').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(await weighted.count());
    await screenshot(page, 'assessment-draw-weighted');
    expect(problems).toEqual([]);
    await context.close();
  });
});
