import { randomInt } from 'node:crypto';
import type {
  AgendaItem,
  ConveneMeetingBody,
  Meeting,
  MeetingList,
  MeetingListQuery,
  MinutesBody,
  RegisterBody,
  Registration,
  RegistrationList,
} from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { consultationRepository, type MeetingRow, type RegistrationRow } from '../consultation.repository.js';
import { MEETING_TYPE_RULES, registrationCode, supporterKeyOf } from '../domain/consultation-rules.js';
import type { NoticeSender } from '../notice-sender.js';
import { communityForDesk, isResident, type Participant, participantOf, readScopeOf } from './community.js';
import { notifyUsers } from './notify-followers.js';

/** The key a participant votes and registers under at this meeting: their household at a household vote, else themselves. */
export const voterKeyOf = (meeting: Pick<MeetingRow, 'voteUnit'>, p: Participant) =>
  supporterKeyOf({ userId: p.userId, householdId: p.householdId }, meeting.voteUnit);

/** Meetings as the caller sees them: agenda with counts (residents see counts once an item is counted). */
export async function presentMeetings(db: Executor, rows: MeetingRow[], actor: Actor): Promise<Meeting[]> {
  const ids = rows.map((r) => r.id);
  const resident = isResident(actor);
  const participant = resident ? await participantOf(db, actor) : null;
  const [names, agenda, attendance] = await Promise.all([
    consultationRepository.communityNames(
      db,
      rows.map((r) => r.regionCode),
    ),
    consultationRepository.agendaOf(db, ids),
    consultationRepository.attendance(db, ids),
  ]);
  const itemIds = agenda.map((a) => a.id);
  const [online, decisions] = await Promise.all([
    consultationRepository.onlineCounts(db, itemIds),
    consultationRepository.decisionsOfItems(db, itemIds),
  ]);
  const result: Meeting[] = [];
  for (const row of rows) {
    const name = names.get(row.regionCode);
    const mine = participant
      ? await consultationRepository.registrationByVoter(db, row.id, voterKeyOf(row, participant))
      : undefined;
    const items = agenda.filter((a) => a.meetingId === row.id);
    const myVotes = participant
      ? await consultationRepository.myVotes(
          db,
          items.map((i) => i.id),
          voterKeyOf(row, participant),
        )
      : new Map();
    const counts = attendance.get(row.id) ?? { registered: 0, attended: 0 };
    result.push({
      id: row.id,
      title: row.title,
      meetingType: row.meetingType as Meeting['meetingType'],
      community: {
        code: row.regionCode,
        name: name ? (actor.locale === 'en-US' ? name.nameEn : name.name) : row.regionCode,
      },
      startsAt: row.startsAt.toISOString(),
      place: row.place,
      state: row.state,
      rules: {
        voteUnit: row.voteUnit,
        quorumPercent: row.quorumPercent,
        majorityPercent: row.majorityPercent,
        majorityBase: row.majorityBase,
      },
      minutes: row.minutes,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      registered: counts.registered,
      attended: counts.attended,
      agenda: items.map(
        (item): AgendaItem => ({
          id: item.id,
          position: item.position,
          title: item.title,
          topicId: item.topicId,
          online: !resident || item.result ? (online.get(item.id) ?? { yes: 0, no: 0, abstain: 0 }) : null,
          paper:
            item.paperYes === null || (resident && !item.result)
              ? null
              : { yes: item.paperYes, no: item.paperNo ?? 0, abstain: item.paperAbstain ?? 0 },
          result: item.result,
          tally: item.tally,
          decisionId: decisions.get(item.id) ?? null,
          myVote: myVotes.get(item.id) ?? null,
        }),
      ),
      myRegistration: mine ? { code: mine.code, attended: mine.attendedAt !== null } : null,
    });
  }
  return result;
}

export async function meetingInScope(db: Executor, actor: Actor, id: string, lock = false): Promise<MeetingRow> {
  const row = await consultationRepository.meetingInScope(db, id, await readScopeOf(db, actor), lock);
  if (!row) throw new DomainError('not-found');
  return row;
}

export async function getMeeting(db: Db, actor: Actor, id: string): Promise<Meeting> {
  const [meeting] = await presentMeetings(db, [await meetingInScope(db, actor, id)], actor);
  if (!meeting) throw new Error('meeting vanished');
  return meeting;
}

export async function listMeetings(db: Db, actor: Actor, query: MeetingListQuery): Promise<MeetingList> {
  let scopePath = await readScopeOf(db, actor);
  if (query.regionCode) scopePath = (await communityForDesk(db, { ...actor, scopePath }, query.regionCode)).path;
  return { items: await presentMeetings(db, await consultationRepository.listMeetings(db, scopePath), actor) };
}

/**
 * The community convenes a meeting: its type's quorum and majority (or the percentages given),
 * an agenda of every topic that reached its threshold and waits, and items of its own.
 * Topics that reach their threshold later join it until it starts.
 */
export async function conveneMeeting(
  db: Db,
  deps: { sender: NoticeSender },
  options: { actor: Actor; context: AuditContext; body: ConveneMeetingBody; now: Date },
): Promise<Meeting> {
  const { actor, body, now } = options;
  const community = await communityForDesk(db, actor, body.regionCode);
  const rules = MEETING_TYPE_RULES[body.meetingType];
  const startsAt = new Date(body.startsAt);
  if (startsAt.getTime() <= now.getTime())
    throw new DomainError('validation', {}, [{ field: 'startsAt', code: 'not-past' }]);
  const id = await db.transaction(async (tx) => {
    const meeting = await consultationRepository.insertMeeting(tx, {
      title: body.title.trim(),
      meetingType: body.meetingType,
      regionCode: community.code,
      path: community.path,
      startsAt,
      place: body.place.trim(),
      voteUnit: rules.voteUnit,
      quorumPercent: body.quorumPercent ?? rules.quorumPercent,
      majorityPercent: body.majorityPercent ?? rules.majorityPercent,
      majorityBase: rules.majorityBase,
      convenedBy: actor.id,
      createdAt: now,
    });
    let position = 0;
    const waiting = await consultationRepository.qualifiedTopics(tx, community.path);
    for (const topic of waiting) {
      await consultationRepository.insertAgendaItem(tx, {
        meetingId: meeting.id,
        topicId: topic.id,
        position: ++position,
        title: topic.title,
      });
      await consultationRepository.updateTopic(tx, topic.id, { state: 'on_agenda' });
      await notifyUsers(tx, deps.sender, await consultationRepository.supporterUserIds(tx, topic.id), {
        kind: 'topic.on-agenda',
        params: { topic: topic.title, meeting: meeting.title },
        topicId: topic.id,
        at: now,
      });
    }
    for (const title of body.extraItems ?? []) {
      await consultationRepository.insertAgendaItem(tx, {
        meetingId: meeting.id,
        position: ++position,
        title: title.trim(),
      });
    }
    await recordAudit(tx, options.context, {
      action: 'meeting.convene',
      objectType: 'meeting',
      objectId: meeting.id,
      details: { regionCode: community.code, type: body.meetingType, topics: waiting.length, items: position },
      scopePath: community.path,
    });
    return meeting.id;
  });
  return getMeeting(db, actor, id);
}

const presentRegistration = (row: RegistrationRow): Registration => ({
  id: row.id,
  name: row.name,
  code: row.code,
  attendedAt: row.attendedAt?.toISOString() ?? null,
  viaPortal: row.userId !== null,
});

async function insertWithFreshCode(
  tx: Executor,
  row: { meetingId: string; userId: string | null; voterKey: string; name: string; createdAt: Date },
) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const saved = await consultationRepository.insertRegistration(tx, {
      ...row,
      code: registrationCode(() => randomInt(0, 1_000_000) / 1_000_000),
    });
    if (saved) return saved;
    // Same voter already registered (the voter index) — or, rarely, a code taken: try another code.
    const existing = await consultationRepository.registrationByVoter(tx, row.meetingId, row.voterKey);
    if (existing) return existing;
  }
  throw new Error('no free registration code');
}

/**
 * Registration: a resident of the community registers themselves on the portal (again: the same
 * code); the desk registers someone at the door or from a paper list by name. The code is what
 * the clerk checks at the door.
 */
export async function registerForMeeting(
  db: Db,
  options: { actor: Actor; context: AuditContext; meetingId: string; body: RegisterBody; now: Date },
): Promise<Registration> {
  const { actor, now } = options;
  return db.transaction(async (tx) => {
    const meeting = await meetingInScope(tx, actor, options.meetingId, true);
    if (meeting.state !== 'convened') throw new DomainError('meeting-closed');
    let row: { meetingId: string; userId: string | null; voterKey: string; name: string; createdAt: Date };
    if (isResident(actor)) {
      const p = await participantOf(tx, actor);
      row = {
        meetingId: meeting.id,
        userId: actor.id,
        voterKey: voterKeyOf(meeting, p),
        name: actor.label,
        createdAt: now,
      };
    } else {
      if (!options.body.name?.trim()) throw new DomainError('validation', {}, [{ field: 'name', code: 'required' }]);
      row = {
        meetingId: meeting.id,
        userId: null,
        voterKey: `walk-in:${crypto.randomUUID()}`,
        name: options.body.name.trim(),
        createdAt: now,
      };
    }
    const saved = await insertWithFreshCode(tx, row);
    await recordAudit(tx, options.context, {
      action: 'meeting.register',
      objectType: 'meeting',
      objectId: meeting.id,
      details: { registration: saved.id, viaPortal: row.userId !== null },
      scopePath: meeting.path,
    });
    return presentRegistration(saved);
  });
}

export async function listRegistrations(db: Db, actor: Actor, meetingId: string): Promise<RegistrationList> {
  const meeting = await meetingInScope(db, actor, meetingId);
  return { items: (await consultationRepository.registrations(db, meeting.id)).map(presentRegistration) };
}

/** Minutes (会议纪要) of the meeting, as the clerk writes them. */
export async function recordMinutes(
  db: Db,
  options: { actor: Actor; context: AuditContext; meetingId: string; body: MinutesBody },
): Promise<Meeting> {
  await db.transaction(async (tx) => {
    const meeting = await meetingInScope(tx, options.actor, options.meetingId, true);
    await consultationRepository.updateMeeting(tx, meeting.id, { minutes: options.body.minutes.trim() });
    await recordAudit(tx, options.context, {
      action: 'meeting.minutes',
      objectType: 'meeting',
      objectId: meeting.id,
      details: { length: options.body.minutes.length },
      scopePath: meeting.path,
    });
  });
  return getMeeting(db, options.actor, options.meetingId);
}

/** Publishes the results: voting ends, the counts and minutes are shown to the community. */
export async function publishResults(
  db: Db,
  options: { actor: Actor; context: AuditContext; meetingId: string; now: Date },
): Promise<Meeting> {
  await db.transaction(async (tx) => {
    const meeting = await meetingInScope(tx, options.actor, options.meetingId, true);
    if (meeting.state === 'published') return;
    const items = await consultationRepository.agendaOf(tx, [meeting.id]);
    const uncounted = items.filter((i) => !i.result);
    if (uncounted.length > 0) throw new DomainError('agenda-uncounted', { item: uncounted[0]?.title ?? '' });
    await consultationRepository.updateMeeting(tx, meeting.id, { state: 'published', publishedAt: options.now });
    await recordAudit(tx, options.context, {
      action: 'meeting.publish',
      objectType: 'meeting',
      objectId: meeting.id,
      details: { items: items.length },
      scopePath: meeting.path,
    });
  });
  return getMeeting(db, options.actor, options.meetingId);
}
