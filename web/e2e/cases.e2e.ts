import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPointOf } from '../../server/src/modules/grids/geometry/interior-point';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100101'; // 文定社区第1网格, held by the demo account `gridworker`
/**
 * A phone camera's 12-megapixel JPEG, as a handler would pick it: the desk shrinks it to 1600 px
 * before upload, like the apps (the server checks the bytes and makes a thumbnail).
 */
const cameraPhoto = () =>
  sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 90, g: 140, b: 60 } } })
    .jpeg()
    .toBuffer();

/** Opens a command's dialog from the case page, fills it (optional) and confirms; waits for the server's 200. */
async function runCommand(page: Page, type: string, fill?: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>) {
  await page.getByTestId(`cmd-${type}`).click();
  const dialog = page.getByTestId(`command-dialog-${type}`);
  const modal = page.locator('.ant-modal').filter({ has: dialog });
  await modal.waitFor();
  if (fill) await fill(dialog);
  const [response] = await Promise.all([
    page
      .waitForResponse((r) => r.url().includes('/commands') && r.request().method() === 'POST')
      // What the dialog says then (a field's message, an error) is what tells why nothing was sent.
      .catch(async (error: Error) => {
        const said = await dialog.textContent({ timeout: 1000 }).catch(() => '(the dialog is gone)');
        throw new Error(`${error.message}\nthe dialog said: ${said}`);
      }),
    modal.locator('.ant-modal-footer .ant-btn-primary').click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  await dialog.waitFor({ state: 'detached' });
}

const waitForState = (page: Page, state: string) =>
  page.waitForSelector(`[data-testid=case-detail][data-state=${state}]`, { timeout: 15_000 });

describe('the case loop through the desk', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('report → register → dispatch → accept → feedback → verify → rate → archive, every step on the timeline', async () => {
    // The town command center takes a call about a missing manhole cover (井盖缺失, town level, checked on site).
    const operator = await openDesk(browser, server.url);
    await logIn(operator.page, 'operator');
    const grid = await (await operator.page.request.get(`/api/grids/${BASE_GRID}`)).json();
    const [lon, lat] = interiorPointOf(grid.grid.geometry) as [number, number];

    let page = operator.page;
    await page.getByRole('link', { name: '新建案件' }).click();
    await page.waitForURL('**/cases/new');
    await page.locator('#matterCode').fill('jgqs');
    await page.locator('.ant-select-item-option').filter({ hasText: '井盖缺失' }).first().click();
    // The matter's own form fields appear once it is chosen (like Open311 service attributes).
    await page.getByLabel('是否有安全隐患').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '存在安全隐患' }).click();
    await page.getByLabel('问题描述').fill('来电反映：文定路小区门口井盖缺失，夜里很危险');
    await page.getByLabel('地址').fill('文定路小区东门');
    await page.getByLabel('经度').fill(lon.toFixed(6));
    await page.getByLabel('纬度').fill(lat.toFixed(6));
    await page.getByLabel('来电人 / 来访人姓名').fill('张先生');
    await page.getByLabel('联系电话').fill('13812345678');
    await page.getByTestId('new-case-submit').click();
    await page.waitForURL(/\/cases\/YW\d{8}-\d{6,}$/);
    const code = page.url().split('/').pop() as string;
    await waitForState(page, 'reported');
    await page.getByTestId('reporter-phone').getByText('138****5678').waitFor();

    // It waits in the intake queue; the operator registers it and dispatches it where 六定 routing suggests.
    await page.getByRole('link', { name: '受理台' }).click();
    await page.getByTestId('intake-list').getByRole('link', { name: code }).click();
    await waitForState(page, 'reported');
    await runCommand(page, 'register');
    await waitForState(page, 'registered');
    await runCommand(page, 'dispatch', async (dialog) => {
      await dialog.getByTestId('routing-suggestion').getByText('建议派往：市城市管理局').waitFor();
      await dialog
        .getByTestId('routing-suggestion')
        .getByText(/命中派单规则/)
        .waitFor();
    });
    await waitForState(page, 'dispatched');
    expect(await page.getByTestId('case-assigned-unit').textContent()).toBe('市城市管理局');

    // The department handler finds it in the unit inbox, accepts it and reports back with a photo.
    const handler = await openDesk(browser, server.url);
    await logIn(handler.page, 'handler');
    page = handler.page;
    await page.getByRole('link', { name: '本单位待办' }).click();
    await page.getByTestId('inbox-list').getByRole('link', { name: code }).click();
    await waitForState(page, 'dispatched');
    await runCommand(page, 'accept');
    await waitForState(page, 'accepted');
    await runCommand(page, 'submit_feedback', async (dialog) => {
      await dialog.getByLabel('说明').fill('已补装井盖并设置警示标志');
      const [upload] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/photos') && r.request().method() === 'POST'),
        dialog
          .locator('input[type=file]')
          .setInputFiles({ name: 'fixed.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto() }),
      ]);
      expect(upload.status()).toBeLessThan(300);
      expect(((await upload.json()) as { width: number; height: number }).width).toBe(1600);
      await dialog.locator('.ant-upload-list-item-done').waitFor();
    });
    await waitForState(page, 'handled');

    // The grid worker checks on site.
    const worker = await openDesk(browser, server.url);
    await logIn(worker.page, 'gridworker');
    page = worker.page;
    await page.goto(`/cases/${code}`);
    await waitForState(page, 'handled');
    await page.getByTestId('case-photos').locator('img').first().waitFor();
    await runCommand(page, 'verify_pass', async (dialog) => {
      await dialog.getByLabel('备注').fill('现场核实已补装');
    });
    await waitForState(page, 'closed');

    // The operator's page, open all along, learns of it over the live stream; callback rating, archive.
    page = operator.page;
    await waitForState(page, 'closed');
    await runCommand(page, 'rate', async (dialog) => {
      await dialog.getByLabel('回访记录').fill('回访张先生，满意');
    });
    await waitForState(page, 'rated');
    await runCommand(page, 'archive');
    await waitForState(page, 'archived');

    const events = await page
      .getByTestId('case-timeline')
      .locator('[data-event]')
      .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.event));
    expect(events).toEqual([
      'reported',
      'registered',
      'dispatched',
      'accepted',
      'feedback_submitted',
      'verification_passed',
      'closed',
      'rated',
      'archived',
    ]);
    const timeline = page.getByTestId('case-timeline');
    for (const label of ['上报', '立案', '派遣', '接收', '处置反馈', '核查通过', '结案', '评价', '归档']) {
      await timeline.getByText(label, { exact: true }).first().waitFor();
    }
    await timeline.getByText('澄江街道指挥中心值班员').first().waitFor();
    await timeline.getByText('已补装井盖并设置警示标志').waitFor();
    await page.getByTestId('case-timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-timeline');

    for (const desk of [operator, handler, worker]) {
      expect(desk.problems).toEqual([]);
      await desk.context.close();
    }
  });

  it('the case page, its dispatch box and the audit log read in names, not codes or ids', async () => {
    const operator = await openDesk(browser, server.url);
    await logIn(operator.page, 'operator');
    const page = operator.page;
    // The demo's street lamp case: reported from the field with the matter's questions answered, registered.
    const found = await (await page.request.get('/api/cases?q=人民东路路灯')).json();
    const code = found.items[0].code as string;
    await page.goto(`/cases/${code}`);
    await waitForState(page, 'registered');

    // Where it is, by name (the grid's code only beside it).
    expect(await page.getByTestId('case-region').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByTestId('case-grid').textContent()).toMatch(/网格$/);

    // The reporter's answers: question → answer in words, not field or option codes.
    const answers = page.getByTestId('report-answers');
    await answers.locator('[data-answer=hazard]').getByText('是否有安全隐患').waitFor();
    expect(await answers.locator('[data-answer=hazard] dd').textContent()).toBe('无明显隐患');
    expect(await answers.locator('[data-answer=lamp_count] dt').textContent()).toBe('不亮的路灯数量：');
    expect(await answers.locator('[data-answer=lamp_count] dd').textContent()).toBe('3');
    expect(await answers.textContent()).not.toMatch(/hazard|none|lamp_count/);

    // Every timeline line is named in words.
    const labels = await page
      .getByTestId('case-timeline')
      .locator('[data-event]')
      .evaluateAll((nodes) =>
        nodes.map((n) => [(n as HTMLElement).dataset.event, n.querySelector('strong')?.textContent ?? '']),
      );
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.filter(([event, label]) => label === event || /^[a-z_]+$/.test(label ?? ''))).toEqual([]);

    // The dispatch box says where 六定 would send it and why, with no id or grid code in the words.
    await page.getByTestId('cmd-dispatch').click();
    const suggestion = page.getByTestId('command-dialog-dispatch').getByTestId('routing-suggestion');
    await suggestion.getByText(/建议派往：/).waitFor();
    const why = (await suggestion.textContent()) ?? '';
    expect(why).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\d{12,}/);
    await screenshot(page, 'case-names');
    await page.keyboard.press('Escape');

    // The audit log names its actions and objects; the code stays beside the name.
    const admin = await openDesk(browser, server.url);
    await logIn(admin.page, 'admin');
    await admin.page.goto('/audit');
    const rows = admin.page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await rows.filter({ hasText: '登录' }).filter({ hasText: 'auth.login' }).first().waitFor();
    // Picking an action by its name filters the log.
    await admin.page.getByLabel('按动作筛选').fill('登录');
    await Promise.all([
      admin.page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('action=auth.login')),
      admin.page
        .locator('.ant-select-item-option')
        .filter({ hasText: /^登录$/ })
        .click(),
    ]);
    await rows.filter({ hasNotText: 'auth.login' }).first().waitFor({ state: 'detached' });
    expect(await rows.filter({ hasText: '用户' }).count()).toBeGreaterThan(0);

    for (const desk of [operator, admin]) {
      expect(desk.problems).toEqual([]);
      await desk.context.close();
    }
  });
});
