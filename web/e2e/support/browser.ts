/// <reference types="node" />
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Screenshots land in <repo>/test-artifacts (gitignored). */
const artifactsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts');

export const DEMO_PASSWORD = 'yiwang2026';

/**
 * Debian's headless Chromium. `chromium.launch` gives every launch a fresh temporary
 * profile of its own (and deletes it on close), so no state leaks between runs; Playwright
 * refuses a `--user-data-dir` argument here, which would need launchPersistentContext.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface DeskPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and CSP violations seen so far; a test ends by expecting none. */
  problems: string[];
}

/** A new browser context (own cookies and storage) at desktop size, Chinese by default. */
export async function openDesk(browser: Browser, baseURL: string, locale = 'zh-CN'): Promise<DeskPage> {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/** Fills in and submits the login form (the page must be on /login or be sent there). */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<number> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: /登\s*录/ }).click(),
  ]);
  return response.status();
}

/** Opens the app, signs in and waits until the desk has left the login page. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  const status = await submitLogin(page, username, password);
  if (status !== 200) throw new Error(`login as ${username} answered ${status}`);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: false });
}
