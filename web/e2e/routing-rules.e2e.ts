import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPointOf } from '../../server/src/modules/grids/geometry/interior-point';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { choose } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100101'; // 文定社区第1网格, 澄江街道

async function tryRouting(page: Page, lon: number, lat: number): Promise<string> {
  const panel = page.getByTestId('routing-test');
  await choose(page, 'routing-test_matterCode', 'jcljzt', '积存垃圾渣土');
  await panel.locator('#routing-test_lon').fill(String(lon));
  await panel.locator('#routing-test_lat').fill(String(lat));
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/cases/routing-rules/test')),
    page.getByTestId('routing-test-run').click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  return (await page.getByTestId('routing-test-result').textContent()) ?? '';
}

const orderOf = async (page: Page, code: string) => Number(await page.getByTestId(`rule-order-${code}`).textContent());

describe('the 六定 dispatch rules page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a town operator adds a rule at the top, tries it, moves, edits and deletes it', async () => {
    const desk = await openDesk(browser, server.url);
    const page = desk.page;
    await logIn(page, 'operator');
    const grid = await (await page.request.get(`/api/grids/${BASE_GRID}`)).json();
    const [lon, lat] = interiorPointOf(grid.grid.geometry) as [number, number];

    await page.getByRole('link', { name: '派单规则（六定）' }).click();
    await page.waitForURL('**/cases/routing-rules');
    await page.getByTestId('routing-rules').locator('[data-rule="R0001"]').waitFor();

    // Before: the county's rule for the matter (its lead department) takes it.
    expect(await tryRouting(page, lon, lat)).toContain('市城市管理局');

    // A rule of the town: 积存垃圾渣土 on this base grid goes to the town's own center, first in the order.
    await page.getByTestId('rule-create').click();
    const dialog = page.getByTestId('rule-dialog');
    await dialog.waitFor();
    await choose(page, 'rule_matterCode', 'jcljzt', '积存垃圾渣土');
    await dialog.getByText('基础网格').click();
    await choose(page, 'rule_gridCode', BASE_GRID, BASE_GRID);
    await choose(page, 'rule_unitId', '澄江街道', '澄江街道网格化服务管理中心');
    await choose(page, 'rule_before', 'R0001', '放在规则 R0001 之前');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/cases/routing-rules') && r.request().method() === 'POST'),
      page.locator('.ant-modal').filter({ has: dialog }).locator('.ant-modal-footer .ant-btn-primary').click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const code = (await created.json()).code as string;
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId(`rule-order-${code}`).waitFor();
    expect(await orderOf(page, code)).toBe(1);

    // Tried at a point of that grid, the new rule wins and says why.
    const tried = await tryRouting(page, lon, lat);
    expect(tried).toContain(`命中规则 ${code}`);
    expect(tried).toContain('澄江街道网格化服务管理中心');
    await screenshot(page, 'routing-rules');

    // Down one, then up again.
    await page.getByTestId(`rule-down-${code}`).click();
    await expect.poll(() => orderOf(page, code)).toBe(2);
    await page.getByTestId(`rule-up-${code}`).click();
    await expect.poll(() => orderOf(page, code)).toBe(1);

    // Sent to the community's workstation instead.
    await page.getByTestId(`rule-edit-${code}`).click();
    await dialog.waitFor();
    await choose(page, 'rule_unitId', '文定', '文定社区网格工作站');
    const [edited] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/cases/routing-rules/${code}`) && r.request().method() === 'PUT',
      ),
      page.locator('.ant-modal').filter({ has: dialog }).locator('.ant-modal-footer .ant-btn-primary').click(),
    ]);
    expect(edited.status(), await edited.text()).toBe(200);
    await dialog.waitFor({ state: 'detached' });
    expect(await tryRouting(page, lon, lat)).toContain('文定社区网格工作站');

    // Deleted: the county's rule takes the matter again.
    await page.getByTestId(`rule-delete-${code}`).click();
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/cases/routing-rules/${code}`) && r.request().method() === 'DELETE',
      ),
      page.locator('.ant-popconfirm .ant-btn-primary').click(),
    ]);
    await page.getByTestId(`rule-order-${code}`).waitFor({ state: 'detached' });
    expect(await tryRouting(page, lon, lat)).toContain('市城市管理局');

    // County-wide rules are the county's: no actions for the town.
    expect(await page.getByTestId('rule-edit-R0001').count()).toBe(1);
    const countyRule = page.getByTestId('routing-rules').locator('tr', { hasText: '全域' }).first();
    expect(await countyRule.getByRole('button').count()).toBe(0);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
