// The worker app (/m): its initial JavaScript, gzip (what a phone downloads before the first
// screen), and the time to sync 500 reports queued offline against a local server — the
// real app in Chromium on a phone viewport, the real server on PostgreSQL. Prints numbers
// next to the goals (≤ 250 KB, ≤ 15 s); not a test.
// Run: npx tsx bench/worker-app.bench.ts   (BENCH_REPORTS=500, BENCH_PHOTOS=1 to attach a
// photo to every report, BENCH_DATABASE_URL=…; builds web/dist first if it is missing)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { SessionInfo } from '@yiwang/contracts';
import sharp from 'sharp';
import { launchBrowser } from '../web/e2e/support/browser.js';
import {
  createApiKey,
  createBenchDatabase,
  reportPointsWithin,
  startServer,
  stopServer,
} from './support/bench-server.js';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 500);
const WITH_PHOTOS = process.env.BENCH_PHOTOS === '1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web/dist');

// ── initial JS ───────────────────────────────────────────────────────────────────
if (!existsSync(join(dist, 'm/index.html')))
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
const html = readFileSync(join(dist, 'm/index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((m) => m[1] as string);
const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1] as string);
const gzipped = (url: string) => gzipSync(readFileSync(join(dist, url))).length;
const jsBytes = scripts.reduce((sum, url) => sum + gzipped(url), 0);
const cssBytes = styles.reduce((sum, url) => sum + gzipped(url), 0);
console.log(
  `worker app initial JS (entry + ${scripts.length - 1} modulepreload chunks), gzip: ${(jsBytes / 1024).toFixed(1)} KB   goal ≤ 250 KB`,
);
for (const url of scripts) console.log(`  ${url}  ${(gzipped(url) / 1024).toFixed(1)} KB`);
console.log(`  (+ CSS ${(cssBytes / 1024).toFixed(1)} KB gzip)`);

// ── sync of queued reports ───────────────────────────────────────────────────────
const db = await createBenchDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'yw-bench-'));
const server = await startServer(db.url, dataDir);
const browser = await launchBrowser();
try {
  const key = await createApiKey(server.url);
  const api = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${server.url}${path}`, { headers: { 'x-api-key': key } })).json()) as T;
  // A different place per report (a lattice inside the grid worker's own community: a report
  // elsewhere is refused as out of scope) and matters without required questions in turn: no
  // two reports are the same problem, so none may merge.
  const session = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'gridworker', password: 'yiwang2026' }),
  });
  const { user } = (await session.json()) as SessionInfo;
  const points = await reportPointsWithin(server.url, key, user.scope.regionCode);
  console.log(`${points.length} report places inside ${user.scope.regionName} (the grid worker's scope)`);
  const matters = (
    await api<{ items: { code: string; formFields: { required: boolean }[] }[] }>('/api/catalog/matters')
  ).items
    .filter((m) => !m.formFields.some((f) => f.required))
    .map((m) => m.code);

  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    geolocation: { longitude: points[0]?.[0] ?? 120.28, latitude: points[0]?.[1] ?? 31.9, accuracy: 8 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto('/m/');
  await page.getByLabel('用户名').fill('gridworker');
  await page.getByLabel('密码').fill('yiwang2026');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/catalog/matters') && r.status() === 200),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  await page.getByTestId('patrol-toggle').waitFor();
  // Runs in the page; the bench is type-checked with the server's (non-DOM) library.
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { navigator: { serviceWorker?: { controller: unknown } } }).navigator.serviceWorker
        ?.controller !== null,
  );

  // Like a phone camera's pictures: larger than the 1600 px the app shrinks them to on the
  // phone before queueing, with detail (noise) so that they weigh what real ones do. A few
  // are reused in turn; each report still uploads its own photo (the key names it).
  const cameraPhotos = WITH_PHOTOS
    ? await Promise.all(
        Array.from({ length: 8 }, (_, k) =>
          sharp({
            create: {
              width: 2400,
              height: 1800,
              channels: 3,
              background: { r: 40 * k, g: 120, b: 160 },
              noise: { type: 'gaussian', mean: 128, sigma: 20 },
            },
          })
            .jpeg({ quality: 85 })
            .toBuffer(),
        ),
      )
    : [];
  const from = new Date().toISOString();
  await context.setOffline(true);
  const queueStarted = performance.now();
  for (let i = 0; i < REPORTS; i++) {
    // Points repeat only after the whole lattice was used, then with the next matter.
    const [lon, lat] = points[i % points.length] as [number, number];
    await context.setGeolocation({ longitude: lon, latitude: lat, accuracy: 8 });
    await page.getByTestId('nav-report').click();
    if (WITH_PHOTOS) {
      const photo = cameraPhotos[i % cameraPhotos.length] as Buffer;
      await page.getByTestId('report-photo').setInputFiles({ name: 'p.jpg', mimeType: 'image/jpeg', buffer: photo });
    } else {
      await page.getByTestId('skip-photo').click();
    }
    await page.getByTestId('matter-search').fill((matters[i % matters.length] as string).toLowerCase());
    await page.getByTestId('matter-results').locator('button').first().click();
    await page.getByPlaceholder('说说看到了什么').fill(`基准上报 #${i}`);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('patrol-toggle').waitFor();
  }
  const queueSeconds = (performance.now() - queueStarted) / 1000;
  await page.getByTestId('nav-outbox').click();
  await page.waitForSelector(`[data-testid=outbox-summary][data-pending="${REPORTS}"]`);

  const started = performance.now();
  await context.setOffline(false);
  await page.waitForSelector('[data-testid=outbox-summary][data-pending="0"]', { timeout: 15 * 60_000 });
  const syncSeconds = (performance.now() - started) / 1000;

  const cases = await api<{ items: { code: string; description: string }[]; total: number }>(
    `/api/cases?channel=worker&limit=500&reportedFrom=${encodeURIComponent(from)}`,
  );
  const failedItems = page.locator('[data-testid=outbox-item][data-state=failed] [data-testid=outbox-detail]');
  const failed = await failedItems.count();
  const reasons = new Map<string, number>();
  for (const text of await failedItems.allInnerTexts()) reasons.set(text, (reasons.get(text) ?? 0) + 1);
  const distinct = new Set(cases.items.map((c) => c.description)).size;
  // A report at a case of the same matter nearby (within 0.6 of the matter's duplicate radius) is
  // added to that case (并单) rather than opening one: count reports, not cases, for "none lost".
  let reports = 0;
  for (const c of cases.items) {
    reports += (await api<{ reports: unknown[] }>(`/api/cases/${c.code}`)).reports.length;
  }
  console.log(
    `sync of ${REPORTS} reports queued offline${WITH_PHOTOS ? ', each with a photo' : ''} (app in Chromium, server on PostgreSQL):`,
  );
  console.log(
    `  ${syncSeconds.toFixed(1)} s from back online to an empty outbox   goal ≤ 15 s   (${(REPORTS / syncSeconds).toFixed(0)} reports/s)`,
  );
  console.log(
    `  reports stored: ${reports} (expected ${REPORTS}) in ${cases.total} cases (distinct descriptions: ${distinct}); failed in the outbox: ${failed}`,
  );
  console.log(`  (queueing them offline through the UI took ${queueSeconds.toFixed(0)} s; not part of the sync time)`);
  for (const [reason, n] of reasons) console.log(`  failed ×${n}: ${reason}`);
  await context.close();
} finally {
  await browser.close();
  await stopServer(server.child);
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
