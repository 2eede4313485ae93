import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/client.js';
import { demoRegistry } from '../../server/src/modules/registry/index.js';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { apiAs } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

describe('the registry pages (人房信息)', () => {
  let server: TestServer;
  let browser: Browser;
  /** A demo person of 文定社区 tagged 独居老人 (elderly living alone). */
  let person: { id: string; name: string };
  /** The dwellings the demo planted as group rentals (the rule must flag exactly these). */
  let planted: string[] = [];

  beforeAll(async () => {
    let found: typeof person | undefined;
    const prepare = async (database: Database) => {
      // The demo's generator says who is who: an elderly person living alone of 文定社区.
      const demo = await demoRegistry(database.db);
      const tagged = demo?.tags.find((t) => t.tag === 'elderly_alone');
      const p = demo?.people.find((x) => x.id === tagged?.personId);
      if (p) found = { id: p.id, name: p.name };
      planted = demo?.plantedGroupRentals ?? [];
    };
    [server, browser] = await Promise.all([startTestServer({ prepare }), launchBrowser()]);
    if (!found) throw new Error('no elderly person living alone in the demo');
    person = found;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a grid worker finds a person by name, sees the ID number masked, reveals it for a purpose; the tag stays hidden', async () => {
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'gridworker');
    const page = desk.page;
    await page.getByRole('link', { name: '人房信息', exact: true }).click();
    await page.waitForURL('**/registry');
    const search = page.getByPlaceholder('姓名、拼音首字母、地址，或完整身份证号/手机号');
    await search.fill(person.name);
    await search.press('Enter');
    await page.getByTestId('registry-results').getByRole('link', { name: person.name }).first().waitFor();
    await page.locator(`a[href="/registry/people/${person.id}"]`).click();
    await page.waitForURL(`**/registry/people/${person.id}`);
    await page.getByTestId('person-name').getByText(person.name).waitFor();
    const masked = (await page.getByTestId('masked-idNumber').textContent()) ?? '';
    expect(masked).toMatch(/^\d{4}\*{11}\d{2}[\dX]$/);
    // The grid worker is granted no special-population or care-group tag: none is shown.
    expect(await page.getByTestId('person-tags').count()).toBe(0);
    expect(await page.getByText('独居老人').count()).toBe(0);

    await page.getByTestId('reveal-idNumber').click();
    await page.getByTestId('reveal-purpose').fill('上门核实身份');
    const [revealed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/registry/people/${person.id}/reveal`)),
      page.locator('#reveal-ok-idNumber').click(),
    ]);
    expect(revealed.status()).toBe(200);
    const full = (await page.getByTestId('revealed-idNumber').textContent()) ?? '';
    expect(full).toMatch(/^\d{17}[\dX]$/);
    expect(full.slice(0, 4)).toBe(masked.slice(0, 4));
    expect(full.slice(-3)).toBe(masked.slice(-3));
    await screenshot(page, 'registry-person-revealed');
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('the community workstation, granted the care groups, sees the 独居老人 tag', async () => {
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'workstation');
    await desk.page.goto(`/registry/people/${person.id}`);
    await desk.page.getByTestId('person-tags').getByText('独居老人').waitFor();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('民政 reads its shared list on 共享数据: exactly the granted columns, the tagged people only, and the Excel of it', async () => {
    const admin = await apiAs(server.url, 'admin');
    const handler = await apiAs(server.url, 'handler');
    const { user } = await handler.get<{ user: { unit: { id: string } | null } }>('/auth/session');
    const grant = await admin.post<{ id: string }>('/registry/sharing-grants', {
      unitId: user.unit?.id,
      recordKind: 'person',
      fields: ['name', 'address'],
      tag: 'elderly_alone',
      purpose: '独居老人节日慰问',
      validUntil: '2099-12-31',
    });
    const { items } = await handler.get<{ items: { name: string }[] }>(`/registry/shared/${grant.id}`);
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'handler');
    await desk.page.getByRole('link', { name: '共享数据' }).click();
    const table = desk.page.getByTestId('shared-records');
    await table
      .getByRole('cell', { name: items[0]?.name ?? '?' })
      .first()
      .waitFor();
    const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim()).filter(Boolean);
    expect(headers).toEqual(['名称/姓名', '地址']);
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(items.length);
    const [file] = await Promise.all([
      desk.page.waitForEvent('download'),
      desk.page.getByTestId('shared-export').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(desk.page, 'registry-shared-data');
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('the grid worker sees exactly the planted group rentals with why, and takes the list to Excel', async () => {
    const worker = await apiAs(server.url, 'gridworker');
    const list = await worker.get<{ items: { dwelling: { id: string; address: string } }[] }>(
      '/registry/group-rentals',
    );
    expect(list.items.map((i) => i.dwelling.id).sort()).toEqual([...planted].sort());
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'gridworker');
    await desk.page.goto('/registry');
    await desk.page.getByRole('tab', { name: '疑似群租房' }).click();
    const table = desk.page.getByTestId('group-rentals');
    await table.getByText(list.items[0]?.dwelling.address ?? '?').waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(planted.length);
    await desk.page.getByText(/南京标准/).waitFor();
    const [file] = await Promise.all([
      desk.page.waitForEvent('download'),
      desk.page.getByTestId('group-rentals-export').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^疑似群租房.*\.xlsx$/);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('an administrator keeps the data-sharing catalog: a grant made through the API is listed and revoked on the page', async () => {
    const admin = await apiAs(server.url, 'admin');
    const handler = await apiAs(server.url, 'handler');
    const { user } = await handler.get<{ user: { unit: { id: string } | null } }>('/auth/session');
    await admin.post('/registry/sharing-grants', {
      unitId: user.unit?.id,
      recordKind: 'person',
      fields: ['name', 'address'],
      tag: 'elderly_alone',
      purpose: '高龄独居老人走访慰问',
      validUntil: '2099-12-31',
    });
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'admin');
    await desk.page.goto('/registry');
    await desk.page.getByRole('tab', { name: '数据共享目录' }).click();
    const row = desk.page.getByRole('row', { name: /高龄独居老人走访慰问/ });
    await row.waitFor();
    await row.getByRole('button', { name: /撤\s*销/ }).click();
    await row.getByText('已撤销').waitFor();
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
