import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPointOf } from '../../server/src/modules/grids/geometry/interior-point';
import { DEMO_PASSWORD, launchBrowser, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100101'; // 文定社区第1网格 (澄江街道)
const BEIJING = { longitude: 116.397, latitude: 39.908 };

/** A phone-sized context (iPhone 12–15 class), Chinese, allowed to locate, with its own cookies. */
async function openPhone(browser: Browser, baseURL: string, geolocation?: { longitude: number; latitude: number }) {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/** A desk role driving the loop through the API, as cases.e2e does through the desk. */
async function apiAs(baseURL: string, username: string) {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  return {
    api,
    get: async (path: string) => (await api.get(path)).json(),
    command: async (code: string, body: Record<string, unknown>) => {
      const r = await api.post(`/api/cases/${code}/commands`, { data: body, headers });
      expect(r.status(), `${String(body.type)}: ${await r.text()}`).toBe(200);
    },
    uploadPhoto: async (buffer: Buffer) => {
      const r = await api.post('/api/photos', {
        headers,
        multipart: { file: { name: 'fixed.jpg', mimeType: 'image/jpeg', buffer } },
      });
      expect(r.status(), await r.text()).toBeLessThan(300);
      return ((await r.json()) as { id: string }).id;
    },
  };
}

const jpeg = (r: number) =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: { r, g: 120, b: 90 } } })
    .jpeg()
    .toBuffer();

const pinText = (page: Page) => page.getByTestId('pin-text').textContent();

describe('the resident portal on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const apis: APIRequestContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const api of apis) await api.dispose();
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('sign up, report with a photo and a pin, follow without an account, rate once the case is closed', async () => {
    const operator = await apiAs(server.url, 'operator');
    apis.push(operator.api);
    const grid = await operator.get(`/api/grids/${BASE_GRID}`);
    const [lon, lat] = interiorPointOf(grid.grid.geometry) as [number, number];

    // A resident, first somewhere far away (the phone thinks it is in Beijing).
    const resident = await openPhone(browser, server.url, BEIJING);
    contexts.push(resident.context);
    const page = resident.page;
    await page.goto('/r');
    await page.getByTestId('home-report').click();
    // Reporting needs an account: sent to sign in, and on to sign up.
    await page.waitForURL(/\/r\/login\?next=%2Freport/);
    await page.getByText('请先登录，再反映问题或查看您的反映。').waitFor();
    await page.getByRole('link', { name: '注册' }).click();
    await page.waitForURL(/\/r\/register/);
    const phone = `137${String(Date.now()).slice(-8)}`;
    await page.getByLabel('手机号').fill('1371234');
    await page.getByLabel('称呼').fill('王女士');
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('再输一次密码').fill('short');
    await page.getByRole('button', { name: '注册' }).click();
    // The server's own words, in Chinese, for each field.
    const error = page.getByTestId('portal-error');
    await error.getByText('请输入 11 位中国大陆手机号码').waitFor();
    await error.getByText('密码至少 10 位，且须同时包含字母和数字').waitFor();
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('密码', { exact: true }).fill('Resident2026');
    await page.getByLabel('再输一次密码').fill('Resident2026');
    const [registered] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/register-resident')),
      page.getByRole('button', { name: '注册' }).click(),
    ]);
    expect(registered.status()).toBe(201);
    await page.waitForURL(/\/r\/report$/);

    // The kind of problem, found by its pinyin initials, and its own question.
    await page.getByLabel('搜索问题类型，如“井盖”“噪声”“jg”').fill('jgqs');
    await page.getByTestId('matter-options').getByRole('button', { name: '井盖缺失' }).click();
    await page.getByTestId('matter-chosen').getByText('井盖缺失').waitFor();
    await page.getByLabel('是否有安全隐患').selectOption({ label: '存在安全隐患' });
    await page.getByLabel('问题描述').fill('小区东门外人行道上的井盖不见了，晚上很危险');

    // A photo, shrunk on the phone before it is sent.
    const [upload] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/photos') && r.request().method() === 'POST'),
      page
        .locator('input[type=file]')
        .setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await jpeg(200) }),
    ]);
    expect(upload.status()).toBe(201);
    const uploaded = (await upload.json()) as { width: number; height: number };
    expect(Math.max(uploaded.width, uploaded.height)).toBeLessThanOrEqual(1600);
    await page.getByTestId('photos').locator('img').first().waitFor();

    // "Use my location" in Beijing: the server says it is outside the county, in Chinese.
    await page.locator('[data-testid=pin-map][data-ready=true]').waitFor();
    await page.getByRole('button', { name: '使用我的位置' }).click();
    await page.getByText(/已标出：经度 116\.39/).waitFor();
    // Said at once under the map, in the server's words; sending anyway does not say it twice.
    const outside = page.getByTestId('portal-error').getByText(/不在本县（市）网格范围内/);
    await outside.first().waitFor();
    const sent: string[] = [];
    const onRequest = (r: { url(): string; method(): string }) => {
      if (r.url().endsWith('/api/cases') && r.method() === 'POST') sent.push(r.url());
    };
    page.on('request', onRequest);
    await page.getByTestId('report-submit').click();
    await page.waitForTimeout(1000);
    page.off('request', onRequest);
    expect(sent).toEqual([]);
    await expect(outside.count()).resolves.toBe(1);

    // Back home: located in 文定社区, then the pin moved by a tap on the map.
    await resident.context.setGeolocation({ longitude: lon, latitude: lat });
    await page.getByRole('button', { name: '使用我的位置' }).click();
    await page.getByText(new RegExp(`已标出：经度 ${lon.toFixed(3)}`)).waitFor();
    // The new pin answers the refusal: it is no longer shown.
    await expect.poll(() => page.getByTestId('portal-error').count()).toBe(0);
    await page
      .getByTestId('pin-place')
      .getByText(/澄江街道 · 文定社区 · 文定社区第1网格/)
      .waitFor();
    await page.waitForTimeout(400); // the map glides to the located point
    const located = await pinText(page);
    const map = page.getByTestId('pin-map');
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no box');
    await map.tap({ position: { x: box.width / 2 + 12, y: box.height / 2 - 8 } });
    await expect.poll(() => pinText(page)).not.toBe(located);
    await page.getByLabel('匿名反映').check();
    await screenshot(page, 'resident-portal-report');

    const [reported] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST'),
      page.getByTestId('report-submit').click(),
    ]);
    expect(reported.status(), await reported.text()).toBe(201);
    const result = page.getByTestId('report-result');
    await result.waitFor();
    const code = (await page.getByTestId('result-code').textContent()) as string;
    const key = (await page.getByTestId('result-key').textContent()) as string;
    expect(code).toMatch(/^YW\d{8}-\d{6}$/);
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    await screenshot(page, 'resident-portal-result');

    // Anyone with the code and key follows it, with no account: a fresh phone.
    const visitor = await openPhone(browser, server.url);
    contexts.push(visitor.context);
    const follow = visitor.page;
    await follow.goto('/r');
    await follow.getByTestId('home-follow').click();
    await follow.getByLabel('案件编号').fill(code);
    await follow.getByLabel('查询码').fill('WRONGKEY');
    await follow.getByRole('button', { name: '查询' }).click();
    await follow.getByTestId('follow-not-found').waitFor();
    await follow.getByLabel('查询码').fill(key.toLowerCase());
    await follow.getByRole('button', { name: '查询' }).click();
    const progress = follow.locator(`[data-testid=case-progress][data-state=submitted]`);
    await progress.waitFor();
    await progress.getByText('井盖缺失').waitFor();
    await progress.getByText('已提交，待受理').waitFor();
    await progress.getByTestId('timeline').getByText('提交反映').waitFor();
    // Public facts only: not the description, not who reported.
    expect(await progress.textContent()).not.toContain('人行道');
    expect(await progress.textContent()).not.toContain('王女士');
    await screenshot(follow, 'resident-portal-follow');

    // The desk takes it through the loop (as in cases.e2e): register, dispatch, accept, feedback, check on site.
    const [handler, gridworker] = await Promise.all([apiAs(server.url, 'handler'), apiAs(server.url, 'gridworker')]);
    apis.push(handler.api, gridworker.api);
    await operator.command(code, { type: 'register' });
    // Dispatched where 六定 routing says (the county's urban management bureau).
    const routing = (await operator.get(`/api/cases/${code}/routing`)) as { unit: { id: string; code: string } };
    expect(routing.unit.code).toBe('320281-urban');
    await operator.command(code, { type: 'dispatch', unitId: routing.unit.id });
    await handler.command(code, { type: 'accept' });
    const photoId = await handler.uploadPhoto(await jpeg(40));
    await handler.command(code, { type: 'submit_feedback', text: '已补装井盖并设置警示标志', photoIds: [photoId] });
    await gridworker.command(code, { type: 'verify_pass', note: '现场核实已补装' });

    // The resident rates it from "my reports".
    await page.goto('/r/mine');
    const card = page.locator(`[data-testid="my-report-${code}"][data-state=resolved]`);
    await card.waitFor();
    await card.getByText(key).waitFor();
    const form = card.getByTestId('rate-form');
    await form.getByText('问题已办结，请您评价').waitFor();
    await form.getByLabel('基本满意').check();
    await form.getByLabel('还想说的话（可不填）').fill('修得挺快，警示牌可以再醒目些');
    const [rated] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/cases/${code}/commands`)),
      form.getByRole('button', { name: '提交评价' }).click(),
    ]);
    expect(rated.status(), await rated.text()).toBe(200);
    await card.getByTestId('my-rating').getByText('您的评价：基本满意').waitFor();
    await expect.poll(() => form.count()).toBe(0);
    await screenshot(page, 'resident-portal-rated');

    // The follower sees it resolved, with what was done and the unit's photo.
    await follow.reload();
    const resolved = follow.locator('[data-testid=case-progress][data-state=resolved]');
    await resolved.waitFor();
    await resolved.getByTestId('case-result').getByText('已补装井盖并设置警示标志').waitFor();
    const thumb = resolved.getByTestId('case-result').locator('img');
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    for (const step of ['受理立案', '派给责任单位', '处置完成', '现场核查通过', '办结', '评价']) {
      await resolved.getByTestId('timeline').getByText(step, { exact: true }).waitFor();
    }
    await screenshot(follow, 'resident-portal-resolved');

    // In English too, with the server's messages in English.
    await follow.getByRole('button', { name: 'English' }).click();
    await resolved.getByText('Resolved').first().waitFor();

    expect(resident.problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
  });
});
