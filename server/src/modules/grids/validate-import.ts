import { type AreaGeometry, findCoverageFaults, type GeometryIssue, validateFeature } from './geometry/index.js';

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
  | { code: 'overlaps-sibling'; siblingCode: string; areaSquareMeters: number };

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

export interface ImportValidation {
  /** One entry per feature, in file order; empty issues = valid. */
  features: { index: number; code: string | null; issues: ImportIssue[] }[];
  valid: ImportedGrid[];
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
 * the parent and overlaps with siblings (current ones not replaced by the file, and the
 * file's own). Pure: the caller supplies the current map.
 */
export function validateGridImport(
  features: readonly unknown[],
  current: ReadonlyMap<string, ExistingGrid>,
  regionCodes: ReadonlySet<string>,
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

  // Outside the parent and overlapping siblings, one parent at a time.
  const groups = new Map<string, ImportedGrid[]>();
  for (const g of withParent) if (g.parentCode) groups.set(g.parentCode, [...(groups.get(g.parentCode) ?? []), g]);
  for (const [parentCode, members] of groups) {
    const parent = fileByCode.get(parentCode) ?? current.get(parentCode);
    if (!parent) continue;
    const replaced = new Set(members.map((m) => m.code));
    const unchangedSiblings = [...current.values()].filter(
      (c) => c.parentCode === parentCode && !replaced.has(c.code) && !fileByCode.has(c.code),
    );
    const faults = findCoverageFaults(parent.geometry, [...members, ...unchangedSiblings]);
    const memberByCode = new Map(members.map((m) => [m.code, m]));
    for (const piece of faults.outside) {
      const member = memberByCode.get(piece.code);
      if (member)
        reportOf(member.index).issues.push({
          code: 'outside-parent',
          parentCode,
          areaSquareMeters: piece.areaSquareMeters,
        });
    }
    for (const overlap of faults.overlaps) {
      const [a, b] = overlap.codes;
      for (const [self, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const member = memberByCode.get(self);
        if (member)
          reportOf(member.index).issues.push({
            code: 'overlaps-sibling',
            siblingCode: other,
            areaSquareMeters: overlap.areaSquareMeters,
          });
      }
    }
  }

  const valid = parsed.filter((g) => reportOf(g.index).issues.length === 0);
  return { features: reports, valid };
}
