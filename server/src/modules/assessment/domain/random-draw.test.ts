import { describe, expect, it } from 'vitest';
import {
  type DrawInput,
  type DrawInspector,
  type DrawTarget,
  drawInspections,
  isRecused,
  snapshotHashOf,
  targetCountOf,
} from './random-draw.js';

/** A county of 3 towns × 4 communities × 5 grids, an inspector in each town and a county-wide one. */
const towns = ['c/t1', 'c/t2', 'c/t3'];
const grids: DrawTarget[] = towns.flatMap((town, t) =>
  [1, 2, 3, 4].flatMap((c) =>
    [1, 2, 3, 4, 5].map((g) => ({
      kind: 'grid' as const,
      code: `G${t + 1}${c}${g}`,
      path: `${town}/m${c}/G${t + 1}${c}${g}`,
      unitIds: [`ws-${t + 1}-${c}`],
    })),
  ),
);
const units: DrawTarget[] = [
  { kind: 'unit', code: 'dept-env', path: 'c', unitIds: ['dept-env'] },
  { kind: 'unit', code: 'ws-1-1', path: 'c/t1/m1', unitIds: ['ws-1-1'] },
  { kind: 'unit', code: 'ws-2-3', path: 'c/t2/m3', unitIds: ['ws-2-3'] },
];
const inspectors: DrawInspector[] = [
  { id: 'i-a', areaPath: 'c/t1', unitId: 'ws-1-2' },
  { id: 'i-b', areaPath: 'c/t1/m3', unitId: null },
  { id: 'i-c', areaPath: 'c/t2', unitId: 'dept-env' },
  { id: 'i-d', areaPath: 'c/t3', unitId: 'ws-3-1' },
  { id: 'i-e', areaPath: 'c/t3/m4', unitId: 'ws-3-4' },
  { id: 'i-county', areaPath: 'c', unitId: null },
];
const input = (seed: string, over: Partial<DrawInput> = {}): DrawInput => ({
  seed,
  inspectors,
  targets: [...grids, ...units],
  parameters: {
    shares: { grid: 0.25, unit: 1, case: 0 },
    flaggedGridCodes: [],
    flaggedWeight: 4,
    inspectorsPerTarget: 1,
  },
  previousPairs: [],
  ...over,
});
const seeds = Array.from({ length: 200 }, (_, i) => `seed-${i}`);

describe('drawInspections', () => {
  it('the same seed and registry give the same list, whatever order the registries were read in', () => {
    const first = drawInspections(input('2026-12-03 沪深300 收盘 3917.52'));
    const again = drawInspections(
      input('2026-12-03 沪深300 收盘 3917.52', {
        inspectors: [...inspectors].reverse(),
        targets: [...units, ...grids].reverse(),
      }),
    );
    expect(again).toEqual(first);
    expect(first.pairs.length).toBeGreaterThan(0);
  });

  it('a different seed gives a different list', () => {
    const lists = new Set(seeds.slice(0, 20).map((s) => JSON.stringify(drawInspections(input(s)).pairs)));
    expect(lists.size).toBe(20);
  });

  it('never draws an inspector for a target in their own area or of their own unit (200 seeds)', () => {
    const byId = new Map(inspectors.map((i) => [i.id, i]));
    const targets = new Map([...grids, ...units].map((t) => [`${t.kind}|${t.code}`, t]));
    for (const seed of seeds) {
      for (const pair of drawInspections(
        input(seed, { parameters: { ...input(seed).parameters, inspectorsPerTarget: 2 } }),
      ).pairs) {
        const inspector = byId.get(pair.inspectorId) as DrawInspector;
        const target = targets.get(`${pair.targetKind}|${pair.targetCode}`) as DrawTarget;
        expect(target.path.startsWith(`${inspector.areaPath}/`) || target.path === inspector.areaPath).toBe(false);
        if (target.path !== 'c') expect(inspector.areaPath.startsWith(`${target.path}/`)).toBe(false);
        expect(inspector.unitId !== null && target.unitIds.includes(inspector.unitId)).toBe(false);
      }
    }
  });

  it('recusal, by hand: own town, own community, own unit, and a unit above the inspector’s area', () => {
    const gridOfT1 = grids[0] as DrawTarget;
    expect(isRecused({ id: 'x', areaPath: 'c/t1', unitId: null }, gridOfT1)).toBe(true);
    expect(isRecused({ id: 'x', areaPath: 'c/t1/m1', unitId: null }, gridOfT1)).toBe(true);
    expect(isRecused({ id: 'x', areaPath: 'c/t2', unitId: 'ws-1-1' }, gridOfT1)).toBe(true);
    expect(isRecused({ id: 'x', areaPath: 'c/t2', unitId: 'ws-1-2' }, gridOfT1)).toBe(false);
    // 'c/t1' is no prefix of 'c/t10/…': paths compare by segment.
    expect(isRecused({ id: 'x', areaPath: 'c/t1', unitId: null }, { ...gridOfT1, path: 'c/t10/m1/G' })).toBe(false);
    // A town's unit has authority over its communities' inspectors; a county department has no area of its own.
    expect(isRecused({ id: 'x', areaPath: 'c/t1/m1', unitId: null }, units[1] as DrawTarget)).toBe(true);
    expect(
      isRecused({ id: 'x', areaPath: 'c/t1/m1', unitId: null }, { ...(units[1] as DrawTarget), path: 'c/t1' }),
    ).toBe(true);
    expect(isRecused({ id: 'x', areaPath: 'c/t1/m1', unitId: null }, units[0] as DrawTarget)).toBe(false);
    expect(isRecused({ id: 'x', areaPath: 'c/t1/m1', unitId: 'dept-env' }, units[0] as DrawTarget)).toBe(true);
  });

  it('a target every inspector must stand aside for is listed as unstaffed, not given to a recused one', () => {
    const result = drawInspections(input('s', { inspectors: [{ id: 'only', areaPath: 'c/t1', unitId: null }] }));
    const t1 = result.unstaffed.filter((u) => u.targetCode.startsWith('G1'));
    expect(result.pairs.some((p) => p.targetCode.startsWith('G1'))).toBe(false);
    expect(t1.length + result.pairs.filter((p) => p.targetKind === 'grid').length).toBe(15);
  });

  it('draws at least the configured share of grids, and every unit at share 1', () => {
    for (const share of [0.05, 0.1, 0.25, 0.5, 1]) {
      const result = drawInspections(
        input('share', { parameters: { ...input('').parameters, shares: { grid: share, unit: 1, case: 0 } } }),
      );
      const drawnGrids = new Set(
        [...result.pairs, ...result.unstaffed].filter((p) => p.targetKind === 'grid').map((p) => p.targetCode),
      );
      expect(drawnGrids.size).toBe(Math.ceil(share * grids.length));
      expect(drawnGrids.size / grids.length).toBeGreaterThanOrEqual(share);
    }
    expect(targetCountOf(0.01, 60)).toBe(1);
    expect(targetCountOf(0, 60)).toBe(0);
    expect(targetCountOf(0.3, 10)).toBe(3);
  });

  it('flagged grids are drawn more often than the others (200 seeds)', () => {
    const flaggedGridCodes = ['G111', 'G222', 'G333'];
    let flaggedDraws = 0;
    let otherDraws = 0;
    for (const seed of seeds) {
      const result = drawInspections(
        input(seed, {
          parameters: { ...input('').parameters, flaggedGridCodes, shares: { grid: 0.1, unit: 0, case: 0 } },
        }),
      );
      for (const p of [...result.pairs, ...result.unstaffed]) {
        if (flaggedGridCodes.includes(p.targetCode)) flaggedDraws++;
        else otherDraws++;
      }
    }
    const flaggedRate = flaggedDraws / (flaggedGridCodes.length * seeds.length);
    const otherRate = otherDraws / ((grids.length - flaggedGridCodes.length) * seeds.length);
    expect(flaggedRate).toBeGreaterThan(2 * otherRate);
  });

  it('grids the detector flagged weigh exactly like grids typed in, and together they add up', () => {
    const shares = { grid: 0.1, unit: 0, case: 0 };
    const detectorFlags = {
      window: { period: 'month' as const, firstDay: '2026-11-01' },
      grids: [
        { gridCode: 'G111', kinds: ['hidden-hard' as const] },
        { gridCode: 'G222', kinds: ['padding-burst' as const, 'low-share' as const] },
      ],
    };
    let differsFromUnflagged = 0;
    for (const seed of seeds.slice(0, 50)) {
      const typed = drawInspections(
        input(seed, { parameters: { ...input('').parameters, shares, flaggedGridCodes: ['G111', 'G222', 'G333'] } }),
      );
      const detected = drawInspections(
        input(seed, {
          parameters: { ...input('').parameters, shares, flaggedGridCodes: ['G333'] },
          detectorFlags,
        }),
      );
      expect(detected).toEqual(typed);
      const unflagged = drawInspections(input(seed, { parameters: { ...input('').parameters, shares } }));
      if (JSON.stringify(unflagged.pairs) !== JSON.stringify(detected.pairs)) differsFromUnflagged++;
    }
    expect(differsFromUnflagged).toBeGreaterThan(0);
  });

  it('rotation: a pair of the previous draw is not repeated while another eligible inspector is free', () => {
    const first = drawInspections(input('rotation'));
    const second = drawInspections(input('rotation', { previousPairs: first.pairs }));
    const before = new Set(first.pairs.map((p) => `${p.inspectorId}|${p.targetCode}`));
    // Same seed and targets: without rotation the list would repeat; with it no pair does.
    expect(second.pairs.some((p) => before.has(`${p.inspectorId}|${p.targetCode}`))).toBe(false);
  });

  it('spreads the work: no inspector gets two more targets than another eligible one', () => {
    const result = drawInspections(
      input('load', { parameters: { ...input('').parameters, shares: { grid: 1, unit: 0, case: 0 } } }),
    );
    const load = new Map<string, number>();
    for (const p of result.pairs) load.set(p.inspectorId, (load.get(p.inspectorId) ?? 0) + 1);
    const counts = [...load.values()];
    // The county-wide inspector is recused everywhere; the five others share 60 grids.
    expect(load.has('i-county')).toBe(false);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(6);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
  });
});

describe('snapshotHashOf', () => {
  it('ignores read order and the seed, and changes when the registry does', () => {
    const { seed: _a, ...one } = input('a');
    const { seed: _b, ...two } = input('b', { inspectors: [...inspectors].reverse() });
    expect(snapshotHashOf(one)).toBe(snapshotHashOf(two));
    expect(snapshotHashOf({ ...one, inspectors: inspectors.slice(1) })).not.toBe(snapshotHashOf(one));
  });

  it('covers the detector’s flagged grids when a draw has them, in any order, and not otherwise', () => {
    const { seed: _a, ...plain } = input('a');
    const window = { period: 'month' as const, firstDay: '2026-11-01' };
    const flags = {
      window,
      grids: [
        { gridCode: 'G111', kinds: ['hidden-hard' as const, 'padding-burst' as const] },
        { gridCode: 'G222', kinds: ['low-share' as const] },
      ],
    };
    const reordered = {
      window,
      grids: [
        { gridCode: 'G222', kinds: ['low-share' as const] },
        { gridCode: 'G111', kinds: ['padding-burst' as const, 'hidden-hard' as const] },
      ],
    };
    // A draw made before the detector fed draws has no such field: its hash is unchanged.
    expect(snapshotHashOf({ ...plain, detectorFlags: undefined })).toBe(snapshotHashOf(plain));
    expect(snapshotHashOf({ ...plain, detectorFlags: flags })).not.toBe(snapshotHashOf(plain));
    expect(snapshotHashOf({ ...plain, detectorFlags: reordered })).toBe(
      snapshotHashOf({ ...plain, detectorFlags: flags }),
    );
    const otherSignal = {
      window,
      grids: [
        { gridCode: 'G111', kinds: ['hidden-hard' as const] },
        { gridCode: 'G222', kinds: ['low-share' as const] },
      ],
    };
    expect(snapshotHashOf({ ...plain, detectorFlags: otherSignal })).not.toBe(
      snapshotHashOf({ ...plain, detectorFlags: flags }),
    );
    const otherWindow = { ...flags, window: { period: 'month' as const, firstDay: '2026-10-01' } };
    expect(snapshotHashOf({ ...plain, detectorFlags: otherWindow })).not.toBe(
      snapshotHashOf({ ...plain, detectorFlags: flags }),
    );
  });
});
