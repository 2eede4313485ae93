import type { AgendaItem, CheckInBody, DecideBody, Registration, VoteBody, VoteCount } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { consultationRepository, type MeetingRow } from '../consultation.repository.js';
import type { StoredTally } from '../consultation.tables.js';
import { normalizeCode, paperCountFits, tallyVotes } from '../domain/consultation-rules.js';
import type { NoticeSender } from '../notice-sender.js';
import { participantOf } from './community.js';
import { getMeeting, meetingInScope, voterKeyOf } from './meetings.js';
import { followersOf, notifyUsers } from './notify-followers.js';

async function openItem(tx: Executor, meeting: MeetingRow, itemId: string) {
  if (meeting.state !== 'convened') throw new DomainError('meeting-closed');
  const item = await consultationRepository.agendaItem(tx, meeting.id, itemId);
  if (!item) throw new DomainError('not-found');
  if (item.result) throw new DomainError('agenda-counted', { item: item.title });
  return item;
}

/**
 * The clerk checks a code at the door (typed in the app or read from the printed list): the
 * registrant is marked present. A code not on this meeting's list is refused; a second check-in
 * says when the first was. `votedOnline` tells the clerk not to hand them a paper ballot.
 */
export async function checkIn(
  db: Db,
  options: { actor: Actor; context: AuditContext; meetingId: string; body: CheckInBody; now: Date },
): Promise<Registration & { votedOnline: boolean }> {
  const { actor, now } = options;
  const code = normalizeCode(options.body.code);
  return db.transaction(async (tx) => {
    const meeting = await meetingInScope(tx, actor, options.meetingId, true);
    if (meeting.state !== 'convened') throw new DomainError('meeting-closed');
    const registration = await consultationRepository.registrationByCode(tx, meeting.id, code);
    if (!registration) throw new DomainError('code-unknown', { code }, [{ field: 'code', code: 'invalid' }]);
    if (registration.attendedAt)
      throw new DomainError('already-checked-in', {
        name: registration.name,
        time: registration.attendedAt.toISOString().slice(11, 16),
      });
    await consultationRepository.markAttended(tx, registration.id, now);
    const items = await consultationRepository.agendaOf(tx, [meeting.id]);
    const voted = await consultationRepository.myVotes(
      tx,
      items.map((i) => i.id),
      registration.voterKey,
    );
    await recordAudit(tx, options.context, {
      action: 'meeting.check-in',
      objectType: 'meeting',
      objectId: meeting.id,
      details: { registration: registration.id, code },
      scopePath: meeting.path,
    });
    return {
      id: registration.id,
      name: registration.name,
      code: registration.code,
      attendedAt: now.toISOString(),
      viaPortal: registration.userId !== null,
      votedOnline: voted.size > 0,
    };
  });
}

/** A registered resident votes online on an item not yet counted (again: the vote is changed). */
export async function castOnlineVote(
  db: Db,
  options: { actor: Actor; context: AuditContext; meetingId: string; itemId: string; body: VoteBody; now: Date },
): Promise<AgendaItem> {
  const { actor, now } = options;
  await db.transaction(async (tx) => {
    const p = await participantOf(tx, actor);
    const meeting = await meetingInScope(tx, actor, options.meetingId, true);
    const item = await openItem(tx, meeting, options.itemId);
    const voterKey = voterKeyOf(meeting, p);
    if (!(await consultationRepository.registrationByVoter(tx, meeting.id, voterKey)))
      throw new DomainError('not-registered');
    await consultationRepository.castVote(tx, {
      agendaItemId: item.id,
      voterKey,
      userId: actor.id,
      choice: options.body.choice,
      castAt: now,
    });
    // The choice itself is secret: the audit row says that a vote was cast, not how.
    await recordAudit(tx, options.context, {
      action: 'agenda.vote',
      objectType: 'agenda-item',
      objectId: item.id,
      details: { meetingId: meeting.id },
      scopePath: meeting.path,
    });
  });
  return itemOf(db, actor, options.meetingId, options.itemId);
}

async function itemOf(db: Db, actor: Actor, meetingId: string, itemId: string): Promise<AgendaItem> {
  const meeting = await getMeeting(db, actor, meetingId);
  const item = meeting.agenda.find((i) => i.id === itemId);
  if (!item) throw new DomainError('not-found');
  return item;
}

/** Voters present at the door who did not vote online on this item: each may hand in one paper ballot. */
async function paperBallotHolders(tx: Executor, meetingId: string, itemId: string): Promise<number> {
  const registrations = await consultationRepository.registrations(tx, meetingId);
  const present = registrations.filter((r) => r.attendedAt);
  const votedOnline = await Promise.all(
    present.map((r) => consultationRepository.myVotes(tx, [itemId], r.voterKey).then((m) => m.size > 0)),
  );
  return present.filter((_, i) => !votedOnline[i]).length;
}

/** The clerk enters the paper ballots of an item (kept apart from the online votes); entering again replaces them. */
export async function enterPaperCount(
  db: Db,
  options: { actor: Actor; context: AuditContext; meetingId: string; itemId: string; body: VoteCount },
): Promise<AgendaItem> {
  const { actor, body } = options;
  await db.transaction(async (tx) => {
    const meeting = await meetingInScope(tx, actor, options.meetingId, true);
    const item = await openItem(tx, meeting, options.itemId);
    const holders = await paperBallotHolders(tx, meeting.id, item.id);
    if (!paperCountFits(body, holders))
      throw new DomainError('paper-count-too-many', { total: body.yes + body.no + body.abstain, present: holders });
    await consultationRepository.updateAgendaItem(tx, item.id, {
      paperYes: body.yes,
      paperNo: body.no,
      paperAbstain: body.abstain,
      paperEnteredBy: actor.id,
    });
    await recordAudit(tx, options.context, {
      action: 'agenda.paper-count',
      objectType: 'agenda-item',
      objectId: item.id,
      details: { ...body, meetingId: meeting.id },
      scopePath: meeting.path,
    });
  });
  return itemOf(db, actor, options.meetingId, options.itemId);
}

/**
 * Counts an item: online votes and paper ballots under the meeting's quorum and majority. An
 * adopted item becomes a decision (决议), and everyone who supported its topic, attended or voted
 * online is told.
 */
export async function countAgendaItem(
  db: Db,
  deps: { sender: NoticeSender },
  options: { actor: Actor; context: AuditContext; meetingId: string; itemId: string; body: DecideBody; now: Date },
): Promise<AgendaItem> {
  const { actor, now } = options;
  await db.transaction(async (tx) => {
    const meeting = await meetingInScope(tx, actor, options.meetingId, true);
    const item = await openItem(tx, meeting, options.itemId);
    const [online, attendance, participants] = await Promise.all([
      consultationRepository.onlineCounts(tx, [item.id]),
      consultationRepository.attendance(tx, [meeting.id]),
      consultationRepository.participants(tx, meeting.id),
    ]);
    const registered = attendance.get(meeting.id)?.registered ?? 0;
    const tally = tallyVotes({
      rules: meeting,
      registered,
      participants,
      online: online.get(item.id) ?? { yes: 0, no: 0, abstain: 0 },
      paper: { yes: item.paperYes ?? 0, no: item.paperNo ?? 0, abstain: item.paperAbstain ?? 0 },
    });
    const stored: StoredTally = {
      result: tally.result,
      quorumNeeded: tally.quorumNeeded,
      quorumMet: tally.quorumMet,
      participants,
      registered,
      yes: tally.yes,
      no: tally.no,
      abstain: tally.abstain,
      cast: tally.cast,
      yesNeeded: tally.yesNeeded,
    };
    await consultationRepository.updateAgendaItem(tx, item.id, { result: tally.result, tally: stored, decidedAt: now });
    if (item.topicId) await consultationRepository.updateTopic(tx, item.topicId, { state: 'decided' });
    await recordAudit(tx, options.context, {
      action: 'agenda.decide',
      objectType: 'agenda-item',
      objectId: item.id,
      details: { ...stored, meetingId: meeting.id },
      scopePath: meeting.path,
    });
    if (tally.result !== 'adopted') return;
    const decision = await consultationRepository.insertDecision(tx, {
      agendaItemId: item.id,
      meetingId: meeting.id,
      topicId: item.topicId,
      regionCode: meeting.regionCode,
      path: meeting.path,
      title: item.title,
      body: options.body.decisionText?.trim() || item.title,
      decidedAt: now,
    });
    await notifyUsers(tx, deps.sender, await followersOf(tx, decision), {
      kind: 'decision.adopted',
      params: { decision: decision.title, yes: tally.yes, no: tally.no, abstain: tally.abstain },
      decisionId: decision.id,
      topicId: decision.topicId,
      at: now,
    });
  });
  return itemOf(db, actor, options.meetingId, options.itemId);
}
