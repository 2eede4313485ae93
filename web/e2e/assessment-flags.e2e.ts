import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('flags of hidden reporting on the assessment desk', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader opens the town’s flags, clicks the flagged grid and reaches the cases behind its flag', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '异常线索' }).click();

    // The demo's flagged grid (西大街社区): three illegal buildings residents found that its team never reported.
    const table = page.getByTestId('assessment-flags');
    const grid = table.getByRole('link', { name: /西大街社区/ }).first();
    await grid.waitFor();
    expect(await table.textContent()).toContain('难事多由他人发现（捕获—再捕获）');
    await grid.click();
    await page.waitForURL('**/assessment/flags/**');

    const flag = page.getByTestId('flag-detail').first();
    await flag.waitFor();
    expect(await flag.textContent()).toContain('Chapman 估计真实数 3.0 件');
    const cases = flag.getByRole('link', { name: /^YW/ });
    expect(await cases.count()).toBe(3);
    await screenshot(page, 'assessment-flag-cases');

    await cases.first().click();
    await page.waitForURL('**/cases/YW*');
    await page.getByText('违章搭建').first().waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
