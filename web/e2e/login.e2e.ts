import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, openDesk, screenshot, submitLogin } from './support/browser';
import { startTestServer, type TestServer } from './support/server';

describe('login page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is served under the strict CSP with no inline script', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    const response = await page.goto('/login');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    const html = (await response?.text()) ?? '';
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/assets\/[^"]+\.js"/);
    // The app really runs under it (a blocked script would leave the page empty).
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a signed-out visitor to the login page', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await page.goto('/users');
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('locks the account after five wrong passwords and says so on the sixth attempt', async () => {
    const { page, context, problems } = await openDesk(browser, server.url);
    await page.goto('/login');
    const alert = page.locator('.yw-login-alert');

    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await submitLogin(page, 'handler', `wrong-password-${attempt}`)).toBe(401);
      await alert.getByText('用户名或密码错误').waitFor();
    }
    // The fifth failure is the one that locks.
    expect(await submitLogin(page, 'handler', 'wrong-password-5')).toBe(423);

    // Sixth attempt, even with the right password: refused while locked, and said plainly.
    expect(await submitLogin(page, 'handler', DEMO_PASSWORD)).toBe(423);
    await alert.getByText('账号已锁定', { exact: true }).waitFor();
    expect(await alert.textContent()).toContain('分钟后再试');
    expect(await alert.getAttribute('class')).toContain('ant-alert-warning');
    expect(page.url()).toContain('/login');
    await screenshot(page, 'login-locked');

    expect(problems).toEqual([]);
    await context.close();
  });
});
