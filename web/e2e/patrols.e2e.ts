import type { Patrol, PatrolTrackList, TrackPointInput } from '@yiwang/contracts';
import { type Browser, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPointOf, offsetMeters } from '../../server/src/modules/grids/geometry/interior-point.js';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100101'; // 文定社区第1网格, held by the demo account `gridworker`
const WORKER_NAME = '网格员王芳';
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the desk’s patrol layer', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a patrol recorded through the API shows as a track, a live position and a table row at the desk', async () => {
    // The grid worker's phone: start a patrol and upload a 20-fix walk through their grid.
    const phone = await request.newContext({ baseURL: server.url });
    const login = await phone.post('/api/auth/login', { data: { username: 'gridworker', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const grid = (await (await phone.get(`/api/grids/${BASE_GRID}`)).json()) as {
      grid: { geometry: Parameters<typeof interiorPointOf>[0] };
    };
    const start = interiorPointOf(grid.grid.geometry);
    const now = Date.now();
    const started = await phone.post('/api/patrols', {
      headers: { ...headers, 'idempotency-key': 'e2e-patrol-start' },
      data: { startedAt: new Date(now - 20 * 60_000).toISOString() },
    });
    expect(started.status(), await started.text()).toBe(201);
    const patrol = (await started.json()) as Patrol;
    const points: TrackPointInput[] = Array.from({ length: 20 }, (_, i) => {
      const [lon, lat] = offsetMeters(start, i * 12 - 120, (i % 2) * 8);
      return { at: new Date(now - (20 - i) * 45_000).toISOString(), lon, lat, accuracyM: 6 };
    });
    const uploaded = await phone.post(`/api/patrols/${patrol.id}/points`, {
      headers: { ...headers, 'idempotency-key': 'e2e-batch-1' },
      data: { points },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(200);
    expect(await uploaded.json()).toMatchObject({ accepted: 20, duplicates: 0 });

    // The town operator at the desk.
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'operator');
    await page.getByRole('link', { name: '巡查轨迹' }).click();
    await page.waitForURL('**/patrols');
    await page.goto(`/patrols?grid=${BASE_GRID}`);
    await expect.poll(() => page.getByTestId('patrol-area').textContent()).toContain(BASE_GRID);

    // Every track of the grid's day is drawn: as many line features as the API lists, the new one among them.
    const tracks = (await (
      await page.request.get(`/api/patrols/tracks?date=${chinaToday()}&gridCode=${BASE_GRID}`)
    ).json()) as PatrolTrackList;
    expect(tracks.items.map((t) => t.patrolId)).toContain(patrol.id);
    const map = page.getByTestId('patrol-map');
    await expect
      .poll(() => map.getAttribute('data-track-features'), { timeout: 15_000 })
      .toBe(String(tracks.items.length));
    // The worker is still on patrol: one live position, named.
    await expect.poll(() => map.getAttribute('data-live-features'), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => page.getByTestId('patrol-live-count').textContent()).toBe('1 人在巡查');
    await expect.poll(() => page.getByTestId('patrol-tracks').textContent()).toContain('进行中');

    // The activity table has the worker's row with patrol time and distance of the day.
    const row = page.getByTestId('patrol-activity').locator('tr', { hasText: WORKER_NAME });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toContain(WORKER_NAME);
    expect(cells[1]).toMatch(/\d+ (分钟|小时)/);
    expect(Number.parseFloat(cells[2] ?? '')).toBeGreaterThan(0.2);

    // Clicking the row highlights the worker; the view is recorded in the audit log.
    await row.click();
    await expect.poll(() => row.getAttribute('class')).toContain('yw-patrol-row-highlighted');
    const auditor = await request.newContext({ baseURL: server.url });
    expect(
      (await auditor.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } })).status(),
    ).toBe(200);
    const audit = (await (await auditor.get('/api/audit?action=patrol.view-tracks&limit=20')).json()) as {
      items: { actorLabel: string; details: { purpose: string } }[];
    };
    await auditor.dispose();
    expect(audit.items.some((a) => a.actorLabel === 'operator' && a.details.purpose === 'view patrol tracks')).toBe(
      true,
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'patrols');
    expect(problems).toEqual([]);
    await context.close();
    await phone.dispose();
  });
});
