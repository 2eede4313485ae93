import type { InspectionCalendar, InspectionCalendarQuery } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { assessmentRepository } from '../assessment.repository.js';
import { isCalendarDay } from '../domain/periods.js';
import { limitsOf, presentBooking, presentSettings } from '../present-inspection.js';

const MAX_DAYS = 62;

/** The shared inspection calendar of the caller's scope between two days, with the county's limits. */
export async function readInspectionCalendar(
  db: Executor,
  actor: Actor,
  { query }: { query: InspectionCalendarQuery },
): Promise<InspectionCalendar> {
  for (const field of ['from', 'to'] as const) {
    if (!isCalendarDay(query[field])) {
      throw new DomainError('validation', {}, [{ field, code: 'format', params: { format: 'YYYY-MM-DD' } }]);
    }
  }
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days < 0 || days >= MAX_DAYS) {
    throw new DomainError('validation', {}, [{ field: 'to', code: 'day-range', params: { limit: MAX_DAYS } }]);
  }
  const countyCode = actor.scopePath.split('/')[0] ?? actor.scopePath;
  const [settings, rows] = await Promise.all([
    assessmentRepository.settings(db, countyCode),
    assessmentRepository.calendarInScope(db, {
      scopePath: actor.scopePath,
      firstDay: query.from,
      lastDay: query.to,
      communityCode: query.communityCode,
    }),
  ]);
  return {
    settings: presentSettings(limitsOf(settings)),
    items: rows.map((r) => presentBooking(r.booking, { communityName: r.communityName, bookedByName: r.bookedByName })),
  };
}
