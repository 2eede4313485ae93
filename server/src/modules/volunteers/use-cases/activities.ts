import type { Activity, ActivityList, ActivityListQuery, CreateActivityBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { communityInScope } from '../../regions/index.js';
import { areaPathOf } from '../volunteer-community.js';
import type { ActivityRow, ShiftRow } from '../volunteers.repository.js';
import { volunteersRepository } from '../volunteers.repository.js';

const presentActivity = (row: ActivityRow, organizerName: string, shifts: ShiftRow[], mine: Set<string>): Activity => ({
  id: row.id,
  communityCode: row.communityCode,
  title: row.title,
  description: row.description,
  place: row.place,
  capPoints: row.capPoints,
  organizerName,
  shifts: shifts.map((s) => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    capacity: s.capacity,
    taken: s.taken,
    mine: mine.has(s.id),
  })),
  createdAt: row.createdAt.toISOString(),
});

/** An activity of a community in my scope with its shifts; I am its organizer (I verify its hours). */
export async function createActivity(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: CreateActivityBody },
): Promise<{ kind: 'created'; value: Activity }> {
  const { actor, context, body } = options;
  const community = await communityInScope(db, body.communityCode, actor.scopePath);
  body.shifts.forEach((s, i) => {
    if (Date.parse(s.endsAt) <= Date.parse(s.startsAt)) {
      throw new DomainError('validation', {}, [{ field: `shifts.${i}.endsAt`, code: 'after-start' }]);
    }
  });
  if (actor.kind !== 'user') throw new DomainError('forbidden');
  return db.transaction(async (tx) => {
    const activity = await volunteersRepository.insertActivity(tx, {
      communityCode: community.code,
      path: community.path,
      title: body.title.trim(),
      description: body.description.trim(),
      place: body.place.trim(),
      capPoints: body.capPoints ?? null,
      organizerId: actor.id,
    });
    const shifts = await volunteersRepository.insertShifts(
      tx,
      body.shifts.map((s) => ({
        activityId: activity.id,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
        capacity: s.capacity,
      })),
    );
    await recordAudit(tx, context, {
      action: 'volunteer-activity.create',
      objectType: 'volunteer-activity',
      objectId: activity.id,
      scopePath: community.path,
      details: { communityCode: community.code, shifts: shifts.length, capPoints: activity.capPoints },
    });
    return { kind: 'created', value: presentActivity(activity, actor.label, shifts, new Set()) };
  });
}

/**
 * Activities of my scope (or one community in it), latest first, with their shifts; for a
 * volunteer, which shifts they hold a place on, and only activities with a shift still to come.
 */
export async function listActivities(
  db: Db,
  actor: Actor,
  query: ActivityListQuery,
  options: { asVolunteer: boolean; now: Date },
): Promise<ActivityList> {
  const areaPath = await areaPathOf(db, actor.scopePath, query.communityCode);
  const rows = await volunteersRepository.listActivities(db, {
    areaPath,
    ...(options.asVolunteer ? { upcomingAfter: options.now } : {}),
  });
  const shifts = await volunteersRepository.shiftsOf(
    db,
    rows.map((r) => r.activity.id),
  );
  const me =
    options.asVolunteer && actor.kind === 'user' ? await volunteersRepository.volunteerOfUser(db, actor.id) : undefined;
  const mine = me
    ? await volunteersRepository.mySignupShiftIds(
        db,
        me.id,
        shifts.map((s) => s.id),
      )
    : new Set<string>();
  return {
    items: rows.map((r) =>
      presentActivity(
        r.activity,
        r.organizerName,
        shifts.filter((s) => s.activityId === r.activity.id),
        mine,
      ),
    ),
  };
}
