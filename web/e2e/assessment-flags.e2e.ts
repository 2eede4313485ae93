import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { apiAs, DEMO_BASE_GRID, pointInGrid } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

// Five different easy matters (difficulty 1) a few metres apart: a burst, not merged (different matters).
const EASY = ['CG-0103', 'CG-0111', 'CG-0112', 'CG-0202', 'CG-0302'];

describe('flags of hidden and padded reporting on the assessment desk', () => {
  let server: TestServer;
  let browser: Browser;
  const burst: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    // The demo's grid worker pads: five easy reports at one spot within a minute.
    const worker = await apiAs(server.url, 'gridworker');
    const point = await pointInGrid(server.url, DEMO_BASE_GRID);
    for (const [i, matterCode] of EASY.entries()) {
      const r = await worker.post<{ case: { code: string } }>('/cases', {
        matterCode,
        description: '现场发现',
        point: { lon: point.lon, lat: point.lat + i * 0.00008, crs: 'WGS84' },
        ...(matterCode === 'CG-0302' ? {} : { formAnswers: { hazard: 'risk' } }),
      });
      burst.push(r.case.code);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader opens the flags, clicks a flagged grid and reaches the cases behind its flag', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.getByRole('link', { name: '考核' }).click();
    await page.waitForURL('**/assessment');
    await page.getByRole('tab', { name: '异常识别' }).click();

    const row = page.getByTestId('assessment-flags').locator('tr[data-kind="padding-burst"]').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('连续上报 5 件容易事项');
    await row.getByTestId('flag-grid').click();

    const cases = page.getByTestId('flag-cases');
    await cases.waitFor();
    const links = cases.locator('a[href^="/cases/"]');
    expect((await links.allTextContents()).sort()).toEqual([...burst].sort());
    await screenshot(page, 'assessment-flags');
    const code = burst[0] as string;
    await cases.getByRole('link', { name: code }).click();
    await page.waitForURL(`**/cases/${code}`);
    await page.getByText(code).first().waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
