import type { BookInspectionBody, InspectionBooking } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { assessmentRepository } from '../assessment.repository.js';
import { checkInspectionLoad, weekOf } from '../domain/inspection-load.js';
import { isCalendarDay } from '../domain/periods.js';
import { limitsOf, presentBooking } from '../present-inspection.js';

export interface BookInspectionOptions {
  body: BookInspectionBody;
  now: Date;
}

/**
 * Books an inspection or supervision visit to a community of the caller's scope on the
 * shared calendar, if the community's load allows it (checkInspectionLoad): the community's
 * calendar is locked for the check and the insert, so two bookers cannot both take the last
 * place of a day. A refusal names the booking already there.
 */
export async function bookInspection(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { body, now }: BookInspectionOptions,
): Promise<InspectionBooking> {
  if (!isCalendarDay(body.day)) {
    throw new DomainError('validation', {}, [{ field: 'day', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  if (body.day < new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)) {
    throw new DomainError('validation', {}, [{ field: 'day', code: 'not-past' }]);
  }
  return db.transaction(async (tx) => {
    const community = await assessmentRepository.communityInScope(tx, body.communityCode, actor.scopePath);
    if (!community) {
      throw new DomainError('invalid-reference', { what: body.communityCode }, [
        { field: 'communityCode', code: 'invalid' },
      ]);
    }
    const countyCode = community.path.split('/')[0] ?? community.code;
    await assessmentRepository.lockCommunityCalendar(tx, community.code);
    const limits = limitsOf(await assessmentRepository.settings(tx, countyCode));
    const week = weekOf(body.day);
    const booked = await assessmentRepository.bookingsOfCommunity(tx, community.code, week.firstDay, week.lastDay);
    const check = checkInspectionLoad(limits, { day: body.day, kind: body.kind }, booked);
    if (!check.ok) {
      switch (check.reason) {
        case 'routine-suspended':
          throw new DomainError('routine-inspections-suspended', { reason: check.suspendedReason ?? '—' });
        case 'daily-limit':
          throw new DomainError('inspection-daily-limit', {
            limit: check.limit,
            day: check.existing.day,
            team: check.existing.team,
          });
        case 'weekly-limit':
          throw new DomainError('inspection-weekly-limit', {
            limit: check.limit,
            day: check.existing.day,
            team: check.existing.team,
          });
      }
    }
    const booking = await assessmentRepository.insertBooking(tx, {
      communityCode: community.code,
      path: community.path,
      day: body.day,
      kind: body.kind,
      team: body.team.trim(),
      purpose: body.purpose.trim(),
      bookedBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, context, {
      action: 'inspection.book',
      objectType: 'inspection-booking',
      objectId: booking.id,
      details: { communityCode: community.code, day: body.day, kind: body.kind, team: booking.team },
    });
    return presentBooking(booking, { communityName: community.name, bookedByName: actor.label });
  });
}
