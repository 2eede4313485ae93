import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPEN311_API_KEY } from '../../server/src/modules/demo/load-demo-county';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk } from './support/browser';
import { apiAs, pointInGrid, runCommand, waitForState } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

/**
 * A phone camera's photo as it comes off the phone: 16 megapixels of detail at full quality,
 * over 20 MB — twice what the server takes, so only a photo shrunk in the browser gets through.
 */
const phonePhoto = () =>
  sharp(randomBytes(4600 * 3450 * 3), { raw: { width: 4600, height: 3450, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer();

describe('the desk: a call taken in the caller’s words, photos shrunk and labelled', () => {
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

  it('an empty choice asks to choose; the description is the caller’s words as typed, nothing prepended', async () => {
    const desk = await openDesk(browser, server.url);
    const { page } = desk;
    await logIn(page, 'operator');
    await page.goto('/cases/new');
    await page.locator('#matterCode').fill('jgqs');
    await page.locator('.ant-select-item-option').filter({ hasText: '井盖缺失' }).first().click();
    await page.getByLabel('是否有安全隐患').waitFor();
    await page.getByLabel('问题描述').fill('井盖松动，行人容易绊倒');
    await page.getByLabel('经度').fill(point.lon.toFixed(6));
    await page.getByLabel('纬度').fill(point.lat.toFixed(6));
    await page.getByTestId('new-case-submit').click();
    await page.getByText('请选择是否有安全隐患').waitFor();
    expect(await page.getByText('请输入是否有安全隐患').count()).toBe(0);

    await page.getByLabel('是否有安全隐患').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '存在安全隐患' }).click();
    await page.getByTestId('new-case-submit').click();
    await page.waitForURL(/\/cases\/YW\d{8}-\d{6,}$/);
    const code = page.url().split('/').pop() as string;
    const detail = await (await page.request.get(`/api/cases/${code}`)).json();
    expect(detail.reports[0]).toMatchObject({ channel: 'desk', description: '井盖松动，行人容易绊倒' });
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('an anonymous Open311 reporter reads “匿名” once on the case page', async () => {
    const posted = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEMO_OPEN311_API_KEY,
        service_code: 'CG-0502',
        lat: String(point.lat + 0.0012),
        long: String(point.lon),
        description: '桥墩上乱涂乱画',
      }).toString(),
    });
    expect(posted.status).toBe(201);
    const [created] = (await posted.json()) as { service_request_id: string }[];
    const code = created?.service_request_id as string;
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'operator');
    await desk.page.goto(`/cases/${code}`);
    const report = desk.page.locator('.ant-list-item').filter({ hasText: '桥墩上乱涂乱画' });
    await report.waitFor();
    expect(((await report.locator('.ant-list-item-meta-title').textContent()) ?? '').match(/匿名/g)).toEqual(['匿名']);
    await desk.context.close();
  });

  it('a 20 MB phone photo is shrunk on the desk and taken; report and feedback photos sit under their own headings', async () => {
    const operator = await apiAs(server.url, 'operator');
    const reportPhotoId = await operator.upload(
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5a7' } })
        .jpeg()
        .toBuffer(),
    );
    const reported = await operator.post<{ case: { code: string } }>('/cases', {
      matterCode: 'CG-0101',
      formAnswers: { cover_type: 'rain', hazard: 'risk' },
      description: '东门井盖缺失',
      point: { lon: point.lon - 0.0012, lat: point.lat, crs: 'WGS84' },
      channel: 'desk',
      photoIds: [reportPhotoId],
    });
    const code = reported.case.code;
    await operator.post(`/cases/${code}/commands`, { type: 'register' });
    const routing = await operator.get<{ unit: { id: string } }>(`/cases/${code}/routing`);
    await operator.post(`/cases/${code}/commands`, { type: 'dispatch', unitId: routing.unit.id });
    const handlerApi = await apiAs(server.url, 'handler', DEMO_PASSWORD);
    await handlerApi.post(`/cases/${code}/commands`, { type: 'accept' });

    const handler = await openDesk(browser, server.url);
    const { page } = handler;
    await logIn(page, 'handler');
    await page.goto(`/cases/${code}`);
    await waitForState(page, 'accepted');
    const big = await phonePhoto();
    expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
    await runCommand(page, 'submit_feedback', async (dialog) => {
      await dialog.getByLabel('说明').fill('已补装井盖');
      const [upload] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/photos') && r.request().method() === 'POST', {
          timeout: 60_000,
        }),
        dialog.locator('input[type=file]').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: big }),
      ]);
      expect(upload.status(), await upload.text()).toBe(201);
      expect(((await upload.json()) as { width: number }).width).toBe(1600);
      await dialog.locator('.ant-upload-list-item-done').waitFor();
    });
    await waitForState(page, 'handled');
    const reportGroup = page.getByTestId('case-photos-report');
    const feedbackGroup = page.getByTestId('case-photos-feedback');
    await reportGroup.getByRole('heading', { name: '上报照片' }).waitFor();
    await feedbackGroup.getByRole('heading', { name: '处置反馈照片' }).waitFor();
    await expect(reportGroup.locator('img').count()).resolves.toBe(1);
    await expect(feedbackGroup.locator('img').count()).resolves.toBe(1);
    expect(handler.problems).toEqual([]);
    await handler.context.close();
  });
});
