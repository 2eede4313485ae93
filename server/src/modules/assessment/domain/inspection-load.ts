import { periodContaining } from './periods.js';

/** The county's limits on visits to one community (inspection_settings, or these defaults). */
export interface InspectionLimits {
  readonly maxPerDay: number;
  readonly maxPerWeek: number;
  readonly routineSuspended: boolean;
  readonly suspendedReason: string | null;
}

/** One visit to a community a day, two a week: the seeds' lesson is that fewer is better. */
export const DEFAULT_INSPECTION_LIMITS: InspectionLimits = {
  maxPerDay: 1,
  maxPerWeek: 2,
  routineSuspended: false,
  suspendedReason: null,
};

export interface BookedVisit {
  readonly id: string;
  readonly day: string;
  readonly team: string;
  readonly kind: 'routine' | 'special';
}

export type InspectionLoadCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'routine-suspended'; readonly suspendedReason: string | null }
  | {
      readonly ok: false;
      readonly reason: 'daily-limit' | 'weekly-limit';
      readonly limit: number;
      readonly existing: BookedVisit;
    };

/**
 * Whether one more visit of `kind` to a community on `day` fits: routine visits are refused
 * while the county suspends them; any visit is refused when the community already has
 * `maxPerDay` that day or `maxPerWeek` that week (Monday–Sunday). A refusal names the
 * booking already there (the first of that day, else of that week), so the booker can talk
 * to that team instead of adding a visit.
 */
export function checkInspectionLoad(
  limits: InspectionLimits,
  visit: { day: string; kind: 'routine' | 'special' },
  communityBookings: readonly BookedVisit[],
): InspectionLoadCheck {
  if (visit.kind === 'routine' && limits.routineSuspended) {
    return { ok: false, reason: 'routine-suspended', suspendedReason: limits.suspendedReason };
  }
  const sameDay = communityBookings.filter((b) => b.day === visit.day).sort(byDayThenTeam);
  const first = sameDay[0];
  if (first && sameDay.length >= limits.maxPerDay) {
    return { ok: false, reason: 'daily-limit', limit: limits.maxPerDay, existing: first };
  }
  const week = weekOf(visit.day);
  const sameWeek = communityBookings.filter((b) => b.day >= week.firstDay && b.day <= week.lastDay).sort(byDayThenTeam);
  const firstOfWeek = sameWeek[0];
  if (firstOfWeek && sameWeek.length >= limits.maxPerWeek) {
    return { ok: false, reason: 'weekly-limit', limit: limits.maxPerWeek, existing: firstOfWeek };
  }
  return { ok: true };
}

const byDayThenTeam = (a: BookedVisit, b: BookedVisit) => a.day.localeCompare(b.day) || a.team.localeCompare(b.team);

/** The Monday and Sunday of the week holding `day` (the range a booking check reads). */
export function weekOf(day: string): { firstDay: string; lastDay: string } {
  const week = periodContaining('week', day);
  const lastDay = new Date(new Date(`${week.firstDay}T12:00:00Z`).getTime() + 6 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { firstDay: week.firstDay, lastDay };
}
