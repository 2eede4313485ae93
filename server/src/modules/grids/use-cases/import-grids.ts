import type { ImportReport, Locale } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { type AreaGeometry, areaSquareMeters, bboxOf } from '../geometry/index.js';
import { gridPath } from '../grid-path.js';
import { describeCoverageFault, describeImportIssue } from '../grids.messages.js';
import { type GridRow, gridsRepository } from '../grids.repository.js';
import { mapVersions } from '../map-version.js';
import { parentTotalsAfterImport } from '../parent-totals.js';
import { type ExistingGrid, type ImportedGrid, validateGridImport } from '../validate-import.js';

export type ImportMode = 'strict' | 'valid-only' | 'validate';

const sameContent = (row: GridRow, g: ImportedGrid) =>
  row.name === g.name &&
  row.nameEn === g.nameEn &&
  row.parentCode === g.parentCode &&
  row.households === g.households &&
  row.people === g.people &&
  JSON.stringify(row.geometry) === JSON.stringify(g.geometry);

/**
 * Imports a GeoJSON FeatureCollection of grids. Every feature is checked first; in
 * strict mode (the default) a file with any error changes nothing, with `valid-only`
 * the valid features are taken, with `validate` nothing is written. A changed grid gets
 * a new version and its old one is closed (valid_to) — nothing is overwritten.
 */
export async function importGrids(
  db: Db,
  context: AuditContext,
  input: { collection: unknown; mode: ImportMode; locale: Locale; now?: Date },
): Promise<ImportReport> {
  const collection = input.collection as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new DomainError('invalid-geojson');
  }
  const features = collection.features as unknown[];
  const now = input.now ?? new Date();

  const codes = features
    .map((f) => (f as { properties?: { code?: unknown; parentCode?: unknown } } | null)?.properties)
    .flatMap((p) => [p?.code, p?.parentCode])
    .filter((c): c is string => typeof c === 'string');
  const currentRows = await loadAround(db, [...new Set(codes)]);
  const levels = features.map((f) => (f as { properties?: { level?: unknown } } | null)?.properties?.level);
  const countyCode = codes.find((c) => /^[0-9]{12,20}$/.test(c))?.slice(0, 6);
  const county = levels.includes(1) && countyCode ? await regionsLookups.findByCode(db, countyCode) : undefined;
  if (county?.geometry) currentRows.push(...(await gridsRepository.currentOfLevel(db, 1)));
  const current = new Map<string, ExistingGrid & { row: GridRow }>();
  for (const row of currentRows) {
    current.set(row.code, {
      code: row.code,
      level: row.level,
      parentCode: row.parentCode,
      geometry: row.geometry,
      row,
    });
  }
  const regionCodes = await regionsLookups.existingCodes(db, [
    ...new Set(codes.flatMap((c) => [c.slice(0, 9), c.slice(0, 12)])),
  ]);

  const validation = validateGridImport(
    features,
    current,
    regionCodes,
    county?.geometry ? { code: county.code, geometry: county.geometry as AreaGeometry } : undefined,
  );
  const parentTotals = parentTotalsAfterImport(
    new Map([...current].map(([code, g]) => [code, g.row])),
    validation.valid,
  );
  const validByIndex = new Map(validation.valid.map((g) => [g.index, g]));
  const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  const report: ImportReport['features'] = validation.features.map((f) => {
    const grid = validByIndex.get(f.index);
    let status: ImportReport['features'][number]['status'] = 'invalid';
    if (grid) {
      const existing = current.get(grid.code)?.row;
      status = !existing ? 'new' : sameContent(existing, grid) ? 'unchanged' : 'changed';
    }
    counts[status]++;
    return {
      index: f.index,
      code: f.code,
      status,
      reasons: f.issues.map((issue) => ({ code: issue.code, message: describeImportIssue(input.locale, issue) })),
    };
  });

  const coverage = validation.coverage.map((fault) => ({
    ...fault,
    message: describeCoverageFault(input.locale, fault),
  }));
  const answer = { mode: input.mode, counts, features: report, coverage, parentTotals };
  const write = input.mode === 'valid-only' || (input.mode === 'strict' && counts.invalid === 0);
  const toWrite = report.filter((f) => f.status === 'new' || f.status === 'changed');
  if (!write || toWrite.length === 0) return { ...answer, applied: false };
  const totalsOf = new Map(parentTotals.map((change) => [change.code, change]));

  await db.transaction(async (tx) => {
    const regionPaths = await gridsRepository.regionPaths(tx, [...new Set(validation.valid.map((g) => g.regionCode))]);
    const rows = [];
    for (const f of toWrite) {
      const g = validByIndex.get(f.index) as ImportedGrid;
      const existing = current.get(g.code)?.row;
      if (existing) await gridsRepository.closeCurrent(tx, g.code, now);
      const [minLon, minLat, maxLon, maxLat] = bboxOf(g.geometry);
      rows.push({
        code: g.code,
        name: g.name,
        nameEn: g.nameEn,
        level: g.level,
        parentCode: g.parentCode,
        regionCode: g.regionCode,
        path: gridPath(regionPaths.get(g.regionCode) ?? g.regionCode, g),
        geometry: g.geometry,
        minLon,
        minLat,
        maxLon,
        maxLat,
        areaSquareMeters: areaSquareMeters(g.geometry),
        households: totalsOf.get(g.code)?.households.to ?? g.households,
        people: totalsOf.get(g.code)?.people.to ?? g.people,
        version: (existing?.version ?? 0) + 1,
        validFrom: now,
      });
    }
    // Parents not in the file whose totals follow their children: a new version each.
    const written = new Set(rows.map((r) => r.code));
    for (const change of parentTotals) {
      const existing = current.get(change.code)?.row;
      if (written.has(change.code) || !existing) continue;
      await gridsRepository.closeCurrent(tx, change.code, now);
      const { id: _id, validTo: _validTo, ...kept } = existing;
      rows.push({
        ...kept,
        households: change.households.to,
        people: change.people.to,
        version: existing.version + 1,
        validFrom: now,
      });
    }
    await gridsRepository.insertMany(tx, rows);
    await gridsRepository.bumpMapVersion(tx, now);
    await recordAudit(tx, context, {
      action: 'grid.import',
      objectType: 'grid-map',
      details: {
        mode: input.mode,
        ...counts,
        codes: toWrite.map((f) => f.code),
        parentTotals: parentTotals.map((change) => change.code),
      },
    });
  });
  // The next gridAt in this process rebuilds its index (others hear the NOTIFY).
  mapVersions.clear(db);
  return { ...answer, applied: true };
}

/**
 * The current grids an import touches: those the file names, their ancestors (whose totals
 * and coverage follow), and every current child of all of these (siblings, for coverage and
 * sums).
 */
async function loadAround(db: Db, codes: string[]): Promise<GridRow[]> {
  const byCode = new Map<string, GridRow>();
  let next = codes;
  // Base grid → community grid → town grid: at most two steps up.
  for (let step = 0; step < 3 && next.length > 0; step++) {
    const rows = await gridsRepository.findCurrentByCodes(db, next);
    for (const row of rows) byCode.set(row.code, row);
    next = [...new Set(rows.map((r) => r.parentCode).filter((c): c is string => !!c && !byCode.has(c)))];
  }
  const parents = [...new Set([...codes, ...byCode.keys()])];
  for (const row of await gridsRepository.currentChildrenOfMany(db, parents)) byCode.set(row.code, row);
  return [...byCode.values()];
}
