import type { MyVolunteering } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { presentVolunteer } from '../present-volunteers.js';
import { volunteersRepository } from '../volunteers.repository.js';

/** The signed-in resident's volunteering: registration, shifts and hours, and the time-bank ledger with its balance. */
export async function myVolunteering(db: Db, actor: Actor): Promise<MyVolunteering> {
  const volunteer = await volunteersRepository.volunteerOfUser(db, actor.id);
  if (!volunteer) return { volunteer: null, signups: [], timeBank: [] };
  const totals = await volunteersRepository.timeBankTotals(db, [volunteer.id]);
  const signups = await volunteersRepository.signupsOfVolunteer(db, volunteer.id);
  const entries = await volunteersRepository.timeBankOf(db, volunteer.id);
  return {
    volunteer: presentVolunteer(volunteer, totals.get(volunteer.id)),
    signups: signups.map(({ signup, shift, activity }) => ({
      id: signup.id,
      activityTitle: activity.title,
      place: activity.place,
      startsAt: shift.startsAt.toISOString(),
      endsAt: shift.endsAt.toISOString(),
      verifiedMinutes: signup.verifiedMinutes,
      creditedMinutes: signup.creditedMinutes,
    })),
    timeBank: entries.map((e) => ({
      id: e.id,
      minutes: e.minutes,
      kind: e.kind,
      note: e.note,
      at: e.createdAt.toISOString(),
    })),
  };
}
