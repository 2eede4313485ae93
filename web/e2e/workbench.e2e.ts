import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../server/src/db/client';
import { processDueTimers } from '../../server/src/modules/cases/use-cases/process-due-timers';
import { DEMO_OPEN311_API_KEY } from '../../server/src/modules/demo/load-demo-county';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { apiAs, pointInGrid } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

/** Issue 14 item 1: every desk role lands on its own workbench; the numbers are live and open their lists. */

const TOWN_PATH = '320281/320281001'; // 澄江街道, the demo operator's scope
const countOf = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-count'));

describe('the workbench (工作台) of every desk role', () => {
  let server: TestServer;
  let browser: Browser;
  let database: Database;
  let point: { lon: number; lat: number };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({
        prepare: async (db) => {
          database = db;
        },
      }),
      launchBrowser(),
    ]);
    point = await pointInGrid(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the town operator lands on it; an Open311 report raises the intake count live; the red count lists exactly the overdue cases', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'operator');
    await page.waitForURL('**/cases/queues');
    await page.getByTestId('case-overview').waitFor();
    await page.getByTestId('workbench-clock').waitFor();
    const intake = await countOf(page, 'queue-intake');
    const reportedToday = await countOf(page, 'overview-reported-today');
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { workbenchMark: number }).workbenchMark = 1;
    });

    // A resident's app reports a missing manhole cover in the town through Open311.
    const posted = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEMO_OPEN311_API_KEY,
        service_code: 'CG-0101',
        lat: String(point.lat),
        long: String(point.lon),
        description: '人行道井盖缺失',
        'attribute[cover_type]': 'rain',
        'attribute[hazard]': 'risk',
      }).toString(),
    });
    expect(posted.status, await posted.clone().text()).toBe(201);
    await page.waitForSelector(`[data-testid=queue-intake][data-count="${intake + 1}"]`, { timeout: 15_000 });
    await page.waitForSelector(`[data-testid=overview-reported-today][data-count="${reportedToday + 1}"]`, {
      timeout: 15_000,
    });
    expect(await page.evaluate(() => (window as unknown as { workbenchMark?: number }).workbenchMark)).toBe(1);

    // A second report 40 m away: beyond the confident 30 m of the matter's 50 m radius, so a case of its own,
    // and both are possible duplicates (疑似重复), a number of its own on the workbench, live too.
    const duplicates = await countOf(page, 'queue-possible-duplicates');
    const second = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEMO_OPEN311_API_KEY,
        service_code: 'CG-0101',
        lat: String(point.lat),
        long: String(point.lon + 40 / (111_320 * Math.cos((point.lat * Math.PI) / 180))),
        description: '井盖不见了',
        'attribute[cover_type]': 'rain',
        'attribute[hazard]': 'risk',
      }).toString(),
    });
    expect(second.status, await second.clone().text()).toBe(201);
    await page.waitForSelector(`[data-testid=queue-intake][data-count="${intake + 2}"]`, { timeout: 15_000 });
    await expect
      .poll(() => countOf(page, 'queue-possible-duplicates'), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(duplicates + 2);
    const operator = await apiAs(server.url, 'operator');
    const possible = await operator.get<{ total: number; items: { code: string }[] }>(
      '/cases?queue=intake&possibleDuplicate=true&limit=500',
    );
    expect(await countOf(page, 'queue-possible-duplicates')).toBe(possible.total);
    // The desk's menu opens the big screen (another app, a new tab) for the operator.
    expect(await page.getByTestId('menu-link-screen').getAttribute('href')).toBe('/screen');

    // A case with the urban-management bureau runs past its limit (its timers brought due, then run).
    const reported = await operator.post<{ case: { code: string } }>('/cases', {
      matterCode: 'CG-0104',
      description: '路灯连续不亮',
      point: { lon: point.lon + 0.002, lat: point.lat, crs: 'WGS84' },
      formAnswers: { hazard: 'none' },
    });
    const code = reported.case.code;
    await operator.post(`/cases/${code}/commands`, { type: 'register' });
    const routing = await operator.get<{ unit: { id: string } }>(`/cases/${code}/routing`);
    await operator.post(`/cases/${code}/commands`, { type: 'dispatch', unitId: routing.unit.id });
    const red = await countOf(page, 'overview-overdue');
    await database.db.execute(
      sql`UPDATE case_timers SET due_at = now() - interval '1 minute'
          WHERE status = 'pending' AND kind IN ('warning', 'overdue') AND case_id = (SELECT id FROM cases WHERE code = ${code})`,
    );
    await processDueTimers(database.db, new Date());
    await page.waitForSelector(`[data-testid=overview-overdue][data-count="${red + 1}"]`, { timeout: 15_000 });
    await page.getByTestId('workbench-map').waitFor();
    await screenshot(page, 'workbench-operator-live');

    // The red count opens the list of exactly the open overdue cases in the town.
    const overdue = await queryRows<{ code: string }>(
      database.db,
      sql`SELECT code FROM cases WHERE time_state = 'overdue' AND closed_at IS NULL AND state NOT IN ('voided', 'closed', 'rated', 'archived')
          AND (path = ${TOWN_PATH} OR path LIKE ${`${TOWN_PATH}/%`})`,
    );
    expect(overdue.map((r) => r.code)).toContain(code);
    expect(overdue).toHaveLength(red + 1);
    await page.getByTestId('overview-overdue').click();
    await page.waitForURL('**/cases?open=true&timeState=overdue');
    const rows = page.getByTestId('case-list').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(overdue.length);
    const listed = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    expect(listed.sort()).toEqual(overdue.map((r) => r.code).sort());
    expect(await page.evaluate(() => (window as unknown as { workbenchMark?: number }).workbenchMark)).toBe(1);
    await screenshot(page, 'workbench-red-list');

    // The possible duplicates open exactly the intake cases the case page suggests a duplicate for.
    await page.goBack();
    await page.getByTestId('queue-possible-duplicates').click();
    await page.waitForURL('**/cases/queue/intake?possibleDuplicate=true');
    const duplicateRows = page.getByTestId('queue-list').locator('tbody tr.ant-table-row');
    await expect.poll(() => duplicateRows.count(), { timeout: 15_000 }).toBe(Math.min(possible.total, 20));
    const duplicateCodes = await duplicateRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    expect(duplicateCodes.sort()).toEqual(
      possible.items
        .map((i) => i.code)
        .slice(0, 20)
        .sort(),
    );

    expect(problems).toEqual([]);
    await context.close();
  });

  it('the department handler lands on the unit’s workbench: inbox, due soon, returned, rework and the overdue count', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'handler');
    await page.waitForURL('**/cases/queues');
    for (const queue of ['unit_inbox', 'unit_due_soon', 'unit_returned', 'unit_rework']) {
      await page.getByTestId(`queue-${queue}`).waitFor();
    }
    await page.getByTestId('overview-overdue').waitFor();
    const handler = await apiAs(server.url, 'handler');
    const overdue = await handler.get<{ total: number }>('/cases?open=true&timeState=overdue&limit=1');
    expect(await countOf(page, 'overview-overdue')).toBe(overdue.total);
    expect(overdue.total).toBeGreaterThanOrEqual(1); // the demo's road and the lamp above
    // No patrols for a department: no map; no big screen in its menu, and no possible duplicates (no intake queue).
    expect(await page.getByTestId('workbench-map').count()).toBe(0);
    expect(await page.getByTestId('menu-link-screen').count()).toBe(0);
    expect(await page.getByTestId('queue-possible-duplicates').count()).toBe(0);
    await screenshot(page, 'workbench-handler');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the community workstation lands on its grids’ cases, visits due and workers on patrol, with the map', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'workstation');
    await page.waitForURL('**/cases/queues');
    await page.getByTestId('field-force').waitFor();
    for (const id of ['visits-due', 'patrol-live', 'patrol-today']) {
      await page.waitForSelector(`[data-testid=field-${id}][data-count]:not([data-count=""])`, { timeout: 15_000 });
    }
    const workstation = await apiAs(server.url, 'workstation');
    const open = await workstation.get<{ total: number }>('/cases?open=true&limit=1');
    expect(await countOf(page, 'overview-open')).toBe(open.total);
    await page.waitForSelector(`[data-testid=workbench-map][data-case-points="${open.total}"]`, { timeout: 15_000 });
    await screenshot(page, 'workbench-workstation');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the leader lands on the indicators, flags, trends and rankings', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'leader');
    await page.waitForURL('**/assessment/workbench');
    await page.getByTestId('indicator-onTimeHandlingRate').waitFor();
    await page.getByTestId('leader-flags').waitFor();
    for (const chart of ['leader-trends', 'leader-town-ranking', 'leader-department-ranking']) {
      await page.waitForSelector(`[data-testid=${chart}][data-rendered=true] canvas`, { timeout: 20_000 });
    }
    await screenshot(page, 'workbench-leader');

    // Live from the case stream, not by polling: a case reported now counts within seconds.
    await page.waitForSelector('[data-testid=leader-indicators][data-live=true]', { timeout: 15_000 });
    const reports = Number(await page.getByTestId('indicator-reportCount').getAttribute('data-value'));
    const operator = await apiAs(server.url, 'operator');
    await operator.post('/cases', {
      matterCode: 'CG-0104',
      description: '路灯不亮',
      point: { lon: point.lon - 0.002, lat: point.lat, crs: 'WGS84' },
      formAnswers: { hazard: 'none' },
    });
    await page.waitForSelector(`[data-testid=indicator-reportCount][data-value="${reports + 1}"]`, {
      timeout: 15_000,
    });
    expect(problems).toEqual([]);
    await context.close();
  });
});
