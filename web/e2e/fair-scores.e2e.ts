import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('fair scores on the assessment desk', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader sees the count rank beside the fair rank and opens a worker’s lines down to its cases', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '公平得分' }).click();

    // Per grid worker: the demo's grid worker reported yesterday, so they have a row with both ranks.
    await page.getByTestId('fair-score-level').getByText('网格员').click();
    const table = page.getByTestId('assessment-fair-scores');
    await table.getByTestId('fair-score-total').first().waitFor();
    const header = await table.locator('thead').textContent();
    expect(header).toContain('按上报数排名');
    expect(header).toContain('公平排名');

    await table.locator('.ant-table-row-expand-icon').first().click();
    await table.getByText('每件本期解决（核查通过并结案）的上报，按事项难度权重加分').first().waitFor();
    await screenshot(page, 'assessment-fair-scores');

    expect(problems).toEqual([]);
    await context.close();
  });
});
