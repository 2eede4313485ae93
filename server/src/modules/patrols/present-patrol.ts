import type { Patrol } from '@yiwang/contracts';
import type { PatrolRow } from './patrols.repository.js';

/** Metres to one decimal: GPS is not more precise than that, and the UI shows whole metres. */
export const roundMeters = (m: number) => Math.round(m * 10) / 10;

export const presentPatrol = (row: PatrolRow): Patrol => ({
  id: row.id,
  userId: row.userId,
  startedAt: row.startedAt.toISOString(),
  endedAt: row.endedAt?.toISOString() ?? null,
  distanceM: roundMeters(row.distanceM),
  pointCount: row.pointCount,
});
