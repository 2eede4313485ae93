import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import regionTree from '../regions/data/jiangyin-regions.json' with { type: 'json' };
import { baseGridStandard, buildDemoGridMap, type DemoGrid, type DemoGridMap } from './demo-grid-map.js';
import { findCoverageFaults } from './geometry/coverage.js';
import { areaSquareMeters } from './geometry/measure.js';
import { validateGeometry } from './geometry/validate.js';

function hashOf(map: DemoGridMap): string {
  return createHash('sha256').update(JSON.stringify(map)).digest('hex');
}

function faultCount(parent: DemoGrid | DemoGridMap['countyGeometry'], children: DemoGrid[]): number {
  const geometry = 'geometry' in parent ? parent.geometry : parent;
  const { gaps, overlaps, outside } = findCoverageFaults(geometry, children);
  return gaps.length + overlaps.length + outside.length;
}

let map: DemoGridMap;
let level1: DemoGrid[];
let level2: DemoGrid[];
let level3: DemoGrid[];
const childrenOf = (code: string) => map.grids.filter((grid) => grid.parentCode === code);

beforeAll(() => {
  map = buildDemoGridMap();
  level1 = map.grids.filter((grid) => grid.level === 1);
  level2 = map.grids.filter((grid) => grid.level === 2);
  level3 = map.grids.filter((grid) => grid.level === 3);
});

describe('buildDemoGridMap', () => {
  it('is deterministic: the same seed gives the same map, another seed another map', () => {
    expect(hashOf(buildDemoGridMap())).toBe(hashOf(map));
    expect(hashOf(buildDemoGridMap({ seed: 7 }))).not.toBe(hashOf(map));
  });

  it('has one level-1 grid per town, one level-2 grid per community and about 1558 base grids', () => {
    expect(level1).toHaveLength(regionTree.towns.length);
    expect(level1).toHaveLength(21);
    expect(level2).toHaveLength(regionTree.communities.length);
    expect(level2).toHaveLength(282);
    expect(level3.length).toBeGreaterThanOrEqual(1558 * 0.98);
    expect(level3.length).toBeLessThanOrEqual(1558 * 1.02);
    expect(map.grids).toHaveLength(level1.length + level2.length + level3.length);
  });

  it('codes grids after CJ/T 349 and links each to its parent and region', () => {
    const codes = new Set(map.grids.map((grid) => grid.code));
    expect(codes.size).toBe(map.grids.length);
    const communityTown = new Map(regionTree.communities.map((c) => [c.code, c.townCode]));
    for (const grid of level1) {
      expect(grid.code).toBe(`${grid.regionCode}000`);
      expect(grid.parentCode).toBeNull();
    }
    for (const grid of level2) {
      expect(grid.code).toBe(`${grid.regionCode}00`);
      expect(grid.parentCode).toBe(`${communityTown.get(grid.regionCode)}000`);
    }
    for (const grid of level3) {
      expect(grid.code).toMatch(/^\d{12}(0[1-9]|[1-9]\d)$/);
      expect(grid.code.slice(0, 12)).toBe(grid.regionCode);
      expect(grid.parentCode).toBe(`${grid.regionCode}00`);
      const sequence = Number(grid.code.slice(12));
      expect(grid.name).toMatch(new RegExp(`第${sequence}网格$`));
      expect(grid.nameEn).toMatch(new RegExp(` Grid ${sequence}$`));
    }
    expect(map.grids.find((grid) => grid.code === '32028100100101')?.name).toBe('文定社区第1网格');
    // Grids are named after the place, not its committee (村委会 / 居委会).
    const nameOf = (code: string) => map.grids.find((grid) => grid.code === code)?.name;
    expect(nameOf('32028140620800')).toBe('黄桥村');
    expect(nameOf('32028110020600')).toBe('常泽桥村');
    for (const grid of [...level2, ...level3]) expect(grid.name).not.toMatch(/委员?会/);
    // Every community has base grids numbered 01..n without holes in the sequence.
    for (const community of level2) {
      const sequences = childrenOf(community.code).map((grid) => Number(grid.code.slice(12)));
      expect(sequences.length).toBeGreaterThanOrEqual(1);
      expect(sequences.length).toBeLessThanOrEqual(99);
      expect(sequences.sort((a, b) => a - b)).toEqual(sequences.map((_, i) => i + 1));
    }
  });

  it('gives every grid a valid, contiguous boundary', () => {
    for (const grid of map.grids) {
      expect(validateGeometry(grid.geometry).ok).toBe(true);
      expect(grid.geometry.type).toBe('Polygon');
    }
  });

  it('tiles the county with towns, every town with its communities, every community with its base grids', () => {
    expect(faultCount(map.countyGeometry, level1)).toBe(0);
    for (const town of level1) expect(faultCount(town, childrenOf(town.code))).toBe(0);
    for (const community of level2) expect(faultCount(community, childrenOf(community.code))).toBe(0);
  });

  it('would notice a base grid missing from its community', () => {
    const community = level2.find((grid) => childrenOf(grid.code).length > 3) as DemoGrid;
    const [missing, ...rest] = childrenOf(community.code);
    const { gaps } = findCoverageFaults(community.geometry, rest);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.areaSquareMeters).toBeCloseTo(areaSquareMeters((missing as DemoGrid).geometry), 0);
  });

  it('spreads base grids over communities roughly in proportion to area', () => {
    const density = level2.map((community) => childrenOf(community.code).length / areaSquareMeters(community.geometry));
    const sorted = [...density].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    // Apart from communities held at the minimum of one grid, densities stay near the median.
    const far = level2.filter((community, i) => {
      const d = density[i] as number;
      return childrenOf(community.code).length > 1 && (d < median / 2 || d > median * 2);
    });
    expect(far).toEqual([]);
  });

  it('sizes base grids mostly to the standard, with a few deliberately too large or too small', () => {
    const { households, people } = baseGridStandard;
    const within = level3.filter(
      (g) =>
        g.households >= households.min &&
        g.households <= households.max &&
        g.people >= people.min &&
        g.people <= people.max,
    );
    const tooLarge = level3.filter((g) => g.households > households.max);
    const tooSmall = level3.filter((g) => g.households < households.min);
    expect(within.length + tooLarge.length + tooSmall.length).toBe(level3.length);
    expect(within.length / level3.length).toBeGreaterThan(0.95);
    expect(tooLarge.length / level3.length).toBeGreaterThan(0.01);
    expect(tooSmall.length / level3.length).toBeGreaterThan(0.01);
    expect((tooLarge.length + tooSmall.length) / level3.length).toBeLessThan(0.05);
    for (const g of [...tooLarge, ...tooSmall]) expect(g.people).toBeGreaterThan(0);
  });

  it('sums households and people of levels 1 and 2 over their base grids', () => {
    for (const community of level2) {
      const kids = childrenOf(community.code);
      expect(community.households).toBe(kids.reduce((sum, g) => sum + g.households, 0));
      expect(community.people).toBe(kids.reduce((sum, g) => sum + g.people, 0));
    }
    for (const town of level1) {
      const kids = childrenOf(town.code);
      expect(town.households).toBe(kids.reduce((sum, g) => sum + g.households, 0));
      expect(town.people).toBe(kids.reduce((sum, g) => sum + g.people, 0));
    }
  });

  it('honours a different base-grid total', () => {
    const small = buildDemoGridMap({ baseGridCount: 400 });
    expect(small.grids.filter((grid) => grid.level === 3)).toHaveLength(400);
  });
});
