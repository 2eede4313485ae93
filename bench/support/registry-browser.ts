// The registry in Chromium on a county-scale database (issue 11: "search and map layers work in
// Chromium at county scale"): a county-wide user searches the registry desk and turns on each map
// layer, and the time from the keystroke or the click to what the page shows is measured in the
// page itself. Shared by bench/registry-county.bench.ts; prints nothing, returns the timings.
import { REGISTRY_MAP_LAYER_LABELS, type RegistryMapLayerName } from '@yiwang/contracts';
import { launchBrowser, logIn, openDesk } from '../../web/e2e/support/browser.js';

export interface BrowserSearch {
  query: string;
  ms: number;
  /** Result rows the page showed. */
  rows: number;
}

export interface BrowserLayer {
  layer: RegistryMapLayerName;
  ms: number;
  /** The layer's total as the page printed it. */
  total: string;
}

export interface BrowserTimings {
  searches: BrowserSearch[];
  layers: BrowserLayer[];
  /** Errors the page logged or requests that failed (expected: none). */
  problems: string[];
}

/**
 * Signs in as `username` (a county-wide account), searches each query on 人房信息 and waits for
 * its first result row, then on 网格地图 turns each layer on (waiting for its total) and off again.
 */
export async function browseRegistry(
  baseUrl: string,
  { username, queries, layers }: { username: string; queries: string[]; layers: RegistryMapLayerName[] },
): Promise<BrowserTimings> {
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openDesk(browser, baseUrl);
    await logIn(page, username);
    await page.getByRole('link', { name: '人房信息', exact: true }).click();
    const box = page.getByPlaceholder('姓名、拼音首字母、地址，或完整身份证号/手机号');
    const results = page.getByTestId('registry-results');
    const searches: BrowserSearch[] = [];
    for (const query of queries) {
      await box.fill(query);
      const started = performance.now();
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/registry/search')),
        box.press('Enter'),
      ]);
      if (response.status() !== 200)
        throw new Error(`search "${query}": ${response.status()} ${await response.text()}`);
      await results.locator('tbody tr').first().waitFor();
      searches.push({ query, ms: performance.now() - started, rows: await results.locator('tbody tr').count() });
    }

    await page.getByRole('link', { name: '网格地图' }).click();
    const panel = page.getByTestId('registry-layers');
    await panel.waitFor();
    const shown: BrowserLayer[] = [];
    for (const layer of layers) {
      const total = page.getByTestId(`registry-layer-total-${layer}`);
      const started = performance.now();
      await panel.getByLabel(REGISTRY_MAP_LAYER_LABELS[layer]['zh-CN'], { exact: true }).click();
      await total.waitFor();
      shown.push({ layer, ms: performance.now() - started, total: (await total.textContent()) ?? '' });
      await panel.getByLabel(REGISTRY_MAP_LAYER_LABELS[layer]['zh-CN'], { exact: true }).click();
      await total.waitFor({ state: 'detached' });
    }
    return { searches, layers: shown, problems };
  } finally {
    await browser.close();
  }
}
