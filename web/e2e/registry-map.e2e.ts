import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/client.js';
import { demoRegistry } from '../../server/src/modules/registry/index.js';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('the registry layers on the grid map (人房图层)', () => {
  let server: TestServer;
  let browser: Browser;
  let facilities = 0;
  let buildings = 0;

  beforeAll(async () => {
    const prepare = async (database: Database) => {
      const demo = await demoRegistry(database.db);
      facilities = demo?.facilities.length ?? 0;
      buildings = demo?.buildings.length ?? 0;
    };
    [server, browser] = await Promise.all([startTestServer({ prepare }), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a grid worker turns on the facilities and buildings layers and sees their counts per grid and points on the map', async () => {
    const { page, problems } = await openDesk(browser, server.url);
    await logIn(page, 'gridworker');
    await page.getByRole('link', { name: '网格地图' }).click();
    await page.waitForURL('**/grids');
    const layers = page.getByTestId('registry-layers');
    await layers.waitFor();

    await layers.getByLabel('部件设施').click();
    await page.getByTestId('registry-layer-total-facilities').getByText(String(facilities)).waitFor();
    // One point per facility of the grid worker's community on the map.
    await page.waitForSelector(`[data-testid=grid-map][data-markers="${facilities}"]`);
    await page
      .getByTestId('registry-facility-summary')
      .getByText(/完好 \d+/)
      .waitFor();

    await layers.getByLabel('楼栋').click();
    await page.getByTestId('registry-layer-total-buildings').getByText(String(buildings)).waitFor();
    await page.waitForSelector(`[data-testid=grid-map][data-markers="${facilities + buildings}"]`);
    // The per-grid rows add up to the total.
    const cells = await page.getByTestId('registry-layer-counts').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(cells.reduce((sum, c) => sum + Number(c.replace(/\D/g, '')), 0)).toBe(facilities);

    await layers.getByLabel('部件设施').click();
    await page.waitForSelector(`[data-testid=grid-map][data-markers="${buildings}"]`);
    await screenshot(page, 'registry-map-layers');
    expect(problems).toEqual([]);
  });
});
