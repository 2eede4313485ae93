import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/client.js';
import { demoRegistry } from '../../server/src/modules/registry/index.js';
import { launchBrowser, logIn, openDesk } from './support/browser';
import { apiAs, pointInGrid } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

const SEARCH_HINT = '搜索姓名、户主、房屋地址（如 3幢502）或部件名称/类别代码';

describe('cases linked to the registry (关联登记对象)', () => {
  let server: TestServer;
  let browser: Browser;
  /** A demo person of 文定社区, found on the case page by their whole ID number (one match). */
  let person: { id: string; name: string; idNumber: string };
  /** The address of a demo flat of 文定社区 (1幢1单元101室), found on the case page by building and room. */
  let flat: string;

  beforeAll(async () => {
    let found: typeof person | undefined;
    let foundFlat: string | undefined;
    const prepare = async (database: Database) => {
      const registry = await demoRegistry(database.db);
      const p = registry?.people[7];
      if (p) found = { id: p.id, name: p.name, idNumber: p.idNumber };
      foundFlat = registry?.addresses.find((a) => a.building === '1' && a.unit === '1' && a.room === '101')?.text;
    };
    [server, browser] = await Promise.all([startTestServer({ prepare }), launchBrowser()]);
    if (!found || !foundFlat) throw new Error('no demo person or flat');
    person = found;
    flat = foundFlat;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A case the operator reports at the demo grid's point, opened on the desk with no registry link yet. */
  async function openNewCase(matterCode: string, description: string, reporter: { name: string; phone: string }) {
    const operator = await apiAs(server.url, 'operator');
    const point = await pointInGrid(server.url);
    const { case: reported } = await operator.post<{ case: { code: string } }>('/cases', {
      matterCode,
      description,
      point: { ...point, crs: 'WGS84' },
      reporter,
    });
    const desk = await openDesk(browser, server.url);
    const page = desk.page;
    await logIn(page, 'operator');
    await page.goto(`/cases/${reported.code}`);
    const panel = page.getByTestId('case-registry-links');
    await panel.getByText('尚未关联登记对象').waitFor();
    return { reported, desk, page, panel };
  }

  it('an operator links a case to a person on the case page, sees it on the person page and downloads the building list', async () => {
    const { reported, desk, page, panel } = await openNewCase('CG-0303', '楼道堆放杂物，住户来电反映', {
      name: '钱女士',
      phone: '13912345670',
    });
    const search = panel.getByPlaceholder(SEARCH_HINT);
    await search.fill(person.idNumber);
    await search.press('Enter');
    const candidates = panel.getByTestId('case-link-candidates');
    await candidates.getByText(person.name).waitFor();
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/registry/case-links/${reported.code}`) && r.request().method() === 'POST',
      ),
      candidates.getByTestId('case-link-add').first().click(),
    ]);
    const linked = panel.getByTestId('case-links').getByRole('link', { name: person.name });
    await linked.waitFor();
    // No full ID number anywhere on the page after the search: only the link's name and address.
    await linked.click();
    await page.waitForURL(`**/registry/people/${person.id}`);
    const cases = page.getByTestId('person-cases');
    await cases.getByRole('link', { name: reported.code }).waitFor();
    await cases.getByText('人口').waitFor();

    await page.locator('a[href^="/registry/buildings/"]').first().click();
    await page.waitForURL('**/registry/buildings/**');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('building-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^楼栋人房-.*\.xlsx$/);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('an operator finds a dwelling by building and room (1幢101) and links the case to it', async () => {
    // Another matter than the first test's at the same point: the same matter there could merge into that case.
    const { reported, desk, page, panel } = await openNewCase('CG-0304', '楼下路面污水横流，住户来电反映', {
      name: '孙先生',
      phone: '13912345671',
    });
    await panel.getByTestId('case-link-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '房屋' }).click();
    const search = panel.getByPlaceholder(SEARCH_HINT);
    await search.fill('1幢101');
    await search.press('Enter');
    const row = panel.getByTestId('case-link-candidates').locator('tr', { hasText: flat });
    await row.waitFor();
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/registry/case-links/${reported.code}`) && r.request().method() === 'POST',
      ),
      row.getByTestId('case-link-add').click(),
    ]);
    const linked = panel.getByTestId('case-links').getByRole('link', { name: flat });
    await linked.waitFor();
    await linked.click();
    await page.waitForURL('**/registry/buildings/**');
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
