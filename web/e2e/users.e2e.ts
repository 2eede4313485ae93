import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

/** Picks the option whose text starts with `option` in the Ant Design select labelled `label`, typing `search` first if given. */
async function choose(page: Page, label: string, option: string, search?: string) {
  const input = page.getByLabel(label, { exact: true });
  const select = page.locator('.ant-select').filter({ has: input });
  // Under load a searching select may still list the previous search's options when clicked:
  // check the option was taken, and try again if not.
  for (let attempt = 1; ; attempt++) {
    await input.click();
    if (search) await input.fill(search);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${option}"]`).first().click();
    try {
      await expect.poll(() => select.filter({ hasText: option }).count(), { timeout: 2_000 }).toBeGreaterThan(0);
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  // A multiple select stays open; clicking the dialog title closes it without closing the dialog.
  await page.getByRole('dialog').locator('.ant-modal-title').click();
}

const createUserRequest = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST');

describe('users admin', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a user through the dialog, showing the server’s field error first', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'admin');
    await page.getByRole('link', { name: '用户管理' }).click();
    await page.waitForURL('**/users');
    await page.getByRole('cell', { name: 'operator', exact: true }).waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('wangxiaoming');
    await dialog.getByLabel('姓名').fill('网格员王小明');
    await dialog.getByLabel('初始密码').fill('short1');
    await choose(page, '角色', '网格员');
    await choose(page, '数据范围', '文定社区居委会', '文定');
    await choose(page, '所属单位', '文定社区网格工作站', '文定');

    // Too short: the server refuses it and its message lands on the password field.
    const refused = createUserRequest(page);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    expect((await refused).status()).toBe(400);
    const passwordItem = dialog.locator('.ant-form-item', { has: page.getByLabel('初始密码') });
    await passwordItem
      .locator('.ant-form-item-explain-error')
      .getByText('密码至少 10 位，且须同时包含字母和数字')
      .waitFor();
    await dialog.getByText('提交的内容有误').waitFor();
    await screenshot(page, 'users-create-validation');

    await dialog.getByLabel('初始密码').fill('wending2026ok');
    const accepted = createUserRequest(page);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const response = await accepted;
    expect(response.status()).toBe(201);
    const created = (await response.json()) as {
      username: string;
      roles: string[];
      scopeRegionCode: string;
      unitName: string;
    };
    expect(created).toMatchObject({
      username: 'wangxiaoming',
      roles: ['grid_worker'],
      scopeRegionCode: '320281001001',
      unitName: '文定社区网格工作站',
    });

    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'wangxiaoming', exact: true }).waitFor();
    await screenshot(page, 'users-created');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('finds a resident by phone and shows the whole number only after a purpose is given', async () => {
    const phone = '13912345678';
    const registered = await fetch(`${server.url}/api/auth/register-resident`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, displayName: '居民蒋', password: 'Resident2026' }),
    });
    expect(registered.status, await registered.text()).toBe(201);

    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'admin');
    await page.goto('/users');
    await page.getByLabel('搜索用户名、姓名或居民手机号').fill(phone);
    await page.getByLabel('搜索用户名、姓名或居民手机号').press('Enter');
    const cell = page.getByTestId('user-phone');
    await cell.getByText('139****5678').waitFor();
    expect(await page.getByRole('cell', { name: '居民蒋' }).count()).toBe(1);

    await cell.getByRole('button', { name: '查看完整号码' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: /确\s*定/ });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByPlaceholder(/查看目的/).fill('居民来电要求重置密码，核实身份');
    const [revealed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/reveal-phone')),
      confirm.click(),
    ]);
    expect(revealed.status()).toBe(200);
    await cell.getByTestId('revealed-phone').getByText(phone).waitFor();
    await screenshot(page, 'users-phone-revealed');

    expect(problems).toEqual([]);
    await context.close();
  });
});
