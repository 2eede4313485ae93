import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { can } from '../../accounts/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { assessmentRepository } from '../assessment.repository.js';

/** Cancels a booking in scope: the booker's own, or any with inspections.manage. Frees its place. */
export async function cancelInspection(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { bookingId }: { bookingId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const booking = await assessmentRepository.lockBookingInScope(tx, bookingId, actor.scopePath);
    if (!booking) throw new DomainError('not-found');
    if (booking.bookedBy !== actor.id && !can(actor.roles, 'inspections.manage')) throw new DomainError('forbidden');
    await assessmentRepository.cancelBooking(tx, booking.id, actor.kind === 'user' ? actor.id : null);
    await recordAudit(tx, context, {
      action: 'inspection.cancel',
      objectType: 'inspection-booking',
      objectId: booking.id,
      details: { communityCode: booking.communityCode, day: booking.day },
    });
  });
}
