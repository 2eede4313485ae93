import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('the assessment desk', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader opens the indicator table with its counter-metrics; a second booking over the day’s limit is refused, naming the first', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');

    // The towns of the county this month (the demo county's cases were reported in the last hours).
    const town = page.getByTestId('assessment-indicators').locator('tr', { hasText: '澄江街道' });
    await town.waitFor();
    const cell = town.locator('[data-indicator="onTimeClosureRate"]');
    expect(await cell.textContent()).toContain('对照：重办率');
    expect(await town.locator('[data-indicator="reportCount"] strong').textContent()).toMatch(/^\d+$/);
    await screenshot(page, 'assessment-indicators');

    // Scores under the rules in force (the default), each row expandable into its lines.
    await page.getByRole('tab', { name: '考核得分' }).click();
    await page.getByTestId('assessment-scores').locator('tr', { hasText: '澄江街道' }).waitFor();

    // The accountability table lists the towns too.
    await page.getByRole('tab', { name: '部门与街道问责' }).click();
    await page.getByTestId('assessment-accountability').locator('tr', { hasText: '澄江街道' }).waitFor();

    // Book an inspection of 文定社区 for tomorrow, then a second one on the same day.
    await page.getByRole('tab', { name: '督查日历' }).click();
    await expect.poll(() => page.getByTestId('inspection-limits').textContent()).toContain('每天最多 1 次');
    const chooseCommunity = async () => {
      await page.getByTestId('inspection-community').click();
      await page.keyboard.type('文定');
      await page.locator('.ant-select-item-option').filter({ hasText: '文定社区' }).first().click();
    };
    await chooseCommunity();
    await page.getByTestId('inspection-team').fill('市城管局督查组');
    await page.getByTestId('inspection-purpose').fill('市容环境例行检查');
    await page.getByTestId('inspection-book').click();
    await page.getByTestId('inspection-calendar').locator('tr', { hasText: '市城管局督查组' }).waitFor();

    await page.getByTestId('inspection-team').fill('街道安监办');
    await page.getByTestId('inspection-purpose').fill('消防安全检查');
    await page.getByTestId('inspection-book').click();
    const refusal = page.getByTestId('inspection-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('已安排“市城管局督查组”');
    expect(await page.getByTestId('inspection-calendar').locator('tr', { hasText: '街道安监办' }).count()).toBe(0);
    await screenshot(page, 'assessment-inspection-refused');

    // 双随机: with no inspector enrolled yet, a draw is refused with a message that says what to do.
    await page.getByRole('tab', { name: '双随机抽查' }).click();
    await page.getByTestId('draw-public-value').fill('2026-12-03 体彩排列五 60183');
    await page.getByTestId('draw-submit').click();
    const noInspectors = page.getByTestId('draw-error');
    await noInspectors.waitFor();
    expect(await noInspectors.textContent()).toContain('请先登记检查人员');

    expect(problems).toEqual([]);
    await context.close();
  });
});
