import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100101'; // 文定社区第1网格 (澄江街道 · 文定社区)

/** Refuses every request that would leave the machine, and keeps its URL. */
async function blockOutside(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
  return outside;
}

/** The names the base layer shows in the map's current view (kept on the map element after each render). */
const baseLabels = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((element) => (element as HTMLElement).dataset.baseLabels ?? '');

describe('the offline base layer, with no tile server configured', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('labels towns on the desk map, and communities once zoomed in, with no outside request', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    const outside = await blockOutside(context);
    await logIn(page, 'admin');
    const [base] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/map/base-layer')),
      page.getByRole('link', { name: '网格地图' }).click(),
    ]);
    expect(base.status()).toBe(200);
    await expect.poll(() => baseLabels(page, 'grid-map'), { timeout: 15_000 }).toContain('澄江街道');
    const wide = (await baseLabels(page, 'grid-map')).split('|');
    expect(wide).toContain('南闸街道');
    expect(wide.length).toBeGreaterThanOrEqual(21);

    await page.goto(`/grids?grid=${BASE_GRID}`);
    await page.waitForSelector(`[data-testid=grid-map][data-focus="${BASE_GRID}"][data-moving=false]`);
    await expect.poll(() => baseLabels(page, 'grid-map'), { timeout: 15_000 }).toContain('文定社区');
    await screenshot(page, 'base-layer-desk');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('labels the resident’s pin map the same way, with no outside request', async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const outside = await blockOutside(context);
    const page = await context.newPage();
    await page.goto('/r/register');
    await page.getByLabel('手机号').fill(`136${String(Date.now()).slice(-8)}`);
    await page.getByLabel('称呼').fill('李先生');
    await page.getByLabel('密码', { exact: true }).fill('Resident2026');
    await page.getByLabel('再输一次密码').fill('Resident2026');
    const [registered] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/register-resident')),
      page.getByRole('button', { name: '注册' }).click(),
    ]);
    expect(registered.status()).toBe(201);
    await page.goto('/r/report');
    await page.locator('[data-testid=pin-map][data-ready=true]').waitFor();
    await expect.poll(() => baseLabels(page, 'pin-map'), { timeout: 15_000 }).toContain('澄江街道');
    await page.getByTestId('pin-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'base-layer-portal');
    expect(outside).toEqual([]);
    await context.close();
  });
});
