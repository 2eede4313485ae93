import type { InspectionBooking, InspectionSettings } from '@yiwang/contracts';
import type { InspectionBookingRow, InspectionSettingsRow } from './assessment.repository.js';
import { DEFAULT_INSPECTION_LIMITS, type InspectionLimits } from './domain/inspection-load.js';

export const presentBooking = (
  row: InspectionBookingRow,
  names: { communityName: string; bookedByName: string | null },
): InspectionBooking => ({
  id: row.id,
  communityCode: row.communityCode,
  communityName: names.communityName,
  day: row.day,
  kind: row.kind,
  team: row.team,
  purpose: row.purpose,
  bookedByName: names.bookedByName,
  createdAt: row.createdAt.toISOString(),
});

/** The county's limits as stored, or the defaults while none are set. */
export const limitsOf = (row: InspectionSettingsRow | undefined): InspectionLimits =>
  row
    ? {
        maxPerDay: row.maxPerDay,
        maxPerWeek: row.maxPerWeek,
        routineSuspended: row.routineSuspended,
        suspendedReason: row.suspendedReason,
      }
    : DEFAULT_INSPECTION_LIMITS;

export const presentSettings = (limits: InspectionLimits): InspectionSettings => ({ ...limits });
