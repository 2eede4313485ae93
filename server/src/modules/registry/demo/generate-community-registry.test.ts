import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../grids/index.js';
import regionTree from '../../regions/data/jiangyin-regions.json' with { type: 'json' };
import { type CommunityInput, generateCommunityRegistry } from './generate-community-registry.js';

// A square base grid near Jiangyin: the generator only needs somewhere to put points.
const square: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [120.28, 31.91],
      [120.29, 31.91],
      [120.29, 31.92],
      [120.28, 31.92],
      [120.28, 31.91],
    ],
  ],
};

const townName = new Map(regionTree.towns.map((t) => [t.code, t.name]));
const inputOf = (c: (typeof regionTree.communities)[number]): CommunityInput => ({
  code: c.code,
  name: c.name,
  townName: townName.get(c.townCode) ?? '',
  path: `320281.${c.townCode}.${c.code}`,
  grids: [{ code: `${c.code}01`, path: `320281.${c.townCode}.${c.code}.${c.code}01`, geometry: square, people: 70 }],
});

/** Every community of the county generated as `npm run registry:generate` does: one shared set of ID numbers and aliases. */
function generateCounty() {
  const takenIdNumbers = new Set<string>();
  const takenAliases = new Set<string>();
  return regionTree.communities.map((c) => ({
    community: c,
    registry: generateCommunityRegistry(inputOf(c), {
      seed: Number(c.code.slice(-6)),
      buildings: 1,
      groupRentals: 0,
      today: '2026-01-01',
      takenIdNumbers,
      takenAliases,
    }),
  }));
}

describe('generateCommunityRegistry: address aliases', () => {
  it('gives the two villages named 街西村 different aliases (the county run stopped on the second)', () => {
    const villages = regionTree.communities.filter((c) => c.name.startsWith('街西村'));
    expect(villages.map((c) => c.townCode)).toHaveLength(2);
    const county = generateCounty();
    const aliasesOf = (code: string) => county.find((g) => g.community.code === code)?.registry.aliases ?? [];
    const [first, second] = villages.map((v) => aliasesOf(v.code).map((a) => a.alias));
    expect(first).toEqual(['街西村文定路10号1号楼']);
    expect(second).toEqual([`${townName.get(villages[1]?.townCode ?? '')}街西村文定路10号1号楼`]);
  });

  it('never gives one alias twice in the whole county', () => {
    const aliases = generateCounty().flatMap((g) => g.registry.aliases.map((a) => a.alias));
    expect(aliases).toHaveLength(regionTree.communities.length);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('keeps a community alone (the demo) on the plain alias, as before', () => {
    const wending = regionTree.communities.find((c) => c.code === '320281001001');
    if (!wending) throw new Error('no 文定社区');
    const registry = generateCommunityRegistry(inputOf(wending), {
      seed: 1,
      buildings: 2,
      groupRentals: 0,
      today: '2026-01-01',
    });
    expect(registry.aliases.map((a) => a.alias)).toEqual(['文定社区文定路10号1号楼']);
  });
});
