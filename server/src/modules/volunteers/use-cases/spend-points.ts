import type { SpendPointsBody, Volunteer } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { canSpend, MINUTES_PER_POINT, pointsOf } from '../domain/time-bank.js';
import { presentVolunteer } from '../present-volunteers.js';
import { volunteersRepository } from '../volunteers.repository.js';

/**
 * A volunteer spends time-bank points on a service (时间银行兑换): a `spent` entry in their
 * ledger. The volunteer's row is locked while the balance is read and the entry written, so
 * two redemptions at the same moment cannot both pass the check: the balance never goes below
 * zero. Refusals are audited too.
 */
export async function spendPoints(
  db: Db,
  options: { actor: Actor; context: AuditContext; volunteerId: string; body: SpendPointsBody },
): Promise<{ kind: 'updated'; value: Volunteer }> {
  const { actor, context, volunteerId, body } = options;
  const minutes = body.points * MINUTES_PER_POINT;
  const outcome = await db.transaction(async (tx) => {
    const volunteer = await volunteersRepository.lockVolunteerInScope(tx, volunteerId, actor.scopePath);
    if (!volunteer) throw new DomainError('not-found');
    const before = (await volunteersRepository.timeBankTotals(tx, [volunteer.id])).get(volunteer.id) ?? {
      balance: 0,
      earned: 0,
    };
    if (!canSpend(before.balance, minutes)) return { ok: false as const, volunteer, balance: before.balance };
    await volunteersRepository.insertTimeBankEntry(tx, {
      volunteerId: volunteer.id,
      minutes: -minutes,
      kind: 'spent',
      note: body.note.trim(),
    });
    await recordAudit(tx, context, {
      action: 'volunteer-points.spend',
      objectType: 'volunteer',
      objectId: volunteer.id,
      scopePath: volunteer.path,
      details: { points: body.points, balanceBefore: pointsOf(before.balance), note: body.note.trim() },
    });
    const after = { balance: before.balance - minutes, earned: before.earned };
    return { ok: true as const, value: presentVolunteer(volunteer, after) };
  });
  if (!outcome.ok) {
    await recordAudit(db, context, {
      action: 'volunteer-points.spend',
      objectType: 'volunteer',
      objectId: outcome.volunteer.id,
      scopePath: outcome.volunteer.path,
      outcome: 'denied',
      details: { points: body.points, balance: pointsOf(outcome.balance) },
    });
    throw new DomainError('time-bank-short', { balance: pointsOf(outcome.balance), points: body.points });
  }
  return { kind: 'updated', value: outcome.value };
}
