import type { Draw, DrawSummary, InspectionFinding } from '@yiwang/contracts';
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
