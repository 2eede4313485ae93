import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdministrator } from '../../server/src/modules/accounts/use-cases/create-administrator.js';
import { launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('an administrator with a one-time password (npm run admin:create)', () => {
  let server: TestServer;
  let browser: Browser;
  let oneTimePassword = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({
        prepare: async (database) => {
          const created = await createAdministrator({ db: database.db, username: 'chief', displayName: '首任管理员' });
          if (!created.ok) throw new Error(created.reason);
          oneTimePassword = created.oneTimePassword;
        },
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sees only the change-password screen after login, then the desk', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await logIn(page, 'chief', oneTimePassword);
    await page.getByText('请修改密码').waitFor();
    await screenshot(page, 'first-run-change-password');

    await page.getByLabel('当前密码（一次性密码）').fill('not-the-password-1');
    await page.getByLabel('新密码', { exact: true }).fill('chief-password-2026');
    await page.getByLabel('再次输入新密码').fill('chief-password-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('当前密码不正确，请重新输入。').first().waitFor();

    await page.getByLabel('当前密码（一次性密码）').fill(oneTimePassword);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('首任管理员').first().waitFor();
    expect(await page.getByText('请修改密码').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
