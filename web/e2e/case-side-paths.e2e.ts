import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPointOf } from '../../server/src/modules/grids/geometry/interior-point';
import { type DeskPage, launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { apiAs, choose, runCommand, timelineOf, waitForState, waitForVersionOf } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

const BASE_GRID = '32028100100102'; // a base grid of 文定社区, 澄江街道
const PASSWORD = 'side-paths-2026';

describe('the side paths of a case through the desk', () => {
  let server: TestServer;
  let browser: Browser;
  const desks: DeskPage[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A desk signed in as `username`, on the case's page. */
  async function deskOf(username: string, code: string, password?: string): Promise<Page> {
    const desk = await openDesk(browser, server.url);
    desks.push(desk);
    await logIn(desk.page, username, password);
    await desk.page.goto(`/cases/${code}`);
    await desk.page.getByTestId('case-detail').waitFor();
    return desk.page;
  }

  it('return → review (upheld) → dispatched elsewhere; hold and resume; extension; 吹哨 with two departments', async () => {
    // Setup through the API: two more department handlers, and a town-level case dispatched to urban management.
    const admin = await apiAs(server.url, 'admin');
    const units = (await admin.get<{ items: { id: string; code: string; name: string }[] }>('/units?limit=500')).items;
    const unitId = (code: string) => units.find((u) => u.code === code)?.id as string;
    for (const [username, displayName, unit] of [
      ['handler-housing', '住建局办件员', '320281-housing'],
      ['handler-env', '生态环境局办件员', '320281-environment'],
    ] as const) {
      await admin.post('/users', {
        username,
        displayName,
        password: PASSWORD,
        roles: ['handler'],
        scopeRegionCode: '320281',
        unitId: unitId(unit),
      });
    }
    const api = await apiAs(server.url, 'operator');
    const grid = await api.get<{ grid: { geometry: Parameters<typeof interiorPointOf>[0] } }>(`/grids/${BASE_GRID}`);
    const [lon, lat] = interiorPointOf(grid.grid.geometry);
    const intake = await api.post<{ case: { code: string } }>('/cases', {
      matterCode: 'CG-0303',
      description: '来电：小区东侧空地堆放建筑渣土',
      point: { lon, lat, crs: 'WGS84' },
      reporter: { name: '刘女士', phone: '13700001111' },
    });
    const code = intake.case.code;
    await api.post(`/cases/${code}/commands`, { type: 'register' });
    await api.post(`/cases/${code}/commands`, { type: 'dispatch', unitId: unitId('320281-urban') });

    // The urban-management handler returns it with a reason.
    const urban = await deskOf('handler', code);
    await waitForState(urban, 'dispatched');
    await runCommand(urban, 'return', async (dialog) => {
      await dialog.getByLabel('理由').fill('属于在建工地渣土，应由住建部门处理');
    });
    await waitForState(urban, 'returned');

    // The town operator sees the reason, upholds the return and dispatches to housing (a county department,
    // found although it is above the town's scope); the rules' suggestion — the unit that returned it — is not preselected.
    const operator = await deskOf('operator', code);
    await waitForState(operator, 'returned');
    await operator.getByText('属于在建工地渣土，应由住建部门处理').first().waitFor();
    await runCommand(operator, 'review_return', async (dialog) => {
      await dialog.getByText('同意退单（重新派遣）').click();
      await dialog.getByLabel('备注').fill('同意，改派住建局');
    });
    await waitForState(operator, 'registered');
    await runCommand(operator, 'dispatch', async (dialog) => {
      await dialog.getByTestId('returned-by-suggested').waitFor();
      await choose(operator, 'unitId', '住房', '市住房和城乡建设局');
    });
    await waitForState(operator, 'dispatched');
    expect(await operator.getByTestId('case-assigned-unit').textContent()).toBe('市住房和城乡建设局');

    // Housing accepts it from its inbox.
    const housing = await deskOf('handler-housing', code, PASSWORD);
    await housing.getByRole('link', { name: '本单位待办' }).click();
    await housing.getByTestId('inbox-list').getByRole('link', { name: code }).click();
    await waitForState(housing, 'dispatched');
    await runCommand(housing, 'accept');
    await waitForState(housing, 'accepted');

    // The operator parks it (挂账) and resumes it.
    await waitForState(operator, 'accepted');
    await runCommand(operator, 'hold', async (dialog) => {
      // A hold takes the day to look at it again (挂账到期).
      const reviewDay = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      await dialog.getByLabel('复查日期').fill(reviewDay);
      await dialog.getByLabel('复查日期').press('Enter');
      await dialog.getByLabel('理由').fill('等待渣土车辆手续核实');
    });
    await waitForState(operator, 'on_hold');
    await operator.getByText('等待渣土车辆手续核实').first().waitFor();
    expect(await operator.getByTestId('hold-review-at').textContent()).toContain('复查日期');
    await runCommand(operator, 'resume');
    await waitForState(operator, 'accepted');

    // Housing asks for two more working days; the operator approves.
    await waitForVersionOf(housing, operator);
    await runCommand(housing, 'request_extension', async (dialog) => {
      await dialog.getByLabel('理由').fill('需协调施工单位清运');
    });
    await operator.getByTestId('cmd-approve_extension').waitFor();
    await runCommand(operator, 'approve_extension', async (dialog) => {
      await dialog.getByLabel('备注').fill('同意延期两个工作日');
    });
    await operator.getByText(/需协调施工单位清运 · 已同意 · 新期限/).waitFor();

    // 吹哨: the town summons urban management and ecology-environment; each reports and records its part.
    await runCommand(operator, 'whistle', async (dialog) => {
      await choose(operator, 'unitIds', '城市管理', '市城市管理局');
      await choose(operator, 'unitIds', '生态环境', '无锡市江阴生态环境局');
      await dialog.getByLabel('备注').fill('渣土扬尘，请两部门到场');
    });
    for (const [page, part] of [
      [urban, '已对运输车辆立案查处'],
      [await deskOf('handler-env', code, PASSWORD), '已监测扬尘并要求覆盖'],
    ] as const) {
      await page.reload();
      await waitForState(page, 'accepted');
      await runCommand(page, 'report_arrival');
      await runCommand(page, 'record_part', async (dialog) => {
        await dialog.getByLabel('说明').fill(part);
      });
    }

    // The operator's page, open all along, shows every step on the timeline.
    await expect
      .poll(() => timelineOf(operator), { timeout: 15_000 })
      .toEqual([
        'reported',
        'registered',
        'dispatched',
        'returned',
        'return_upheld',
        'dispatched',
        'accepted',
        'held',
        'resumed',
        'extension_requested',
        'extension_approved',
        'whistle_blown',
        'unit_arrived',
        'unit_part_recorded',
        'unit_arrived',
        'unit_part_recorded',
      ]);
    const timeline = operator.getByTestId('case-timeline');
    for (const text of [
      '退单',
      '退单审核：同意',
      '属于在建工地渣土，应由住建部门处理',
      // The returning unit is named although it no longer has the case.
      '→ 市城市管理局',
      '挂账',
      '恢复办理',
      '申请延期',
      '延长 2 个工作日',
      '同意延期',
      '吹哨',
      '渣土扬尘，请两部门到场',
      '部门报到',
      '已对运输车辆立案查处',
      '已监测扬尘并要求覆盖',
    ]) {
      await timeline.getByText(text, { exact: true }).first().waitFor();
    }
    await operator.getByText(/无锡市江阴生态环境局 · 报到时限 .* · 已报到 .* · 已监测扬尘并要求覆盖/).waitFor();
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(operator, 'case-side-paths');
    for (const desk of desks) {
      expect(desk.problems).toEqual([]);
      await desk.context.close();
    }
  });
});
