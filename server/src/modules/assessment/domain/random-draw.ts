import { createHash } from 'node:crypto';
import { DRAW_TARGET_KINDS, type DrawTargetKind, type FlagKind, type PeriodKind } from '@yiwang/contracts';
import { isCountyWide, isPathWithin } from '../../../platform/scope.js';
import { createSeededRandom } from '../../../platform/seeded-random.js';

/**
 * 双随机 random inspections (issue 12 item 5): random inspectors × random targets, drawn so
 * that anyone holding the published seed and the stored registry snapshot can re-run the
 * draw and get the same list. Everything here is pure: the same input gives the same output,
 * whatever order the registries were read in (they are sorted first).
 */

/** An enrolled inspector: a staff account, its home area (scope path) and unit. */
export interface DrawInspector {
  readonly id: string;
  readonly areaPath: string;
  readonly unitId: string | null;
}

/**
 * Something that can be inspected: a grid, a unit (department or workstation) or a case.
 * `path` is where it lies in the region tree; `unitIds` are the units answerable for it (a
 * grid's community workstation, a unit itself, a case's handling unit), for recusal.
 */
export interface DrawTarget {
  readonly kind: DrawTargetKind;
  readonly code: string;
  readonly path: string;
  readonly unitIds: readonly string[];
}

export interface DrawParameters {
  /** The share of each kind's targets drawn (0–1, at least one target when > 0). */
  readonly shares: Readonly<Record<DrawTargetKind, number>>;
  /** Grids flagged by hand, besides the detector's (DrawInput.detectorFlags): drawn with `flaggedWeight` instead of 1. */
  readonly flaggedGridCodes: readonly string[];
  readonly flaggedWeight: number;
  readonly inspectorsPerTarget: number;
}

export interface DrawInput {
  readonly seed: string;
  readonly inspectors: readonly DrawInspector[];
  readonly targets: readonly DrawTarget[];
  readonly parameters: DrawParameters;
  /** The pairs of the previous draw, avoided when another eligible inspector is free (rotation). */
  readonly previousPairs: readonly { inspectorId: string; targetKind: DrawTargetKind; targetCode: string }[];
  /**
   * The grids the detector flagged when the draw was made, frozen like the registries: a re-run
   * weighs the same grids even after the flags change. Absent in draws made before the detector
   * fed draws (their hash and list stay as they were).
   */
  readonly detectorFlags?: DetectorFlags | undefined;
}

/** The detector's flagged grids for one period, each with the kinds of flag that named it. */
export interface DetectorFlags {
  readonly window: { readonly period: PeriodKind; readonly firstDay: string };
  readonly grids: readonly { readonly gridCode: string; readonly kinds: readonly FlagKind[] }[];
}

export interface DrawnPair {
  readonly position: number;
  readonly targetKind: DrawTargetKind;
  readonly targetCode: string;
  readonly inspectorId: string;
}

export interface DrawResult {
  readonly pairs: DrawnPair[];
  /** Drawn targets no enrolled inspector may inspect (all recused): shown, never silently dropped. */
  readonly unstaffed: { targetKind: DrawTargetKind; targetCode: string }[];
}

/**
 * Whether an inspector must stand aside for a target: the target lies in the inspector's home
 * area; the inspector's area lies inside the target below the county (a town's unit has
 * authority over its communities' inspectors; every inspector lies inside the county, so a
 * county department is not recused by area); or the inspector belongs to a unit answerable
 * for the target.
 */
export function isRecused(inspector: DrawInspector, target: DrawTarget): boolean {
  if (isPathWithin(target.path, inspector.areaPath)) return true;
  if (!isCountyWide(target.path) && isPathWithin(inspector.areaPath, target.path)) return true;
  return inspector.unitId !== null && target.unitIds.includes(inspector.unitId);
}

/**
 * Draws targets and assigns inspectors. Targets: per kind, `ceil(share × count)` of them by
 * weighted sampling without replacement (Efraimidis–Spirakis keys u^(1/w); flagged grids weigh
 * more). Inspectors: for each drawn target in draw order, among those not recused, prefer ones
 * not paired with it in the previous draw, then the least loaded so far, then chance.
 */
export function drawInspections(input: DrawInput): DrawResult {
  const random = createSeededRandom(seedNumberOf(input.seed));
  const { parameters } = input;
  const flagged = flaggedGridCodesOf(input);
  const targets = [...input.targets].sort(byKindThenCode);
  const inspectors = [...input.inspectors].sort((a, b) => compare(a.id, b.id));
  const previous = new Set(input.previousPairs.map((p) => pairKey(p.inspectorId, p.targetKind, p.targetCode)));

  const drawn: DrawTarget[] = [];
  for (const kind of DRAW_TARGET_KINDS) {
    const ofKind = targets.filter((t) => t.kind === kind);
    const count = targetCountOf(parameters.shares[kind], ofKind.length);
    const keyed = ofKind.map((target) => {
      const weight = kind === 'grid' && flagged.has(target.code) ? parameters.flaggedWeight : 1;
      return { target, key: random() ** (1 / weight) };
    });
    keyed.sort((a, b) => b.key - a.key || byKindThenCode(a.target, b.target));
    drawn.push(...keyed.slice(0, count).map((k) => k.target));
  }

  const load = new Map<string, number>(inspectors.map((i) => [i.id, 0]));
  const pairs: DrawnPair[] = [];
  const unstaffed: DrawResult['unstaffed'] = [];
  for (const target of drawn) {
    const eligible = inspectors.filter((i) => !isRecused(i, target));
    if (eligible.length === 0) {
      unstaffed.push({ targetKind: target.kind, targetCode: target.code });
      continue;
    }
    const ranked = eligible
      .map((inspector) => ({
        inspector,
        repeat: previous.has(pairKey(inspector.id, target.kind, target.code)) ? 1 : 0,
        load: load.get(inspector.id) ?? 0,
        chance: random(),
      }))
      .sort((a, b) => a.repeat - b.repeat || a.load - b.load || a.chance - b.chance);
    for (const { inspector } of ranked.slice(0, Math.max(1, parameters.inspectorsPerTarget))) {
      load.set(inspector.id, (load.get(inspector.id) ?? 0) + 1);
      pairs.push({
        position: pairs.length + 1,
        targetKind: target.kind,
        targetCode: target.code,
        inspectorId: inspector.id,
      });
    }
  }
  return { pairs, unstaffed };
}

/** The grids weighted up in a draw: those typed in and those the detector flagged. */
const flaggedGridCodesOf = (input: Pick<DrawInput, 'parameters' | 'detectorFlags'>): Set<string> =>
  new Set([...input.parameters.flaggedGridCodes, ...(input.detectorFlags?.grids.map((g) => g.gridCode) ?? [])]);

/** How many of `total` targets a share draws: none for 0, else at least one. */
export function targetCountOf(share: number, total: number): number {
  if (share <= 0 || total === 0) return 0;
  return Math.min(total, Math.max(1, Math.ceil(share * total - 1e-9)));
}

/**
 * The fingerprint of a draw's input (seed aside): SHA-256 of its canonical JSON, registries
 * sorted, so a re-run can prove it used the same snapshot.
 */
export function snapshotHashOf(input: Omit<DrawInput, 'seed'>): string {
  const canonical = {
    inspectors: [...input.inspectors]
      .sort((a, b) => compare(a.id, b.id))
      .map((i) => ({ id: i.id, areaPath: i.areaPath, unitId: i.unitId })),
    targets: [...input.targets]
      .sort(byKindThenCode)
      .map((t) => ({ kind: t.kind, code: t.code, path: t.path, unitIds: [...t.unitIds].sort(compare) })),
    parameters: {
      shares: DRAW_TARGET_KINDS.map((k) => input.parameters.shares[k]),
      flaggedGridCodes: [...input.parameters.flaggedGridCodes].sort(compare),
      flaggedWeight: input.parameters.flaggedWeight,
      inspectorsPerTarget: input.parameters.inspectorsPerTarget,
    },
    previousPairs: input.previousPairs.map((p) => pairKey(p.inspectorId, p.targetKind, p.targetCode)).sort(compare),
    // Only when present, so the draws made before the detector fed draws keep their hash.
    ...(input.detectorFlags
      ? {
          detectorFlags: {
            window: { period: input.detectorFlags.window.period, firstDay: input.detectorFlags.window.firstDay },
            grids: [...input.detectorFlags.grids]
              .sort((a, b) => compare(a.gridCode, b.gridCode))
              .map((g) => ({ gridCode: g.gridCode, kinds: [...g.kinds].sort(compare) })),
          },
        }
      : {}),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The PRNG's 32-bit seed: the first four bytes of SHA-256 of the published seed text. */
export function seedNumberOf(seed: string): number {
  return createHash('sha256').update(seed, 'utf8').digest().readUInt32BE(0);
}

/** Whether two lists of pairs are the same list (a re-run's check). */
export const samePairs = (a: readonly DrawnPair[], b: readonly DrawnPair[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i];
    return (
      q !== undefined &&
      p.position === q.position &&
      p.targetKind === q.targetKind &&
      p.targetCode === q.targetCode &&
      p.inspectorId === q.inspectorId
    );
  });

const pairKey = (inspectorId: string, kind: DrawTargetKind, code: string) => `${inspectorId}|${kind}|${code}`;
// Code-point order, not localeCompare: the order must not depend on the machine's locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKindThenCode = (a: DrawTarget, b: DrawTarget) =>
  DRAW_TARGET_KINDS.indexOf(a.kind) - DRAW_TARGET_KINDS.indexOf(b.kind) || compare(a.code, b.code);
