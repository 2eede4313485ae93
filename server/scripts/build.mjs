// Bundles the server's own code (and contracts/) into dist/main.js and dist/cli/*.js.
// npm packages stay external: they are installed, and some (PGlite's WASM, argon2's
// native binding) must load from their own folders.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@yiwang/'));

await build({
  entryPoints: { main: 'src/main.ts', 'cli/audit-verify': 'src/cli/audit-verify.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  logLevel: 'warning',
});
console.log('server built to server/dist');
