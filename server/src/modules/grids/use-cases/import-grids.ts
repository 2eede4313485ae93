import type { ImportReport, Locale } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { areaSquareMeters, bboxOf } from '../geometry/index.js';
import { gridPath } from '../grid-path.js';
import { describeImportIssue } from '../grids.messages.js';
import { type GridRow, gridsRepository } from '../grids.repository.js';
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
  const currentRows = await gridsRepository.findCurrentByCodes(db, [...new Set(codes)]);
  // Siblings of any parent named in the file, for the overlap check.
  const parentCodes = [
    ...new Set(
      currentRows
        .map((r) => r.parentCode)
        .concat(codes)
        .filter((c): c is string => !!c),
    ),
  ];
  const siblingRows = (await Promise.all(parentCodes.map((p) => gridsRepository.currentChildren(db, p)))).flat();
  const current = new Map<string, ExistingGrid & { row: GridRow }>();
  for (const row of [...currentRows, ...siblingRows]) {
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

  const validation = validateGridImport(features, current, regionCodes);
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

  const write = input.mode === 'valid-only' || (input.mode === 'strict' && counts.invalid === 0);
  const toWrite = report.filter((f) => f.status === 'new' || f.status === 'changed');
  if (!write || toWrite.length === 0) {
    return { mode: input.mode, applied: false, counts, features: report };
  }

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
        households: g.households,
        people: g.people,
        version: (existing?.version ?? 0) + 1,
        validFrom: now,
      });
    }
    await gridsRepository.insertMany(tx, rows);
    await gridsRepository.bumpMapVersion(tx, now);
    await recordAudit(tx, context, {
      action: 'grid.import',
      objectType: 'grid-map',
      details: { mode: input.mode, ...counts, codes: toWrite.map((f) => f.code) },
    });
  });
  return { mode: input.mode, applied: true, counts, features: report };
}
