import {
  type AreaGeometry,
  type CoverageFaults,
  coverageFaultsCreated,
  findCoverageFaults,
  type GeometryIssue,
  validateFeature,
} from './geometry/index.js';

/** Why a feature of an import cannot be taken, with what a person needs to fix it. */
export type ImportIssue =
  | { code: 'geometry'; issue: GeometryIssue }
  | { code: 'invalid-code'; value: unknown }
  | { code: 'invalid-level'; value: unknown }
  | { code: 'missing-name' }
  | { code: 'missing-parent' }
  | { code: 'duplicate-code'; firstIndex: number }
  | { code: 'unknown-region'; regionCode: string }
  | { code: 'unknown-parent'; parentCode: string }
  | { code: 'wrong-parent-level'; parentCode: string; parentLevel: number }
  | { code: 'outside-parent'; parentCode: string; areaSquareMeters: number }
  | { code: 'overlaps-sibling'; siblingCode: string; areaSquareMeters: number }
  | { code: 'opens-gap'; parentCode: string; areaSquareMeters: number }
  | { code: 'child-outside'; childCode: string; areaSquareMeters: number };

/** A coverage fault an import would create under one parent (a grid, or the county for level-1 grids). */
export interface CreatedCoverageFault {
  parentCode: string;
  kind: 'gap' | 'overlap' | 'outside';
  /** The grids involved: the two of an overlap, the one outside; for a gap, the changed grids that opened it. */
  codes: string[];
  geometry: AreaGeometry;
  areaSquareMeters: number;
}

export interface ImportedGrid {
  index: number;
  code: string;
  name: string;
  nameEn: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  regionCode: string;
  households: number;
  people: number;
  geometry: AreaGeometry;
}

export interface ExistingGrid {
  code: string;
  level: number;
  parentCode: string | null;
  geometry: AreaGeometry;
}

/** The outline level-1 grids must tile. */
export interface CountyOutline {
  code: string;
  geometry: AreaGeometry;
}

export interface ImportValidation {
  /** One entry per feature, in file order; empty issues = valid. */
  features: { index: number; code: string | null; issues: ImportIssue[] }[];
  valid: ImportedGrid[];
  /** The coverage faults the file would create; each also stands as an issue of a changed feature. */
  coverage: CreatedCoverageFault[];
}

const CODE = /^[0-9]{12,20}$/;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

/**
 * The region a grid belongs to, from its code (CJ/T 349: region codes first): a
 * level-1 grid to its town (9 digits), levels 2 and 3 to their village or community
 * (12 digits).
 */
export const regionCodeOfGrid = (code: string, level: number) => code.slice(0, level === 1 ? 9 : 12);

/**
 * Validates a GeoJSON FeatureCollection of grids against itself and the current map:
 * geometry (rings closed, no self-intersection), properties, duplicate codes, unknown
 * regions or parents, and — with polygon-clipping via the coverage check — parts outside
 * the parent, overlaps with siblings and gaps in the parent's coverage that the file would
 * create (see coverageCreated). Pure: the caller supplies the current map — every grid the
 * file names, their parents, and all current children of those (and the county outline
 * with every level-1 grid when the file holds one).
 */
export function validateGridImport(
  features: readonly unknown[],
  current: ReadonlyMap<string, ExistingGrid>,
  regionCodes: ReadonlySet<string>,
  county?: CountyOutline,
): ImportValidation {
  const reports: ImportValidation['features'] = [];
  const parsed: ImportedGrid[] = [];
  const firstIndexOfCode = new Map<string, number>();

  features.forEach((feature, index) => {
    const issues: ImportIssue[] = [];
    const properties = (feature as { properties?: Record<string, unknown> } | null)?.properties ?? {};
    const code = str(properties.code);
    const geometry = validateFeature(feature);
    if (!geometry.ok) for (const issue of geometry.issues) issues.push({ code: 'geometry', issue });
    if (!CODE.test(code)) issues.push({ code: 'invalid-code', value: properties.code ?? null });
    const level = properties.level;
    if (level !== 1 && level !== 2 && level !== 3) issues.push({ code: 'invalid-level', value: level ?? null });
    const name = str(properties.name);
    if (!name) issues.push({ code: 'missing-name' });
    const parentCode = str(properties.parentCode) || null;
    if ((level === 2 || level === 3) && !parentCode) issues.push({ code: 'missing-parent' });
    if (CODE.test(code)) {
      const first = firstIndexOfCode.get(code);
      if (first !== undefined) issues.push({ code: 'duplicate-code', firstIndex: first });
      else firstIndexOfCode.set(code, index);
      if ((level === 1 || level === 2 || level === 3) && !regionCodes.has(regionCodeOfGrid(code, level))) {
        issues.push({ code: 'unknown-region', regionCode: regionCodeOfGrid(code, level) });
      }
    }
    reports.push({ index, code: code || null, issues });
    if (issues.length === 0 && geometry.ok && (level === 1 || level === 2 || level === 3)) {
      parsed.push({
        index,
        code,
        name,
        nameEn: str(properties.nameEn) || name,
        level,
        parentCode: level === 1 ? null : parentCode,
        regionCode: regionCodeOfGrid(code, level),
        households: count(properties.households),
        people: count(properties.people),
        geometry: geometry.geometry,
      });
    }
  });

  // Parents: in the file (valid) or on the current map, one level up.
  const fileByCode = new Map(parsed.map((g) => [g.code, g]));
  const reportOf = (index: number) => reports[index] as ImportValidation['features'][number];
  const withParent = parsed.filter((g) => {
    if (!g.parentCode) return true;
    const parent = fileByCode.get(g.parentCode) ?? current.get(g.parentCode);
    if (!parent) {
      reportOf(g.index).issues.push({ code: 'unknown-parent', parentCode: g.parentCode });
      return false;
    }
    if (parent.level !== g.level - 1) {
      reportOf(g.index).issues.push({
        code: 'wrong-parent-level',
        parentCode: g.parentCode,
        parentLevel: parent.level,
      });
      return false;
    }
    return true;
  });

  // Coverage, one parent at a time: what the map would be after the file, against what it
  // is, so that only faults the file creates count (not a neighbour's old mistake).
  const coverage = coverageCreated(withParent, current, county);
  for (const fault of coverage.faults) {
    const blame = (code: string, issue: ImportIssue) => {
      const grid = fileByCode.get(code);
      if (grid && coverage.changed.has(code)) reportOf(grid.index).issues.push(issue);
    };
    const area = fault.areaSquareMeters;
    if (fault.kind === 'gap') {
      for (const code of fault.codes)
        blame(code, { code: 'opens-gap', parentCode: fault.parentCode, areaSquareMeters: area });
    } else if (fault.kind === 'overlap') {
      const [a, b] = fault.codes as [string, string];
      blame(a, { code: 'overlaps-sibling', siblingCode: b, areaSquareMeters: area });
      blame(b, { code: 'overlaps-sibling', siblingCode: a, areaSquareMeters: area });
    } else {
      const [child] = fault.codes as [string];
      if (coverage.changed.has(child)) {
        blame(child, { code: 'outside-parent', parentCode: fault.parentCode, areaSquareMeters: area });
      } else {
        blame(fault.parentCode, { code: 'child-outside', childCode: child, areaSquareMeters: area });
      }
    }
  }

  const valid = parsed.filter((g) => reportOf(g.index).issues.length === 0);
  return { features: reports, valid, coverage: coverage.faults };
}

const sameGeometry = (a: AreaGeometry, b: AreaGeometry) => JSON.stringify(a) === JSON.stringify(b);

/**
 * For every parent a changed grid leaves, enters or is: the coverage faults of its children
 * after the file, less those before it. A grid counts as changed when it is new or its shape
 * or parent differ; only changed grids are blamed, and a gap is blamed on the changed grids
 * around it (the parent and its children before and after).
 */
function coverageCreated(
  imported: readonly ImportedGrid[],
  current: ReadonlyMap<string, ExistingGrid>,
  county: CountyOutline | undefined,
): { faults: CreatedCoverageFault[]; changed: Set<string> } {
  const changed = new Set(
    imported
      .filter((g) => {
        const old = current.get(g.code);
        return !old || old.parentCode !== g.parentCode || !sameGeometry(old.geometry, g.geometry);
      })
      .map((g) => g.code),
  );
  if (changed.size === 0) return { faults: [], changed };
  const after = new Map<string, ExistingGrid>(current);
  for (const g of imported) after.set(g.code, g);
  // Level-1 grids tile the county: their parent is its outline.
  const parentKey = (g: ExistingGrid) => (g.level === 1 ? (county?.code ?? null) : g.parentCode);
  const parents = new Set<string>();
  for (const code of changed) {
    const now = after.get(code) as ExistingGrid;
    const old = current.get(code);
    for (const p of [parentKey(now), old ? parentKey(old) : null, code]) if (p) parents.add(p);
  }
  const outlineOf = (map: ReadonlyMap<string, ExistingGrid>, code: string) =>
    county && code === county.code ? county.geometry : map.get(code)?.geometry;
  const childrenOf = (map: ReadonlyMap<string, ExistingGrid>, code: string) =>
    [...map.values()].filter((g) => parentKey(g) === code).sort((a, b) => a.code.localeCompare(b.code));

  const faults: CreatedCoverageFault[] = [];
  for (const parentCode of [...parents].sort()) {
    const outlineAfter = outlineOf(after, parentCode);
    const childrenAfter = childrenOf(after, parentCode);
    if (!outlineAfter) continue;
    const outlineBefore = outlineOf(current, parentCode);
    const childrenBefore = childrenOf(current, parentCode);
    if (childrenAfter.length === 0 && childrenBefore.length === 0) continue;
    const before: CoverageFaults | null =
      outlineBefore && childrenBefore.length > 0 ? findCoverageFaults(outlineBefore, childrenBefore) : null;
    const created = coverageFaultsCreated(before, findCoverageFaults(outlineAfter, childrenAfter));
    const around = [parentCode, ...childrenBefore.map((g) => g.code), ...childrenAfter.map((g) => g.code)];
    const gapCodes = [...new Set(around.filter((code) => changed.has(code)))];
    for (const gap of created.gaps) faults.push({ parentCode, kind: 'gap', codes: gapCodes, ...gap });
    for (const overlap of created.overlaps) {
      const { codes, ...piece } = overlap;
      faults.push({ parentCode, kind: 'overlap', codes: [...codes], ...piece });
    }
    for (const part of created.outside) {
      const { code, ...piece } = part;
      faults.push({ parentCode, kind: 'outside', codes: [code], ...piece });
    }
  }
  return { faults, changed };
}
