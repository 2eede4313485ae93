import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('region tree', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the operator’s town in Chinese, and in English after switching the language', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'operator');

    // The operator's scope is 澄江街道; the desk opens on the work queues, the region tree is a page away.
    await page.waitForURL('**/cases/queues');
    await page.goto('/regions');
    await page.getByTestId('region-title').getByText('澄江街道').waitFor();
    await page.getByRole('link', { name: '文定社区居委会' }).waitFor();
    expect(await page.getByTestId('header-scope').textContent()).toContain('澄江街道');
    await screenshot(page, 'regions-operator-zh');

    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/auth/preferences') && r.request().method() === 'PUT',
    );
    await page.getByText('English', { exact: true }).click();
    expect((await saved).status()).toBe(200);

    await page.getByTestId('region-title').getByText('Chengjiang Subdistrict').waitFor();
    await page.getByRole('link', { name: 'Wending Community' }).waitFor();
    expect(await page.getByTestId('header-scope').textContent()).toContain('Chengjiang Subdistrict');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await screenshot(page, 'regions-operator-en');

    // The choice is the account's: a reload still shows English.
    await page.reload();
    await page.getByRole('link', { name: 'Wending Community' }).waitFor();

    // Children link one level down, with the breadcrumb leading back.
    await page.getByRole('link', { name: 'Wending Community' }).click();
    await page.waitForURL('**/regions/320281001001');
    await page.getByTestId('region-title').getByText('Wending Community').waitFor();
    await page.locator('.ant-breadcrumb').getByRole('link', { name: 'Chengjiang Subdistrict' }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers a community outside the workstation’s scope with a 404 page', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'workstation');

    const answer = page.waitForResponse((r) => r.url().endsWith('/api/regions/320281001003'));
    await page.goto('/regions/320281001003');
    expect((await answer).status()).toBe(404);
    await page.getByText('未找到该区域，或不在您的数据范围内').waitFor();
    expect(await page.locator('.ant-result-404').count()).toBe(1);
    await screenshot(page, 'regions-workstation-404');

    // Its own community is there.
    await page.getByRole('button', { name: '回到我的数据范围' }).click();
    await page.getByTestId('region-title').getByText('文定社区居委会').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
