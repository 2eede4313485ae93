import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPointOf } from '../../server/src/modules/grids/geometry/interior-point';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { apiAs, runCommand, waitForState } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100102'; // a base grid of 文定社区, 澄江街道
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the desk’s work queues (工作台)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the town operator lands on the queues, finds the escalated case in 待派遣 with a count, and dispatches it to the department the suggestion names', async () => {
    // The community's workstation registers an overflowing bin and escalates it to the town.
    const workstation = await apiAs(server.url, 'workstation');
    const grid = await workstation.get<{ grid: { geometry: Parameters<typeof interiorPointOf>[0] } }>(
      `/grids/${BASE_GRID}`,
    );
    const [lon, lat] = interiorPointOf(grid.grid.geometry);
    const intake = await workstation.post<{ case: { code: string } }>('/cases', {
      matterCode: 'CG-0302',
      description: '小区垃圾桶满溢多日，社区无清运车辆',
      point: { lon, lat, crs: 'WGS84' },
      reporter: { name: '陈先生', phone: '13700002222' },
    });
    const code = intake.case.code;
    await workstation.post(`/cases/${code}/commands`, { type: 'register' });
    await workstation.post(`/cases/${code}/commands`, { type: 'escalate', reason: '社区无清运车辆，请街道协调' });
    const operatorApi = await apiAs(server.url, 'operator');
    const counts = await operatorApi.get<{ items: { queue: string; count: number }[] }>('/case-queues');
    const waiting = counts.items.find((q) => q.queue === 'dispatch')?.count ?? 0;
    expect(waiting).toBeGreaterThanOrEqual(1);

    // Signing in lands on the workbench, not on a table of region codes.
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'operator');
    await page.waitForURL('**/cases/queues');
    const dispatchQueue = page.getByTestId('queue-dispatch');
    await dispatchQueue.getByText('待派遣').waitFor();
    expect(await dispatchQueue.getAttribute('data-count')).toBe(String(waiting));
    expect(await dispatchQueue.textContent()).toContain(String(waiting));
    for (const queue of ['intake', 'returned', 'callback', 'whistle', 'hold_due']) {
      await page.getByTestId(`queue-${queue}`).waitFor();
    }
    await screenshot(page, 'workbench-operator');

    // 待派遣 lists the escalated case; its page offers the dispatch.
    await dispatchQueue.click();
    await page.waitForURL('**/cases/queue/dispatch');
    await page.getByTestId('queue-list').getByRole('link', { name: code }).click();
    await waitForState(page, 'registered');
    await runCommand(page, 'dispatch', async (dialog) => {
      const suggestion = dialog.getByTestId('routing-suggestion');
      await suggestion.getByText('建议派往：市城市管理局').waitFor();
      const text = (await suggestion.textContent()) ?? '';
      // Named, never by id, and not back to the workstation that escalated it.
      expect(text).toContain('市城市管理局');
      expect(text).not.toMatch(UUID);
      expect(text).not.toContain('文定社区网格工作站承办');
      await screenshot(page, 'workbench-dispatch-suggestion');
    });
    await waitForState(page, 'dispatched');
    expect(await page.getByTestId('case-assigned-unit').textContent()).toBe('市城市管理局');

    // Back on the workbench, 待派遣 holds one case less.
    await page.goto('/cases/queues');
    await page.waitForSelector(`[data-testid=queue-dispatch][data-count="${waiting - 1}"]`, { timeout: 15_000 });

    expect(problems).toEqual([]);
    await context.close();
  });
});
