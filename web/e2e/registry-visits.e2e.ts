import type { HouseholdList, HouseholdPage, PersonPage } from '@yiwang/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/client.js';
import { demoRegistry } from '../../server/src/modules/registry/index.js';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { apiAs } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

const PHONE = { width: 390, height: 844 };

describe('household visits in the worker app (入户核实), offline', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const prepare = async (database: Database) => {
      await demoRegistry(database.db);
    };
    [server, browser] = await Promise.all([startTestServer({ prepare }), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offline, a worker adds a newborn, marks a member moved out and sets a granted care tag; online again the household shows all once, with history', async () => {
    const worker = await apiAs(server.url, 'gridworker');
    const { items } = await worker.get<HouseholdList>('/registry/households');
    let household: HouseholdPage | undefined;
    for (const h of items.filter((x) => x.members >= 2)) {
      const page = await worker.get<HouseholdPage>(`/registry/households/${h.id}`);
      if (page.household.members.some((m) => m.relation !== 'head' && m.movedOutOn === null)) {
        household = page;
        break;
      }
    }
    if (!household) throw new Error('no household with a member besides the head');
    const leaving = household.household.members.find((m) => m.relation !== 'head' && m.movedOutOn === null);
    if (!leaving) throw new Error('no member to move out');
    const head = household.household.members.find((m) => m.relation === 'head');
    if (!head) throw new Error('no head');
    // Grid workers are granted one care tag; the special-population tags stay ungranted.
    const admin = await apiAs(server.url, 'admin');
    await admin.post('/registry/tag-grants', { tag: 'elderly_alone', role: 'grid_worker' });

    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto('/m/');
    await page.getByLabel('用户名').fill('gridworker');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('patrol-toggle').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    // Online: the list and the household are read once and kept on the phone.
    await page.getByTestId('households-link').click();
    await page.getByTestId('households-search').fill(household.household.address);
    await page.getByTestId('household-row').first().click();
    await page.getByTestId('household-page').getByText(leaving.name).waitFor();

    await context.setOffline(true);
    await page.getByTestId('network-state').getByText('离线').waitFor();
    await page.getByTestId('visit-mode-update').click();
    await page.getByTestId('newborn-name').fill('王小宝');
    await page.getByTestId('newborn-sex').selectOption('female');
    await page.getByTestId('newborn-birth-date').fill('2026-11-20');
    await page.getByTestId('newborn-relation').selectOption('grandchild');
    await page.getByTestId(`move-out-${leaving.name}`).check();
    const tags = page.locator(`[data-testid=member-tags][data-name="${head.name}"]`);
    await expect(tags.getByRole('button').allTextContents()).resolves.toEqual(['独居老人']);
    await expect(page.getByTestId(`tag-${head.name}-community_correction`).count()).resolves.toBe(0);
    await page.getByTestId(`tag-${head.name}-elderly_alone`).click();
    await expect(page.getByTestId(`tag-${head.name}-elderly_alone`).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'worker-app-household-visit');
    await page.getByTestId('household-visit-submit').click();
    await page.getByTestId('toast').getByText('已保存，联网后自动发送').waitFor();
    // Offline, the household is the phone's copy with the visit waiting to be sent.
    await page.getByTestId('households-search').fill(household.household.address);
    await page.getByTestId('household-row').first().click();
    await page.getByTestId('household-visit-pending').waitFor();
    expect((await worker.get<HouseholdPage>(`/registry/households/${household.household.id}`)).visits).toEqual([]);

    await context.setOffline(false);
    await page.getByTestId('nav-outbox').click();
    await page.waitForSelector('[data-testid=outbox-summary][data-pending="0"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=outbox-item][data-kind=household-visit][data-state=sent]');

    await page.goto(`/m/households/${household.household.id}`);
    await page.getByTestId('household-visit').waitFor();
    await expect(page.locator('[data-testid=household-member][data-name="王小宝"]').count()).resolves.toBe(1);
    await expect(
      page.locator(`[data-testid=household-member][data-name="${leaving.name}"]`).getAttribute('data-moved-out'),
    ).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByTestId('household-visit').count()).resolves.toBe(1);
    await expect(page.getByTestId('visit-change').count()).resolves.toBe(3);
    await expect(page.getByTestId('household-history').count()).resolves.toBeGreaterThanOrEqual(1);
    await screenshot(page, 'worker-app-household-after-visit');

    const after = await worker.get<HouseholdPage>(`/registry/households/${household.household.id}`);
    expect(after.visits).toHaveLength(1);
    expect(after.household.members.filter((m) => m.name === '王小宝')).toHaveLength(1);
    expect(after.history.filter((h) => h.visitId === after.visits[0]?.id).map((h) => h.recordId)).toEqual([leaving.id]);
    expect(after.visits[0]?.changes.filter((c) => c.kind === 'tag').map((c) => [c.personId, c.applied])).toEqual([
      [head.id, true],
    ]);
    expect((await worker.get<PersonPage>(`/registry/people/${head.id}`)).person.tags).toEqual(['elderly_alone']);
    expect(problems).toEqual([]);
    await context.close();

    // On the desk, the person page of the member who moved out lists the visit and what it changed.
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'workstation');
    await desk.page.goto(`/registry/people/${leaving.id}`);
    const visits = desk.page.getByTestId('person-visits');
    await visits.getByText('王小宝').waitFor();
    expect(await visits.locator('tbody tr').count()).toBe(1);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });

  it('the community workstation sees its grids’ data quality on the workbench and in 人房信息, with the review list', async () => {
    const desk = await openDesk(browser, server.url);
    await logIn(desk.page, 'workstation');
    const panel = desk.page.getByTestId('workbench-registry-quality');
    await panel.getByText('文定社区').waitFor();
    await desk.page.goto('/registry');
    await desk.page.getByRole('tab', { name: '数据质量' }).click();
    await desk.page.getByTestId('registry-quality').getByText('文定社区').waitFor();
    await desk.page.getByRole('tab', { name: '走访变更审核' }).waitFor();
    await screenshot(desk.page, 'desk-registry-quality');
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
