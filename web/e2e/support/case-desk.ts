/// <reference types="node" />
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { interiorPointOf } from '../../../server/src/modules/grids/geometry/interior-point';
import { DEMO_PASSWORD } from './browser';

/**
 * A signed-in API client for setting up what a test is not about (a case to start from,
 * an extra account), so the browser steps stay on what the test shows.
 */
export async function apiAs(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
    /** Uploads a JPEG as the photo's body; answers its id. */
    upload: async (jpeg: Buffer): Promise<string> => {
      const response = await fetch(`${baseUrl}/api/photos`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'image/jpeg' },
        body: new Uint8Array(jpeg),
      });
      if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
  };
}

export const waitForState = (page: Page, state: string) =>
  // Generous: under a loaded CI machine a page reload and its first queries can take a while.
  page.waitForSelector(`[data-testid=case-detail][data-state=${state}]`, { timeout: 30_000 });

/**
 * Waits until `page` shows the case at the version `other` shows: a state alone can match an
 * older version (accepted → on hold → accepted), and a command sent from it would be refused as stale.
 */
export async function waitForVersionOf(page: Page, other: Page) {
  const version = await other.getByTestId('case-detail').getAttribute('data-version');
  await page.waitForSelector(`[data-testid=case-detail][data-version="${version}"]`, { timeout: 30_000 });
}

/** Opens a command's dialog from the case page, fills it (optional) and confirms; waits for the server's 200. */
export async function runCommand(
  page: Page,
  type: string,
  fill?: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>,
) {
  await page.getByTestId(`cmd-${type}`).click();
  const dialog = page.getByTestId(`command-dialog-${type}`);
  const modal = page.locator('.ant-modal').filter({ has: dialog });
  await modal.waitFor();
  if (fill) await fill(dialog);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/commands') && r.request().method() === 'POST'),
    modal.locator('.ant-modal-footer .ant-btn-primary').click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  await dialog.waitFor({ state: 'detached' });
}

/**
 * Picks an option of an antd select (single or multiple) by typing into its input, and
 * checks it was taken: a searching select may still show the options of the previous
 * search for a moment, and a click on a list being replaced can miss; then it tries again.
 */
export async function choose(page: Page, inputId: string, typed: string, option: string | RegExp) {
  const select = page.locator('.ant-select').filter({ has: page.locator(`#${inputId}`) });
  // A multiple select shows one more tag; a single one shows the option as its content (perhaps again).
  const multiple = (await select.getAttribute('class'))?.includes('ant-select-multiple') ?? false;
  const taken = select
    .locator(multiple ? '.ant-select-selection-item' : '.ant-select-content')
    .filter({ hasText: option });
  const expected = multiple ? (await taken.count()) + 1 : 1;
  for (let attempt = 1; ; attempt++) {
    await page.locator(`#${inputId}`).fill(typed);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    try {
      await expect.poll(() => taken.count(), { timeout: 2_000 }).toBeGreaterThanOrEqual(expected);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Picks an option of a non-searching antd select by its combobox. The list is found through
 * the combobox's own `aria-controls`, never as "the visible list": another select's list may
 * still be fading out (visible, then hidden mid-click). Checks the choice was taken and
 * tries again if a click landed during the list's opening animation.
 */
export async function pickOption(page: Page, combobox: Locator, option: string) {
  // The select around this combobox (a `has:` filter would look for the combobox's whole chain inside it).
  const select = combobox.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  for (let attempt = 1; ; attempt++) {
    await combobox.click();
    const listId = await combobox.getAttribute('aria-controls');
    if (!listId) throw new Error('the select names no list (aria-controls)');
    const list = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
    await list.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    try {
      await expect.poll(() => select.getByText(option, { exact: true }).count(), { timeout: 2_000 }).toBeGreaterThan(0);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** The timeline's event types in order, as the case page shows them. */
export const timelineOf = (page: Page) =>
  page
    .getByTestId('case-timeline')
    .locator('[data-event]')
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.event));

/** The demo base grid held by the demo account `gridworker`: 文定社区第1网格. */
export const DEMO_BASE_GRID = '32028100100101';

/** A point well inside a grid, read from the running server's grid map (where a test reports). */
export async function pointInGrid(baseUrl: string, gridCode = DEMO_BASE_GRID): Promise<{ lon: number; lat: number }> {
  const operator = await apiAs(baseUrl, 'operator');
  const { grid } = await operator.get<{ grid: { geometry: Parameters<typeof interiorPointOf>[0] } }>(
    `/grids/${gridCode}`,
  );
  const [lon, lat] = interiorPointOf(grid.geometry) as [number, number];
  return { lon, lat };
}
