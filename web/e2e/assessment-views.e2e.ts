import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('the leader’s assessment views and a grid worker’s own scores', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader opens the ranking with its trend chart, clicks a number and reaches the cases behind it', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '排名与趋势' }).click();

    // 上报数 of every town this month: the demo's reports of the last days count.
    await page.getByTestId('rankings-indicator').click();
    await page.getByTitle('上报数', { exact: true }).click();
    // ECharts draws into an SVG; its first paths (the axis lines) count as hidden to Playwright, so wait until drawn.
    await page.getByTestId('assessment-trend-chart').locator('svg path').first().waitFor({ state: 'attached' });
    const table = page.getByTestId('rankings-table');
    const number = table.getByTestId('rankings-value').filter({ hasNotText: '—' }).filter({ hasNotText: /^0$/ }).last();
    await number.waitFor();
    await number.click();
    const cases = page.getByTestId('drill-cases');
    const firstCase = cases.locator('a[href^="/cases/"]').first();
    await firstCase.waitFor();
    expect(await page.getByTestId('drill-value').textContent()).toContain('数值');
    await screenshot(page, 'assessment-rankings-drill-down');
    const code = (await firstCase.textContent()) ?? '';
    await firstCase.click();
    await page.waitForURL(`**/cases/${code}`);
    await page.getByText(code).first().waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('a leader edits the scoring rules and saves them as a new version', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '考核细则' }).click();
    await page.getByTestId('rules-version').getByText('现行版本 v0').waitFor();
    const lines = await page.getByTestId('rules-line').count();
    await page.getByRole('button', { name: '添加一条' }).click();
    expect(await page.getByTestId('rules-line').count()).toBe(lines + 1);
    await page.getByTestId('rules-note').fill('超期每件扣 0.5 分');
    await page.getByTestId('rules-save').click();
    await page.getByTestId('rules-version').getByText('现行版本 v1').waitFor();
    expect(await page.getByTestId('rules-version').textContent()).toContain('超期每件扣 0.5 分');
    expect(await page.getByTestId('rules-line').count()).toBe(lines + 1);
    await screenshot(page, 'assessment-rules-editor');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('a grid worker sees their own score with the lines that explain it', async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/m/');
    await page.getByLabel('用户名').fill('gridworker');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('my-scores-link').click();
    await page.waitForURL('**/m/scores');
    await page.getByTestId('my-score-total').waitFor();
    expect(await page.getByTestId('my-score-total').textContent()).toMatch(/^-?\d+(\.\d+)?$/);
    // Each line says what it measured and the points it gave: the why of the score.
    const line = page.getByTestId('my-score-line').first();
    await line.waitFor();
    expect(await line.textContent()).toContain('分');
    await screenshot(page, 'worker-app-my-scores');
    expect(errors).toEqual([]);
    await context.close();
  });
});
