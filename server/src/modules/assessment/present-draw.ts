import type { Draw, DrawFlaggedGrid, DrawSummary, InspectionFinding } from '@yiwang/contracts';
import type { InspectionDrawPairRow, InspectionDrawRow, InspectionFindingRow } from './inspection-draws.repository.js';

export const presentDrawSummary = (
  row: InspectionDrawRow,
  names: { createdByName: string | null; pairCount: number },
): DrawSummary => ({
  id: row.id,
  period: row.period,
  seed: row.seed,
  seedSource: row.seedSource,
  snapshotHash: row.snapshotHash,
  pairCount: names.pairCount,
  unstaffedCount: row.unstaffed.length,
  createdByName: names.createdByName,
  createdAt: row.createdAt.toISOString(),
});

export const presentFinding = (row: InspectionFindingRow, recordedByName: string | null): InspectionFinding => ({
  id: row.id,
  pairId: row.pairId,
  foundCount: row.foundCount,
  reportedCount: row.reportedCount,
  foundCaseCodes: row.foundCaseCodes,
  note: row.note,
  recordedByName,
  recordedAt: row.recordedAt.toISOString(),
});

/** Every grid a draw weighted up, from its stored parameters and snapshot: the detector's kinds, and whether typed in. */
function flaggedGridsOf(row: InspectionDrawRow): DrawFlaggedGrid[] {
  const byCode = new Map<string, DrawFlaggedGrid>();
  for (const g of row.snapshot.detectorFlags?.grids ?? []) {
    byCode.set(g.gridCode, { gridCode: g.gridCode, kinds: [...g.kinds], typedIn: false });
  }
  for (const code of row.parameters.flaggedGridCodes) {
    byCode.set(code, { gridCode: code, kinds: byCode.get(code)?.kinds ?? [], typedIn: true });
  }
  return [...byCode.values()].sort((a, b) => (a.gridCode < b.gridCode ? -1 : a.gridCode > b.gridCode ? 1 : 0));
}

export const presentDraw = (
  row: InspectionDrawRow,
  {
    createdByName,
    pairs,
    targetNames,
    findings,
  }: {
    createdByName: string | null;
    pairs: { pair: InspectionDrawPairRow; inspectorName: string }[];
    targetNames: Map<string, string>;
    findings: { finding: InspectionFindingRow; recordedByName: string | null }[];
  },
): Draw => ({
  ...presentDrawSummary(row, { createdByName, pairCount: pairs.length }),
  parameters: row.parameters,
  flagWindow: row.snapshot.detectorFlags ? { ...row.snapshot.detectorFlags.window } : null,
  flaggedGrids: flaggedGridsOf(row),
  previousDrawId: row.previousDrawId,
  pairs: pairs.map(({ pair, inspectorName }) => ({
    id: pair.id,
    position: pair.position,
    targetKind: pair.targetKind,
    targetCode: pair.targetCode,
    targetName: targetNames.get(`${pair.targetKind}|${pair.targetCode}`) ?? pair.targetCode,
    targetPath: pair.targetPath,
    inspectorId: pair.inspectorId,
    inspectorName,
    findings: findings
      .filter((f) => f.finding.pairId === pair.id)
      .map((f) => presentFinding(f.finding, f.recordedByName)),
  })),
  unstaffed: row.unstaffed,
});
