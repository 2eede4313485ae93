// Bundles the server's own code (and contracts/) into dist/main.js and dist/cli/*.js.
// npm packages stay external: they are installed, and some (PGlite's WASM, argon2's
// native binding) must load from their own folders.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@yiwang/'));

/**
 * JSON data imported from a package (chinese-days' schedule) is bundled, not left external:
 * esbuild drops the `with { type: 'json' }` attribute from an external import, and Node
 * refuses a JSON import without it.
 */
const bundlePackageJson = {
  name: 'bundle-package-json',
  setup(b) {
    b.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({
      path: createRequire(args.importer).resolve(args.path),
    }));
  },
};

await build({
  entryPoints: { main: 'src/main.ts', 'cli/audit-verify': 'src/cli/audit-verify.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  plugins: [bundlePackageJson],
  logLevel: 'warning',
});
console.log('server built to server/dist');
