// The desk's first screen: the gzip size of the JavaScript a town operator's browser loads from
// signing in to the painted workbench (goal ≤ 600 KB), and the time until the workbench map
// with the 1 558 base grids and 20 000 case points has painted in headless Chromium (goal ≤ 1 s;
// three runs), next to an empty map and to the points drawn as OpenLayers features, measured in the
// same run. Prints numbers; not a test.
// Run: npx tsx bench/desk-size.bench.ts   (builds web/dist first if it is missing; BENCH_POINTS=20000)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { demoGridMap } from '../server/src/modules/grids/index.js';
import { createSeededRandom } from '../server/src/platform/seeded-random.js';
import { launchBrowser, logIn } from '../web/e2e/support/browser.js';
import { startTestServer } from '../web/e2e/support/server.js';

const POINTS = Number(process.env.BENCH_POINTS ?? 20_000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web/dist');
if (!existsSync(join(dist, 'index.html')))
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });

const browser = await launchBrowser();
try {
  // ── the first screen's JS: every script the operator's browser fetches, sign-in to workbench ──
  const server = await startTestServer();
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.add(path);
    });
    await logIn(page, 'operator');
    await page.waitForURL('**/cases/queues');
    await page.waitForSelector('[data-testid=workbench-map][data-case-points]');
    await page.waitForLoadState('networkidle');
    const gzipped = (path: string) => gzipSync(readFileSync(join(dist, path))).length;
    const total = [...scripts].reduce((sum, path) => sum + gzipped(path), 0);
    console.log(
      `desk first screen (login → operator workbench with its map), JS gzip: ${(total / 1024).toFixed(1)} KB   goal ≤ 600 KB`,
    );
    for (const path of [...scripts].sort((a, b) => gzipped(b) - gzipped(a))) {
      console.log(`  ${path}  ${(gzipped(path) / 1024).toFixed(1)} KB`);
    }
    await context.close();
  } finally {
    await server.close();
  }

  // ── the map: 1 558 base grids and 20 000 points, against an empty map ──
  const bundle = await build({
    entryPoints: [join(root, 'bench/support/ops-map-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    loader: { '.css': 'empty' },
  });
  const grids = {
    type: 'FeatureCollection' as const,
    features: demoGridMap()
      .grids.filter((g) => g.level === 3)
      .map((g) => ({ type: 'Feature', properties: { code: g.code }, geometry: g.geometry })),
  };
  const random = createSeededRandom(14);
  const states = ['normal', 'normal', 'normal', 'warning', 'overdue'] as const;
  const points = Array.from({ length: POINTS }, (_, i) => ({
    code: `YW20260101-${String(i).padStart(6, '0')}`,
    lon: 120.05 + random() * 0.5,
    lat: 31.7 + random() * 0.3,
    state: 'dispatched' as const,
    timeState: states[i % states.length] as (typeof states)[number],
  }));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
  const paint = (g: unknown, p: unknown, how: 'paintMap' | 'paintFeatureMap' = 'paintMap') =>
    page.evaluate(
      ([g2, p2, name]) =>
        (globalThis as unknown as Record<string, (a: unknown, b: unknown) => Promise<number>>)[name]?.(g2, p2) ??
        Promise.reject(new Error(`${name} is missing`)),
      [g, p, how] as const,
    );
  const empty = { type: 'FeatureCollection', features: [] };
  await paint(empty, []); // warm-up: the first map pays for compiling OpenLayers
  const baseline = await paint(empty, []);
  console.log(`map paint (rendercomplete), baseline empty map: ${baseline.toFixed(0)} ms`);
  console.log(`  ${grids.features.length} base grids only: ${(await paint(grids, [])).toFixed(0)} ms`);
  const runs = Array.from({ length: 3 }, () => 0);
  for (let i = 0; i < runs.length; i++) runs[i] = await paint(grids, points);
  console.log(
    `  ${grids.features.length} grids + ${POINTS} points (the desk's map, one canvas points layer; 1st run right after the empty map's warm-up, then 2 more): ${runs.map((r) => r.toFixed(0)).join(' / ')} ms   goal ≤ 1000 ms`,
  );
  console.log(
    `  ${grids.features.length} grids + ${POINTS} points as OpenLayers features (the earlier drawing), for comparison: ${(await paint(grids, points, 'paintFeatureMap')).toFixed(0)} ms`,
  );
  await context.close();
} finally {
  await browser.close();
}
