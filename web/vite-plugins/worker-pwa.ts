import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

interface WorkerPwaOptions {
  /** The HTML entry of the app, relative to the web root (m/index.html). */
  entryHtml: string;
  /** The service worker source (plain JS; PRECACHE and VERSION are prepended). */
  serviceWorker: string;
  /** Where the service worker is written in dist (m/sw.js): its folder is its widest scope. */
  serviceWorkerFileName: string;
  /** Folder under public/ whose files are precached too (manifest, icons). */
  publicDir: string;
  publicSubdir: string;
  /** Further public files to precache (the favicon). */
  extraPublicFiles: string[];
}

const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 16);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The chunks, styles and assets one HTML entry can ever load: its entry chunk and,
 * following static and dynamic imports, every lazy screen — so the app works offline
 * in full, not just its first screen. Other entries' code (the desk's) is left out.
 */
export function filesOfEntry(bundle: OutputBundle, entryHtmlPath: string): string[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry && c.facadeModuleId?.split(sep).join('/').endsWith(entryHtmlPath));
  if (!entry) throw new Error(`worker-pwa: no entry chunk for ${entryHtmlPath}`);
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    files.add(chunk.fileName);
    const meta = (chunk as OutputChunk & { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } })
      .viteMetadata;
    for (const css of meta?.importedCss ?? []) files.add(css);
    for (const asset of meta?.importedAssets ?? []) files.add(asset);
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) {
      const child = byName.get(next);
      if (child) visit(child);
    }
  };
  visit(entry);
  return [...files].sort();
}

/**
 * Writes the worker app's service worker with a precache list computed from the build
 * itself. Why not vite-plugin-pwa: it globs the whole dist, and this build holds three
 * apps (desk, worker, resident); keeping the desk's 2 MB out of the phone's cache would
 * need hand-kept globs of hashed names. Here the list follows the entry's import graph.
 */
export function workerPwa(options: WorkerPwaOptions): Plugin {
  return {
    name: 'yiwang-worker-pwa',
    apply: 'build',
    enforce: 'post',
    generateBundle(_output, bundle) {
      const html = bundle[options.entryHtml];
      if (html?.type !== 'asset') throw new Error(`worker-pwa: ${options.entryHtml} not in the bundle`);
      const entries: { url: string; revision: string | null }[] = [
        // The app shell: its content changes with every build of the app, so it carries a revision.
        { url: `/${options.entryHtml}`, revision: hash(html.source) },
        ...filesOfEntry(bundle, options.entryHtml).map((file) => ({ url: `/${file}`, revision: null })),
      ];
      const publicFiles = [
        ...filesUnder(join(options.publicDir, options.publicSubdir)),
        ...options.extraPublicFiles.map((f) => join(options.publicDir, f)),
      ];
      for (const file of publicFiles) {
        const url = `/${relative(options.publicDir, file).split(sep).join('/')}`;
        entries.push({ url, revision: hash(readFileSync(file)) });
      }
      const version = hash(JSON.stringify(entries));
      const source = [
        `// Generated at build time by vite-plugins/worker-pwa.ts. Precache version ${version}.`,
        `self.__PRECACHE__ = ${JSON.stringify(entries)};`,
        `self.__VERSION__ = ${JSON.stringify(version)};`,
        readFileSync(options.serviceWorker, 'utf8'),
      ].join('\n');
      this.emitFile({ type: 'asset', fileName: options.serviceWorkerFileName, source });
    },
  };
}
