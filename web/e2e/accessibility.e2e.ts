import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultsAt200Percent, seriousAccessibilityFaults } from './support/accessibility';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk } from './support/browser';
import { apiAs, pointInGrid } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

const PHONE = { width: 390, height: 844 };

/**
 * 适老化 and accessibility (GB/T 37668-2019, WCAG 2.1 AA) as a machine can check them: axe-core
 * finds no serious or critical fault on the main screens of the three apps, the phone apps keep
 * their controls on screen at 200 %, and their large-text mode is remembered.
 */
describe('accessibility of the worker app, the resident portal and the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let point: { lon: number; lat: number };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    point = await pointInGrid(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const phone = async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      geolocation: { longitude: point.lon, latitude: point.lat, accuracy: 8 },
      permissions: ['geolocation'],
    });
    return { context, page: await context.newPage() };
  };

  /** Every screen checked collects its faults under its name, so one run names them all. */
  const check = async (faults: Record<string, string[]>, name: string, page: Page, keep: readonly string[] = []) => {
    const found = await seriousAccessibilityFaults(page);
    const zoomed = keep.length > 0 ? await faultsAt200Percent(page, keep) : [];
    if (found.length + zoomed.length > 0) faults[name] = [...found, ...zoomed];
  };

  /** A case in the worker's grid waiting for the check on site, with a photo on each side. */
  async function caseToVerify(): Promise<string> {
    const operator = await apiAs(server.url, 'operator');
    const handler = await apiAs(server.url, 'handler');
    const photo = (background: string) =>
      sharp({ create: { width: 320, height: 240, channels: 3, background } })
        .jpeg()
        .toBuffer();
    const reported = await operator.post<{ case: { code: string } }>('/cases', {
      matterCode: 'CG-0101',
      formAnswers: { cover_type: 'rain', hazard: 'risk' },
      description: '西门井盖缺失',
      point: { ...point, crs: 'WGS84' },
      channel: 'desk',
      photoIds: [await operator.upload(await photo('#678'))],
    });
    const code = reported.case.code;
    await operator.post(`/cases/${code}/commands`, { type: 'register' });
    const routing = await operator.get<{ unit: { id: string } }>(`/cases/${code}/routing`);
    await operator.post(`/cases/${code}/commands`, { type: 'dispatch', unitId: routing.unit.id });
    await handler.post(`/cases/${code}/commands`, { type: 'accept' });
    await handler.post(`/cases/${code}/commands`, {
      type: 'submit_feedback',
      text: '已补装井盖',
      photoIds: [await handler.upload(await photo('#876'))],
    });
    return code;
  }

  it('the worker app: no serious fault on its screens, usable at 200 %, large text remembered', async () => {
    const verifying = await caseToVerify();
    const { context, page } = await phone();
    const faults: Record<string, string[]> = {};
    await page.goto('/m/');
    await page.getByLabel('用户名').waitFor();
    await check(faults, 'login', page, ['.wa-login button[type=submit]', '.wa-login input']);
    await page.getByLabel('用户名').fill('gridworker');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('patrol-toggle').waitFor();
    await page.getByTestId('to-verify').locator('.wa-row, .wa-muted').first().waitFor();
    await check(faults, 'today', page, ['[data-testid=patrol-toggle]', '.wa-nav a', '.wa-header h1']);
    await page.getByTestId('to-verify').getByTestId(`case-${verifying}`).click();
    await page.getByTestId('verify-feedback-text').waitFor();
    await page.getByTestId('verify-feedback-photos').locator('img').waitFor();
    await check(faults, 'verify', page, ['[data-testid=verify-pass]', '[data-testid=verify-fail]', '.wa-compare-col']);
    await page.getByRole('link', { name: '今日' }).click();
    await page.getByTestId('patrol-toggle').waitFor();
    await page.getByTestId('nav-report').click();
    await page.getByTestId('skip-photo').waitFor();
    await check(faults, 'report: photo', page, ['.wa-photo-button', '[data-testid=skip-photo]']);
    await page.getByTestId('skip-photo').click();
    await page.getByTestId('matter-search').fill('jgqs');
    await page.getByTestId('matter-results').locator('button').first().waitFor();
    await check(faults, 'report: matter', page, ['[data-testid=matter-search]', '[data-testid=matter-results] button']);
    await page.getByTestId('matter-results').locator('button').first().click();
    await page.getByTestId('report-location').getByText('在 ').waitFor();
    await check(faults, 'report: confirm', page, ['[data-testid=report-submit]', '[data-question] .wa-chip']);
    await page.getByRole('link', { name: '走访' }).click();
    await page.getByTestId('visit-address').waitFor();
    await check(faults, 'visit', page, ['[data-testid=visit-address]', '[data-testid=visit-submit]']);
    await page.getByTestId('nav-outbox').click();
    await page.getByTestId('outbox-summary').waitFor();
    await check(faults, 'outbox', page, ['[data-testid=sync-now]']);
    expect(faults).toEqual({});

    // Large text: one tap in the menu, and still on after the app is opened again.
    const titleSize = () =>
      page
        .locator('.wa-header h1')
        .evaluate(
          (h) => h.getBoundingClientRect().height * Number(getComputedStyle(document.documentElement).zoom || 1),
        );
    const before = await titleSize();
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('button', { name: '大字模式' }).click();
    await expect.poll(titleSize).toBeGreaterThan(before * 1.2);
    await page.reload();
    await page.getByTestId('outbox-summary').waitFor();
    await expect.poll(titleSize).toBeGreaterThan(before * 1.2);
    await page.getByRole('button', { name: '菜单' }).click();
    await expect(page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await check(faults, 'outbox, large text', page, ['[data-testid=sync-now]']);
    expect(faults).toEqual({});
    await context.close();
  });

  it('the resident portal: no serious fault on its pages, usable at 200 %, large text remembered', async () => {
    const { context, page } = await phone();
    const faults: Record<string, string[]> = {};
    await page.goto('/r');
    await page.getByTestId('home-follow').waitFor();
    await check(faults, 'home', page, ['[data-testid=home-follow]', '.yr-bar h1']);
    await page.goto('/r/follow');
    await page.getByLabel('案件编号').waitFor();
    await check(faults, 'follow', page, ['.yr-main button[type=submit]', '.yr-main input']);
    await page.goto('/r/login');
    await page.getByLabel('手机号').waitFor();
    await check(faults, 'login', page, ['.yr-main button[type=submit]', '.yr-main input']);
    await page.goto('/r/register');
    await page.getByLabel('称呼').waitFor();
    await check(faults, 'register', page, ['.yr-main button[type=submit]']);
    await page.getByLabel('手机号').fill(`137${String(Date.now()).slice(-8)}`);
    await page.getByLabel('称呼').fill('李阿姨');
    await page.getByLabel('密码', { exact: true }).fill('Resident2026');
    await page.getByLabel('再输一次密码').fill('Resident2026');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/register'));
    await page.goto('/r/report');
    await page.getByTestId('report-submit').waitFor();
    await page.locator('[data-testid=pin-map][data-ready=true]').waitFor();
    await check(faults, 'report', page, ['[data-testid=report-submit]', '.yr-picker input']);
    await page.goto('/r/mine');
    await page.locator('.yr-main').waitFor();
    await check(faults, 'my reports', page, ['.yr-bar h1']);
    expect(faults).toEqual({});

    const bodySize = () =>
      page.evaluate(
        () =>
          Number(getComputedStyle(document.documentElement).zoom || 1) *
          Number.parseFloat(getComputedStyle(document.body).fontSize),
      );
    const before = await bodySize();
    await page.getByRole('button', { name: '大字' }).click();
    await expect.poll(bodySize).toBeGreaterThan(before * 1.2);
    await page.reload();
    await page.locator('.yr-main').waitFor();
    await expect.poll(bodySize).toBeGreaterThan(before * 1.2);
    await check(faults, 'my reports, large text', page, ['.yr-bar h1']);
    expect(faults).toEqual({});
    await context.close();
  });

  it('the desk: sign-in, landing page, case list and case page without a serious fault', async () => {
    const desk = await openDesk(browser, server.url);
    const { page } = desk;
    const faults: Record<string, string[]> = {};
    await page.goto('/login');
    await page.getByLabel('用户名').waitFor();
    await check(faults, 'sign-in', page);
    await logIn(page, 'operator');
    await page.locator('main, .ant-layout-content').first().waitFor();
    await page.waitForLoadState('networkidle');
    await check(faults, 'landing', page);
    await page.goto('/cases');
    await page.locator('.ant-table-row').first().waitFor();
    await check(faults, 'case list', page);
    const first = page.locator('.ant-table-row a[href^="/cases/YW"]').first();
    await first.click();
    await page.getByTestId('case-detail').waitFor();
    await page.getByTestId('case-timeline').waitFor();
    await check(faults, 'case page', page);
    expect(faults).toEqual({});
    await desk.context.close();
  });
});
