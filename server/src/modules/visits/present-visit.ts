import type { Visit, VisitPlan } from '@yiwang/contracts';
import type { VisitPlanRow, VisitRow } from './visits.repository.js';

export const presentVisit = (row: VisitRow, displayName?: string): Visit => ({
  id: row.id,
  address: row.address,
  note: row.note,
  point: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
  gridCode: row.gridCode,
  visitedAt: row.visitedAt.toISOString(),
  patrolId: row.patrolId,
  planId: row.planId,
  userId: row.userId,
  ...(displayName === undefined ? {} : { displayName }),
});

export const presentVisitPlan = (row: VisitPlanRow): VisitPlan => ({
  id: row.id,
  address: row.address,
  dueOn: row.dueOn,
  note: row.note,
  gridCode: row.gridCode,
  visitId: row.visitId,
  doneAt: row.doneAt?.toISOString() ?? null,
});
