// Renders the worker app's home-screen icons (web/public/m/icons/*.png) from worker-icons.svg.
// Run once after changing the SVG: node web/scripts/worker-icons.mjs (sharp comes with the server).
// The PNGs are committed, so a build needs neither sharp nor a CJK font.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'worker-icons.svg'));
const out = join(here, '../public/m/icons');
for (const size of [192, 512]) {
  await sharp(svg, { density: (72 * size) / 512 })
    .resize(size, size)
    .png({ compressionLevel: 9, palette: true })
    .toFile(join(out, `icon-${size}.png`));
}
console.log(`icons written to ${out}`);
