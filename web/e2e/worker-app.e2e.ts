import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPointOf } from '../../server/src/modules/grids/geometry/interior-point';
import { DEMO_PASSWORD, launchBrowser, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100101'; // 文定社区第1网格, held by the demo account `gridworker`
const PHONE = { width: 390, height: 844 };

interface CaseRow {
  code: string;
  gridCode: string | null;
  channel: string;
  matter: { code: string };
}

/**
 * A camera photo: random pixels, so that no two are alike even after the app re-encodes
 * them (the server keeps one photo per identical file of an uploader).
 */
const cameraPhoto = async () => ({
  name: 'camera.jpg',
  mimeType: 'image/jpeg',
  buffer: await sharp(randomBytes(320 * 240 * 3), { raw: { width: 320, height: 240, channels: 3 } })
    .jpeg()
    .toBuffer(),
});

/** The grid worker's phone: 390×844, touch, Chinese, GPS at `point`. */
async function openPhone(browser: Browser, baseURL: string, point: { lon: number; lat: number }) {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    geolocation: { longitude: point.lon, latitude: point.lat, accuracy: 8 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  // The app asks in its own dialogs; any of the browser's is counted (and accepted, so nothing hangs).
  const nativeDialogs: string[] = [];
  page.on('dialog', (dialog) => {
    nativeDialogs.push(dialog.message());
    void dialog.accept();
  });
  return { context, page, problems, nativeDialogs };
}

async function signIn(page: Page, username = 'gridworker') {
  await page.goto('/m/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/field/today') && r.status() === 200),
    page.waitForResponse((r) => r.url().endsWith('/api/catalog/matters') && r.status() === 200),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  await page.getByTestId('patrol-toggle').waitFor();
  // The service worker holds the lazily loaded screens for offline use: a test that goes offline
  // right after signing in must not race its first install (on a loaded machine it can lose).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Report in three taps (plus the matter's required questions, answered with the first choice). */
async function reportThroughApp(page: Page, matterQuery: string, options: { photo: boolean; note?: string }) {
  await page.getByTestId('nav-report').click();
  if (options.photo) await page.getByTestId('report-photo').setInputFiles(await cameraPhoto());
  else await page.getByTestId('skip-photo').click();
  await page.getByTestId('matter-search').fill(matterQuery);
  await page.getByTestId('matter-results').locator('button').first().click();
  await page.getByTestId('report-location').getByText('在 ').waitFor();
  for (const question of await page.locator('[data-question]').all()) {
    await question.locator('.wa-chip').first().click();
  }
  if (options.note) await page.getByPlaceholder('说说看到了什么').fill(options.note);
  await page.getByTestId('report-submit').click();
  await page.getByTestId('toast').waitFor();
  await page.getByTestId('patrol-toggle').waitFor();
}

async function waitForOutboxEmpty(page: Page, timeout = 60_000) {
  await page.getByTestId('nav-outbox').click();
  await page.waitForSelector('[data-testid=outbox-summary][data-pending="0"]', { timeout });
}

interface StoredItem {
  id: string;
  state: string;
  photos: { key: string; photoId: string | null }[];
  result: { caseCode: string | null } | null;
}

/** The outbox as the phone holds it (IndexedDB), to see what is really there, not what the screen says. */
const outboxOnPhone = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<StoredItem[]>((resolve, reject) => {
        const open = indexedDB.open('yiwang-worker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            resolve(all.result as StoredItem[]);
            open.result.close();
          };
        };
      }),
  );

/** On the outbox screen: the one item the server refused because it was made outside the county. */
async function refusedOutsideCounty(page: Page) {
  await page.getByTestId('nav-outbox').click();
  const failed = page.locator('[data-testid=outbox-item][data-state=failed]');
  await failed.waitFor({ timeout: 30_000 });
  await failed
    .getByTestId('outbox-detail')
    .getByText(/不在本县（市）网格范围内/)
    .waitFor();
  const [refused] = await outboxOnPhone(page);
  expect(refused).toMatchObject({ state: 'failed' });
  return { failed, refused };
}

describe('the grid-worker app (/m) on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let operator: BrowserContext;
  let point: { lon: number; lat: number };

  /** The desk's view, through the API as the town operator. */
  const desk = async <T>(path: string): Promise<T> => {
    const response = await operator.request.get(path);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    operator = await browser.newContext({ baseURL: server.url });
    const login = await operator.request.post('/api/auth/login', {
      data: { username: 'operator', password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const grid = await desk<{ grid: { geometry: Parameters<typeof interiorPointOf>[0] } }>(`/api/grids/${BASE_GRID}`);
    const [lon, lat] = interiorPointOf(grid.grid.geometry) as [number, number];
    point = { lon, lat };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is installable: manifest and icons, a service worker scoped to /m/, and the app starts offline after the first visit', async () => {
    const phone = await openPhone(browser, server.url, point);
    const { page, context } = phone;
    const manifest = await page.request.get('/m/manifest.webmanifest');
    expect(manifest.status()).toBe(200);
    const body = await manifest.json();
    expect(body).toMatchObject({ name: '一网·网格员', start_url: '/m/', scope: '/m/', display: 'standalone' });
    for (const icon of body.icons as { src: string; sizes: string }[]) {
      const png = await page.request.get(icon.src);
      expect(png.headers()['content-type']).toBe('image/png');
      const meta = await sharp(await png.body()).metadata();
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
    }

    await signIn(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.url}/m/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await screenshot(page, 'worker-app-today');

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('patrol-toggle').waitFor();
    await expect(page.getByTestId('network-state').textContent()).resolves.toBe('离线');
    await page.getByTestId('nav-outbox').click();
    await page.getByTestId('outbox-summary').waitFor();
    await page.goto('/m/report');
    await page.getByTestId('report-photo').waitFor({ state: 'attached' });
    // The service worker leaves /api alone (no stale answers) and does not serve the desk.
    const api = await page.evaluate(() =>
      fetch('/api/auth/session').then(
        (r) => `answered ${r.status}`,
        () => 'failed',
      ),
    );
    expect(api).toBe('failed');
    await expect(page.goto('/')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await context.setOffline(false);
    expect(phone.problems).toEqual([]);
    await context.close();
  });

  /** Cases reported in this grid through the worker channel since `from`, as the desk lists them. */
  const workerCasesSince = async (from: string) =>
    (
      await desk<{ items: CaseRow[] }>(
        `/api/cases?gridCode=${BASE_GRID}&channel=worker&limit=500&reportedFrom=${encodeURIComponent(from)}`,
      )
    ).items;

  it('offline: a report with a photo is queued, and once online exactly one case reaches the desk, in the right grid', async () => {
    const { page, context, problems } = await openPhone(browser, server.url, point);
    await signIn(page);
    const from = new Date().toISOString();
    await context.setOffline(true);

    await page.getByTestId('nav-report').click();
    await page.getByTestId('report-photo').setInputFiles(await cameraPhoto());
    await page.getByTestId('matter-search').fill('jgqs');
    // Names only: the pinyin initials find a matter, they are not shown under each name.
    await expect(page.getByTestId('matter-results').textContent()).resolves.toBe('井盖缺失');
    await page.getByTestId('matter-results').locator('button').first().click();
    await expect(page.getByTestId('chosen-matter').textContent()).resolves.toBe('井盖缺失');
    // Offline the nearby check cannot run: the app says so instead of hiding it.
    await page.getByText('离线：无法查看附近是否已有同类案件').waitFor();
    await page.getByTestId('report-location').getByText('在 文定社区第1网格').waitFor();
    for (const question of await page.locator('[data-question]').all())
      await question.locator('.wa-chip').first().click();
    await page.getByPlaceholder('说说看到了什么').fill('小区东门井盖缺失，已放锥桶');
    await screenshot(page, 'worker-app-report-confirm');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('toast').getByText('已保存，联网后自动发送').waitFor();

    await page.getByTestId('nav-outbox').click();
    const item = page.getByTestId('outbox-item');
    await expect(item.getAttribute('data-state')).resolves.toBe('queued');
    await item.getByText('等待网络').waitFor();
    await item.getByText('1 张照片').waitFor();
    expect(await workerCasesSince(from)).toEqual([]);

    await context.setOffline(false);
    await page.waitForSelector('[data-testid=outbox-item][data-state=sent]', { timeout: 30_000 });
    // Reported, not registered: the desk has not registered it yet.
    await item.getByText(/已上报，案件编号 YW\d{8}-\d+/).waitFor();
    expect(await item.textContent()).not.toContain('已立案');
    await screenshot(page, 'worker-app-outbox-sent');

    const cases = await workerCasesSince(from);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ gridCode: BASE_GRID, matter: { code: 'CG-0101' }, channel: 'worker' });
    const detail = await desk<{ reports: { description: string; photoIds: string[] }[] }>(
      `/api/cases/${cases[0]?.code}`,
    );
    expect(detail.reports).toHaveLength(1);
    expect(detail.reports[0]).toMatchObject({ description: '小区东门井盖缺失，已放锥桶' });
    expect(detail.reports[0]?.photoIds).toHaveLength(1);

    // Back online, the same matter at the same spot is offered to join instead of filing again:
    // at 390×844 the whole "is it this one?" card is on screen above the confirm button, unscrolled.
    await page.getByTestId('nav-report').click();
    await page.getByTestId('report-photo').setInputFiles(await cameraPhoto());
    await page.getByTestId('matter-search').fill('jgqs');
    await page.getByTestId('matter-results').locator('button').first().click();
    const nearby = page.getByTestId(`nearby-${cases[0]?.code}`);
    await nearby.waitFor();
    await page.waitForTimeout(300); // the thumbnail and the card settle
    const boxes = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
      return {
        card: box('[data-testid=nearby]'),
        header: box('.wa-header'),
        button: box('[data-testid=report-submit]'),
        scrollY: window.scrollY,
      };
    });
    expect(boxes.scrollY).toBe(0);
    expect(boxes.card?.top).toBeGreaterThanOrEqual(boxes.header?.bottom ?? Number.NaN);
    expect(boxes.card?.bottom).toBeLessThanOrEqual(boxes.button?.top ?? Number.NaN);
    await screenshot(page, 'worker-app-nearby');
    await nearby.getByRole('button', { name: '就是这件，补充上报' }).click();
    await page.getByTestId('toast').getByText(`已补充到案件 ${cases[0]?.code}`).waitFor();
    await waitForOutboxEmpty(page);
    const after = await desk<{ case: { supporterCount: number } }>(`/api/cases/${cases[0]?.code}`);
    expect(after.case.supporterCount).toBe(1);
    expect(await workerCasesSince(from)).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('20 reports queued offline, the connection cut in the middle of sending them: afterwards all 20 exist once each', async () => {
    const { page, context, problems } = await openPhone(browser, server.url, point);
    await signIn(page);
    const catalog = await desk<{ items: { code: string; formFields: { required: boolean }[] }[] }>(
      '/api/catalog/matters',
    );
    // Twenty different matters: the same matter at the same spot would rightly be merged (并单).
    const matters = catalog.items
      .filter((m) => m.code !== 'CG-0101' && !m.formFields.some((f) => f.required))
      .slice(0, 20)
      .map((m) => m.code);
    expect(matters).toHaveLength(20);
    const from = new Date().toISOString();

    await context.setOffline(true);
    for (const [i, code] of matters.entries()) {
      await reportThroughApp(page, code.toLowerCase(), { photo: i % 2 === 0, note: `离线上报第 ${i + 1} 件` });
    }
    await page.getByTestId('nav-outbox').click();
    // The outbox screen is its own chunk: wait until it shows the queue before counting.
    await page.waitForSelector('[data-testid=outbox-summary][data-pending="20"]');
    await expect(page.getByTestId('outbox-item').count()).resolves.toBe(20);
    await expect(page.getByTestId('outbox-badge').textContent()).resolves.toBe('20');

    // The server does the work, but for two reports the answer is lost on the way back (as when
    // a phone drops off the network mid-request), and then the network goes away altogether.
    let posted = 0;
    let cutAt: number | null = null;
    // On the context, not the page: the page's requests pass through its service worker first.
    await context.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      posted += 1;
      const nth = posted;
      if (nth === 5 || nth === 6) {
        await route.abort('connectionreset');
        if (nth === 6) {
          cutAt = nth;
          await context.setOffline(true);
        }
        return;
      }
      await route.fulfill({ response });
    });
    await context.setOffline(false);
    await expect.poll(() => cutAt, { timeout: 30_000 }).toBe(6);
    const sentBeforeCut = (await workerCasesSince(from)).length;
    expect(sentBeforeCut).toBeGreaterThanOrEqual(6);
    expect(sentBeforeCut).toBeLessThan(20);
    await page.waitForTimeout(1500);
    await context.setOffline(false);
    await waitForOutboxEmpty(page, 90_000);
    await screenshot(page, 'worker-app-outbox-20-sent');

    const cases = await workerCasesSince(from);
    expect(cases.map((c) => c.matter.code).sort()).toEqual([...matters].sort());
    expect(cases.every((c) => c.gridCode === BASE_GRID)).toBe(true);
    // The two lost answers were asked again with the same Idempotency-Key and replayed, not filed twice.
    expect(posted).toBeGreaterThan(20);
    await expect(page.locator('[data-testid=outbox-item][data-state=sent]').count()).resolves.toBe(20);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a patrol started in the app, with a visit on the way, is a track the desk sees', async () => {
    const { page, context, problems, nativeDialogs } = await openPhone(browser, server.url, point);
    await signIn(page);
    const me = await (await page.request.get('/api/auth/session')).json();
    const from = Date.now();

    await page.getByTestId('patrol-toggle').click();
    await page.waitForSelector('[data-testid=patrol-toggle][data-on=true]');
    // Walk north-east in steps of ~20 m, one every 6 s (the app records a point per move of 8 m, at most every 5 s).
    for (let step = 1; step <= 3; step++) {
      await page.waitForTimeout(6_000);
      await context.setGeolocation({
        longitude: point.lon + step * 0.0002,
        latitude: point.lat + step * 0.0001,
        accuracy: 6,
      });
    }
    await page.getByTestId('patrol-info').getByText('已记录 4 个点').waitFor({ timeout: 15_000 });

    // A household visit on the way lands on the track.
    await page.getByRole('link', { name: '走访' }).click();
    await page.getByTestId('visit-address').fill('文定花园3幢201');
    await page.getByRole('button', { name: '情况正常' }).click();
    await page.getByText('记在本次巡查轨迹上').waitFor();
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('toast').getByText('走访已保存').waitFor();

    // Live on the desk while on patrol.
    await page.getByTestId('nav-outbox').click();
    await page.getByTestId('sync-now').click();
    await waitForOutboxEmpty(page);
    await expect
      .poll(async () => (await desk<{ items: { userId: string }[] }>('/api/patrols/live')).items.map((i) => i.userId), {
        timeout: 20_000,
      })
      .toContain(me.user.id);

    await page.getByRole('link', { name: '今日' }).click();
    // Ending it asks in the app's own dialog (not the browser's); "取消" keeps it going.
    await page.getByTestId('patrol-toggle').click();
    await page.getByRole('alertdialog').getByText('确定结束本次巡查？').waitFor();
    await page.getByTestId('confirm-no').click();
    await page.waitForSelector('[data-testid=patrol-toggle][data-on=true]');
    await page.getByTestId('patrol-toggle').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '结束巡查' }).click();
    await page.waitForSelector('[data-testid=patrol-toggle][data-on=false]');
    expect(nativeDialogs).toEqual([]);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    type Track = {
      userId: string;
      startedAt: string;
      endedAt: string | null;
      track: { coordinates: number[][] };
      visits: { address: string }[];
    };
    await expect
      .poll(
        async () => {
          const tracks = await desk<{ items: Track[] }>(`/api/patrols/tracks?date=${today}&gridCode=${BASE_GRID}`);
          // The demo county has earlier patrols of this worker today: this one started in this test.
          const mine = tracks.items.find((t) => t.userId === me.user.id && Date.parse(t.startedAt) >= from - 1000);
          return mine
            ? {
                ended: mine.endedAt !== null,
                points: mine.track.coordinates.length,
                visits: mine.visits.map((v) => v.address),
              }
            : null;
        },
        { timeout: 30_000 },
      )
      .toEqual({ ended: true, points: 4, visits: ['文定花园3幢201'] });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a planned visit typed rather than tapped closes its plan; a file that is no photo is said so plainly', async () => {
    const workstation = await browser.newContext({ baseURL: server.url });
    const login = await workstation.request.post('/api/auth/login', {
      data: { username: 'workstation', password: DEMO_PASSWORD },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const dueOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const planned = await workstation.request.post('/api/visit-plans', {
      data: { address: '文定花园7幢101', dueOn, gridCode: BASE_GRID },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(planned.status(), await planned.text()).toBe(201);
    const plan = (await planned.json()) as { id: string };

    const { page, context, problems } = await openPhone(browser, server.url, point);
    await signIn(page);
    await page.getByTestId('visits-due').getByText('文定花园7幢101').waitFor();
    // From the 走访 tab, not from the plan: the address as the worker types it, with a space.
    await page.getByRole('link', { name: '走访' }).click();
    await page.getByTestId('visit-address').fill('文定花园 7幢101');
    await page.getByTestId('visit-plan').getByText('走访计划：文定花园7幢101').waitFor();
    await page.getByRole('button', { name: '情况正常' }).click();
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('toast').getByText('走访已保存').waitFor();
    await waitForOutboxEmpty(page);
    const open = await workstation.request.get(`/api/visit-plans?gridCode=${BASE_GRID}&open=true`);
    const openPlans = ((await open.json()) as { items: { id: string }[] }).items.map((p) => p.id);
    expect(openPlans).not.toContain(plan.id);

    // A document picked instead of a photo: plain words, not the browser's decoder message.
    await page.getByTestId('nav-report').click();
    await page
      .getByTestId('report-photo')
      .setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 not a photo') });
    await page.getByTestId('photo-error').getByText('这个文件不是照片，或手机打不开它。请重新拍一张。').waitFor();
    expect(problems).toEqual([]);
    await workstation.close();
    await context.close();
  });

  /** A case in the grid taken to 'handled' through the API (report, register, dispatch, accept, feedback). */
  async function caseAwaitingVerification(description: string, east: number): Promise<string> {
    const signIn = async (username: string) => {
      const context = await browser.newContext({ baseURL: server.url });
      const login = await context.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const post = async <T>(path: string, data: unknown): Promise<T> => {
        const response = await context.request.post(path, { data, headers: { 'x-csrf-token': csrfToken } });
        expect(response.status(), await response.text()).toBeLessThan(300);
        return (await response.json()) as T;
      };
      const upload = async () => {
        const response = await context.request.post('/api/photos', {
          multipart: { file: await cameraPhoto() },
          headers: { 'x-csrf-token': csrfToken },
        });
        expect(response.status(), await response.text()).toBeLessThan(300);
        return ((await response.json()) as { id: string }).id;
      };
      return { context, post, upload };
    };
    const desk = await signIn('operator');
    const reported = await desk.post<{ case: { code: string } }>('/api/cases', {
      // 井盖缺失: a town-level matter, so the town operator registers it; 城市管理局 handles it.
      matterCode: 'CG-0101',
      photoIds: [await desk.upload()],
      formAnswers: { cover_type: 'rain', hazard: 'risk' },
      description,
      // Apart by more than the matter's merge distance, or the second report would join the first.
      point: { lon: point.lon + east, lat: point.lat, crs: 'WGS84' },
      channel: 'desk',
      reporter: { name: '张先生', phone: '13812345678' },
    });
    const code = reported.case.code;
    await desk.post(`/api/cases/${code}/commands`, { type: 'register' });
    const routing = (await (await desk.context.request.get(`/api/cases/${code}/routing`)).json()) as {
      unit: { id: string };
    };
    await desk.post(`/api/cases/${code}/commands`, { type: 'dispatch', unitId: routing.unit.id });
    const handler = await signIn('handler');
    await handler.post(`/api/cases/${code}/commands`, { type: 'accept' });
    await handler.post(`/api/cases/${code}/commands`, {
      type: 'submit_feedback',
      text: '已补装井盖',
      photoIds: [await handler.upload()],
    });
    await desk.context.close();
    await handler.context.close();
    return code;
  }

  it('verifies on site: pass with a photo, or fail with a reason (sent through the outbox)', async () => {
    const passing = await caseAwaitingVerification('井盖缺失，东门', 0.0004);
    const failing = await caseAwaitingVerification('井盖缺失，西门', -0.0004);
    const { page, problems, context } = await openPhone(browser, server.url, point);
    await signIn(page);
    const list = page.getByTestId('to-verify');
    await list.getByTestId(`case-${passing}`).click();
    await page.getByTestId('verify-case').getByText('井盖缺失，东门').waitFor();
    // What to judge: the unit's feedback, and the report's and the unit's photos beside the camera.
    await page.getByTestId('verify-feedback-text').getByText('已补装井盖').waitFor();
    await page.getByTestId('verify-feedback').getByText('市城市管理局').waitFor();
    await page.getByTestId('verify-photo').setInputFiles(await cameraPhoto());
    await page.getByTestId('verify-my-photos').locator('img').waitFor();
    const shown = async (testId: string) =>
      page
        .getByTestId(testId)
        .locator('img')
        .evaluateAll((images) =>
          images.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
        );
    await expect.poll(() => shown('verify-report-photos')).toEqual([true]);
    await expect.poll(() => shown('verify-feedback-photos')).toEqual([true]);
    // Side by side: the three columns on one row of the phone's screen.
    const tops = await page
      .locator('.wa-compare-col')
      .evaluateAll((columns) => columns.map((c) => Math.round(c.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await screenshot(page, 'worker-app-verify');
    await page.getByTestId('verify-pass').click();
    // Online: it is being sent now (not "when online"), and the case leaves 待核查 without a reload.
    const toast = page.getByTestId('toast');
    await toast.getByText('核查通过，正在发送').waitFor();
    expect(await toast.textContent()).not.toContain('联网后');
    await list.waitFor();
    await expect.poll(() => list.getByTestId(`case-${passing}`).count()).toBe(0);
    await toast.getByText(/核查结果已送达/).waitFor({ timeout: 20_000 });
    await expect.poll(() => list.getByTestId(`case-${passing}`).count()).toBe(0);

    await list.getByTestId(`case-${failing}`).click();
    await page.getByTestId('verify-fail').click();
    await page.getByTestId('verify-fail-submit').click();
    await page.getByRole('alert').getByText('请写明未通过的原因').waitFor();
    await page.getByRole('button', { name: '问题仍然存在' }).click();
    await page.getByTestId('verify-fail-submit').click();
    await waitForOutboxEmpty(page);

    const passed = await desk<{ case: { state: string }; timeline: { type: string }[] }>(`/api/cases/${passing}`);
    expect(passed.case.state).toBe('closed');
    const failed = await desk<{ case: { state: string } }>(`/api/cases/${failing}`);
    expect(failed.case.state).toBe('accepted');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when the session ends, the login comes back and the queued report is sent after signing in again', async () => {
    const { page, problems, context } = await openPhone(browser, server.url, point);
    await signIn(page);
    const from = new Date().toISOString();
    await context.setOffline(true);
    await reportThroughApp(page, 'cg-0302', { photo: false, note: '会话过期前的上报' });
    // The session is gone meanwhile (timed out, or ended by an administrator).
    await context.clearCookies();
    await context.setOffline(false);
    await page.getByTestId('session-ended').waitFor();
    await page.getByLabel('用户名').fill('gridworker');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await waitForOutboxEmpty(page);
    const cases = await workerCasesSince(from);
    expect(cases.map((c) => c.matter.code)).toEqual(['CG-0302']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a report the server refuses (made outside the county) is fixed on its own screen and resent under a new key: one case, the failed item gone', async () => {
    // 上海人民广场: a real GPS fix, but not in 江阴市, so intake answers 400 outside-county.
    const outside = { lon: 121.4737, lat: 31.2304 };
    const { page, context, problems } = await openPhone(browser, server.url, outside);
    await signIn(page);
    const from = new Date().toISOString();
    await context.setOffline(true);

    // 占道经营 asks only optional questions: folded under 更多信息, out of the three-tap flow until opened.
    await page.getByTestId('nav-report').click();
    await page.getByTestId('report-photo').setInputFiles(await cameraPhoto());
    await page.getByTestId('matter-search').fill('zdjy');
    await page.getByTestId('matter-results').locator('button').first().click();
    await expect(page.getByTestId('chosen-matter').textContent()).resolves.toBe('占道经营');
    await page.getByTestId('report-location').getByText('不在你负责的网格内').waitFor();
    await expect(page.locator('[data-question]').count()).resolves.toBe(0);
    await page.getByRole('button', { name: /更多信息（可选/ }).click();
    await page.locator('[data-question=goods]').getByRole('button', { name: '果蔬' }).click();
    await page.getByPlaceholder('说说看到了什么').fill('菜场门口路边摆摊');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('toast').getByText('已保存，联网后自动发送').waitFor();

    // What reaches the server: each report's Idempotency-Key with the answer, and the photo uploads.
    const sent: { key: string; status: number }[] = [];
    let photoUploads = 0;
    await context.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      sent.push({ key: route.request().headers()['idempotency-key'] ?? '', status: response.status() });
      await route.fulfill({ response });
    });
    await context.route('**/api/photos', async (route) => {
      photoUploads += 1;
      await route.continue();
    });
    await context.setOffline(false);

    const { failed, refused } = await refusedOutsideCounty(page);
    expect(refused?.photos[0]?.photoId).toBeTruthy();
    expect(sent).toEqual([{ key: refused?.id, status: 400 }]);
    // The photo went up before the report was refused; the edit reuses it as it is.
    expect(photoUploads).toBe(1);
    expect(await workerCasesSince(from)).toEqual([]);

    // Back where the worker meant to report; the edit screen opens with everything as it was queued.
    await context.setGeolocation({ longitude: point.lon, latitude: point.lat, accuracy: 8 });
    await failed.getByTestId('outbox-edit').click();
    await page
      .getByTestId('edit-banner')
      .getByText(/不在本县（市）网格范围内/)
      .waitFor();
    const locationFault = page.locator('[data-testid=field-fault][data-field=location]');
    await locationFault.getByText(/不在本县（市）网格范围内/).waitFor();
    await expect(page.getByTestId('chosen-matter').textContent()).resolves.toBe('占道经营');
    await page.getByTestId('kept-photo').locator('img').waitFor();
    await expect(page.locator('[data-question=goods] [aria-pressed=true]').textContent()).resolves.toBe('果蔬');
    await expect(page.getByPlaceholder('说说看到了什么').inputValue()).resolves.toBe('菜场门口路边摆摊');
    await expect(page.getByTestId('report-location').getAttribute('data-source')).resolves.toBe('saved');
    await screenshot(page, 'worker-app-edit-failed-report');
    await page.getByTestId('use-current-location').click();
    await page.getByTestId('report-location').getByText('在 文定社区第1网格').waitFor();
    await expect(locationFault.count()).resolves.toBe(0);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('toast').getByText('已修改，将重新发送').waitFor();

    await page.waitForSelector('[data-testid=outbox-item][data-state=sent]', { timeout: 30_000 });
    await page
      .getByTestId('outbox-item')
      .getByText(/已上报，案件编号 YW\d{8}-\d+/)
      .waitFor();
    await expect(page.getByTestId('outbox-item').count()).resolves.toBe(1);

    // On the phone: only the edited item, under its own key; the failed one is gone.
    const stored = await outboxOnPhone(page);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.state).toBe('sent');
    expect(stored[0]?.id).not.toBe(refused?.id);
    // At the server: the refused key was never reused, the new one made the case, the photo went once.
    expect(sent.at(-1)).toEqual({ key: stored[0]?.id, status: 201 });
    expect(sent.filter((s) => s.status < 300)).toHaveLength(1);
    expect(sent.filter((s) => s.key === refused?.id).every((s) => s.status === 400)).toBe(true);
    expect(photoUploads).toBe(1);

    const cases = await workerCasesSince(from);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ gridCode: BASE_GRID, matter: { code: 'CG-0701' }, channel: 'worker' });
    const everywhere = await desk<{ items: CaseRow[] }>(
      `/api/cases?channel=worker&limit=500&reportedFrom=${encodeURIComponent(from)}`,
    );
    expect(everywhere.items.map((c) => c.code)).toEqual([cases[0]?.code]);
    const detail = await desk<{
      reports: { description: string; photoIds: string[]; formAnswers: Record<string, unknown> }[];
    }>(`/api/cases/${cases[0]?.code}`);
    expect(detail.reports).toHaveLength(1);
    expect(detail.reports[0]).toMatchObject({
      description: '菜场门口路边摆摊',
      photoIds: [refused?.photos[0]?.photoId],
      formAnswers: { goods: 'produce' },
    });
    expect(problems).toEqual([]);
    await context.close();
  });
  it('a visit refused for its place (recorded outside the county) is resent from where the worker stands: one visit, in the grid', async () => {
    const outside = { lon: 121.4737, lat: 31.2304 };
    const { page, context, problems } = await openPhone(browser, server.url, outside);
    await signIn(page);
    await context.setOffline(true);
    await page.getByRole('link', { name: '走访' }).click();
    await page.getByTestId('visit-address').fill('文定花园5幢302');
    await page.getByRole('button', { name: '家中无人' }).click();
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('toast').getByText('走访已保存').waitFor();

    await context.setOffline(false);
    const { failed, refused } = await refusedOutsideCounty(page);

    // Back in the grid: the edit screen names the fault and offers where the worker stands now.
    await context.setGeolocation({ longitude: point.lon, latitude: point.lat, accuracy: 8 });
    await failed.getByTestId('outbox-edit').click();
    await page
      .locator('[data-testid=field-fault][data-field=location]')
      .getByText(/不在本县/)
      .waitFor();
    await expect(page.getByTestId('visit-address').inputValue()).resolves.toBe('文定花园5幢302');
    await page.getByTestId('visit-current-place').getByText('在 文定社区第1网格').waitFor();
    await screenshot(page, 'worker-app-edit-failed-visit');
    await page.getByTestId('visit-use-current-location').click();
    await page.waitForSelector('[data-testid=visit-place][data-place=current]');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('toast').getByText('已修改，将重新发送').waitFor();

    await page.waitForSelector('[data-testid=outbox-item][data-state=sent]', { timeout: 30_000 });
    const stored = await outboxOnPhone(page);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toBe(refused?.id);
    const visits = await desk<{ items: { address: string; gridCode: string | null }[] }>(
      `/api/visits?gridCode=${BASE_GRID}`,
    );
    expect(visits.items.filter((v) => v.address === '文定花园5幢302')).toEqual([
      expect.objectContaining({ gridCode: BASE_GRID }),
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the app dies after a photo went up and before its report: the photo goes up again under its key, the server answers with the same photo, and the report is stored once with it', async () => {
    // Last of the file: a later report of the same matter here would join this one's case.
    const note = '照片已上传、上报未发出时关掉了应用';
    const { page, context, problems } = await openPhone(browser, server.url, point);
    await signIn(page);
    await context.setOffline(true);
    await reportThroughApp(page, 'cg-0302', { photo: true, note });

    const uploads: { key: string; status: number; replayed: boolean; id: string }[] = [];
    await context.route('**/api/photos', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { id: string };
      uploads.push({
        key: route.request().headers()['idempotency-key'] ?? '',
        status: response.status(),
        replayed: response.headers()['idempotent-replayed'] === 'true',
        id: body.id,
      });
      await route.fulfill({ response });
    });
    // The first report request never leaves the phone: the app is closed (killed) right then.
    let killed = false;
    await context.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST' || killed) return route.continue();
      killed = true;
      await page.close();
      await route.abort().catch(() => undefined);
    });
    await context.setOffline(false);
    await expect.poll(() => killed, { timeout: 30_000 }).toBe(true);
    expect(uploads).toHaveLength(1);

    // Opened again: the outbox still holds the report, without the photo's id (it was not saved in between).
    const again = await context.newPage();
    again.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await again.goto('/m/');
    await waitForOutboxEmpty(again);
    expect(uploads).toHaveLength(2);
    expect(uploads[1]).toEqual({ ...uploads[0], replayed: true });
    // Stored once, with that one photo (in a case of its own, or joined to an earlier one nearby).
    const [item] = await outboxOnPhone(again);
    expect(item?.state).toBe('sent');
    const detail = await desk<{ reports: { description: string; photoIds: string[] }[] }>(
      `/api/cases/${item?.result?.caseCode}`,
    );
    expect(detail.reports.filter((r) => r.description === note).map((r) => r.photoIds)).toEqual([[uploads[0]?.id]]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
