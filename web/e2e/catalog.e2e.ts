import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('the matter catalog page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator changes a time limit: refused under the field when too long, then a new version', async () => {
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'admin');
    const page = desk.page;
    await page.getByRole('link', { name: '事项清单' }).click();
    await page.waitForURL('**/catalog');
    await page.getByLabel('搜索名称、拼音首字母、关键词或编码').fill('jgqs');
    await page.getByLabel('搜索名称、拼音首字母、关键词或编码').press('Enter');
    await page.getByTestId('version-CG-0101').getByText('第 1 版').waitFor();
    expect(await page.getByTestId('handle-limit-CG-0101').textContent()).toBe('4 个工作小时');

    await page.getByTestId('matter-open-CG-0101').click();
    const dialog = page.getByTestId('matter-dialog');
    await dialog.waitFor();
    const amount = dialog.getByLabel('处置时限');
    // An urgent matter must be handled the same working day: 9 hours is refused, under the field.
    await amount.fill('9');
    await dialog.getByLabel('修改原因（记入审计日志）').fill('调整井盖缺失处置时限');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/catalog/matters/CG-0101') && r.request().method() === 'PATCH'),
      page.getByTestId('matter-save').click(),
    ]);
    expect(refused.status()).toBe(400);
    await dialog.getByText('处置时限 9 个工作小时超出紧急类事项的上限（1 个工作日）').waitFor();
    await screenshot(page, 'catalog-field-error');

    await amount.fill('3');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/catalog/matters/CG-0101') && r.request().method() === 'PATCH'),
      page.getByTestId('matter-save').click(),
    ]);
    expect(saved.status()).toBe(200);
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('version-CG-0101').getByText('第 2 版').waitFor();
    expect(await page.getByTestId('handle-limit-CG-0101').textContent()).toBe('3 个工作小时');

    // The history shows both versions, the new one current.
    await page.getByTestId('matter-open-CG-0101').click();
    const history = page.getByTestId('matter-history');
    await history.locator('[data-version="2"]').getByText('当前').waitFor();
    await history.locator('[data-version="1"]').getByText('4 个工作小时').waitFor();
    await page.getByRole('button', { name: /取\s*消/ }).click();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('an operator has no menu entry but can read the catalog, without saving', async () => {
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'operator');
    const page = desk.page;
    await page.getByRole('link', { name: '案件列表' }).waitFor();
    expect(await page.getByRole('link', { name: '事项清单' }).count()).toBe(0);
    await page.goto('/catalog');
    await page.getByText('事项清单由系统管理员维护').waitFor();
    await page.getByTestId('matter-open-AQ-0101').click();
    await page.getByTestId('matter-dialog').waitFor();
    expect(await page.getByTestId('matter-save').isVisible()).toBe(false);
    expect(await page.getByTestId('matter-dialog').getByLabel('名称', { exact: true }).isDisabled()).toBe(true);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('searches the catalog as one types: pinyin initials, characters, the start of a code', async () => {
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'operator');
    const page = desk.page;
    await page.goto('/catalog');
    const codes = () =>
      page
        .getByTestId('matter-list')
        .locator('tbody tr.ant-table-row')
        .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.rowKey));
    const search = page.getByLabel('搜索名称、拼音首字母、关键词或编码');
    await page.getByText('共 150 条').waitFor();

    // No Enter: the list follows the typing.
    await search.pressSequentially('jgqs', { delay: 30 });
    await page.getByText('共 1 条').waitFor();
    expect(await codes()).toEqual(['CG-0101']);

    await search.fill('井盖');
    await page.getByText(/^共 [2-9] 条$/).waitFor();
    expect((await codes()).every((code) => code?.startsWith('CG-01'))).toBe(true);

    await search.fill('AQ-01');
    await page.getByTestId('matter-open-AQ-0108').waitFor();
    expect((await codes()).every((code) => code?.startsWith('AQ-01'))).toBe(true);

    await search.fill('');
    await page.getByText('共 150 条').waitFor();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
