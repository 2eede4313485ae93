import type { Locale, RaiseTopicBody, Topic, TopicList, TopicListQuery } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { gridsLookups } from '../../grids/index.js';
import { consultationRepository, type TopicRow } from '../consultation.repository.js';
import { isTopicExpired, topicProgress } from '../domain/consultation-rules.js';
import type { NoticeSender } from '../notice-sender.js';
import { communityForDesk, isResident, participantOf, readScopeOf } from './community.js';
import { notifyUsers } from './notify-followers.js';

/** Supports a topic needs unless the desk sets its own threshold, and the days it gathers them. */
export const DEFAULT_THRESHOLD = 5;
export const DEFAULT_TOPIC_DAYS = 30;
const DAY_MS = 86_400_000;

/** Topics as the caller sees them: progress, whether they support it, its meeting and decision. */
export async function presentTopics(
  db: Executor,
  rows: TopicRow[],
  viewer: { locale: Locale; supporterKey: string | null },
): Promise<Topic[]> {
  const ids = rows.map((r) => r.id);
  const [names, supported, meetingRows, decisionIds] = await Promise.all([
    consultationRepository.communityNames(
      db,
      rows.map((r) => r.regionCode),
    ),
    viewer.supporterKey ? consultationRepository.supportedTopicIds(db, ids, viewer.supporterKey) : new Set<string>(),
    consultationRepository.meetingsOfTopics(db, ids),
    consultationRepository.decisionsOfTopics(db, ids),
  ]);
  const meetingOf = new Map(meetingRows.map((m) => [m.topicId, m]));
  return rows.map((row) => {
    const progress = topicProgress(row.supportCount, row.threshold);
    const name = names.get(row.regionCode);
    const meeting = meetingOf.get(row.id);
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      community: {
        code: row.regionCode,
        name: name ? (viewer.locale === 'en-US' ? name.nameEn : name.name) : row.regionCode,
      },
      gridCode: row.gridCode,
      raisedVia: row.raisedVia,
      state: row.state,
      threshold: row.threshold,
      supportCount: row.supportCount,
      percent: progress.percent,
      missing: progress.missing,
      expiresAt: row.expiresAt.toISOString(),
      expiredAt: row.expiredAt?.toISOString() ?? null,
      qualifiedAt: row.qualifiedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      supportedByMe: supported.has(row.id),
      meeting: meeting ? { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString() } : null,
      decisionId: decisionIds.get(row.id) ?? null,
    };
  });
}

async function viewerOf(db: Executor, actor: Actor) {
  if (!isResident(actor)) return { locale: actor.locale, supporterKey: null };
  return { locale: actor.locale, supporterKey: (await participantOf(db, actor)).supporterKey };
}

/**
 * A resident raises a topic for their community (or one of its grids), a grid worker or the
 * community's staff for a community in their scope; it gathers support until it expires.
 */
export async function raiseTopic(
  db: Db,
  options: { actor: Actor; context: AuditContext; body: RaiseTopicBody; now: Date },
): Promise<Topic> {
  const { actor, body, now } = options;
  const resident = isResident(actor);
  let community: { code: string; path: string };
  if (resident) {
    const p = await participantOf(db, actor);
    if (body.regionCode && body.regionCode !== p.communityCode)
      throw new DomainError('invalid-reference', { what: body.regionCode }, [{ field: 'regionCode', code: 'invalid' }]);
    community = { code: p.communityCode, path: p.communityPath };
  } else {
    if (!body.regionCode) throw new DomainError('validation', {}, [{ field: 'regionCode', code: 'required' }]);
    community = await communityForDesk(db, actor, body.regionCode);
  }
  let path = community.path;
  if (body.gridCode) {
    const grid = await gridsLookups.findCurrentInScope(db, body.gridCode, community.path);
    if (!grid || !isPathWithin(grid.path, community.path))
      throw new DomainError('invalid-reference', { what: body.gridCode }, [{ field: 'gridCode', code: 'invalid' }]);
    path = grid.path;
  }
  // Residents take the community's default; the desk may set the threshold.
  const threshold = resident ? DEFAULT_THRESHOLD : (body.threshold ?? DEFAULT_THRESHOLD);
  const row = await db.transaction(async (tx) => {
    const topic = await consultationRepository.insertTopic(tx, {
      title: body.title.trim(),
      body: body.body.trim(),
      regionCode: community.code,
      communityPath: community.path,
      gridCode: body.gridCode ?? null,
      path,
      raisedBy: actor.id,
      raisedVia: resident ? 'portal' : 'desk',
      threshold,
      expiresAt: new Date(now.getTime() + (body.days ?? DEFAULT_TOPIC_DAYS) * DAY_MS),
      createdAt: now,
    });
    await recordAudit(tx, options.context, {
      action: 'topic.raise',
      objectType: 'topic',
      objectId: topic.id,
      details: { regionCode: topic.regionCode, gridCode: topic.gridCode, threshold, via: topic.raisedVia },
      scopePath: topic.path,
    });
    return topic;
  });
  const [topic] = await presentTopics(db, [row], await viewerOf(db, actor));
  if (!topic) throw new Error('topic vanished');
  return topic;
}

export async function listTopics(db: Db, actor: Actor, query: TopicListQuery): Promise<TopicList> {
  let scopePath = await readScopeOf(db, actor);
  if (query.regionCode) scopePath = (await communityForDesk(db, { ...actor, scopePath }, query.regionCode)).path;
  const rows = await consultationRepository.listTopics(db, { scopePath, state: query.state });
  return { items: await presentTopics(db, rows, await viewerOf(db, actor)) };
}

export async function getTopic(db: Db, actor: Actor, id: string): Promise<Topic> {
  const row = await consultationRepository.topicInScope(db, id, await readScopeOf(db, actor));
  if (!row) throw new DomainError('not-found');
  const [topic] = await presentTopics(db, [row], await viewerOf(db, actor));
  if (!topic) throw new Error('topic vanished');
  return topic;
}

/**
 * Puts a topic that reached its threshold on the agenda of the community's next meeting, if one
 * is convened; else it waits (`qualified`) and the next meeting convened takes it. Its supporters
 * are told.
 */
export async function placeOnAgenda(tx: Executor, sender: NoticeSender, topic: TopicRow, now: Date): Promise<void> {
  const meeting = await consultationRepository.nextMeeting(tx, topic.communityPath, now);
  if (!meeting) return;
  await consultationRepository.insertAgendaItem(tx, {
    meetingId: meeting.id,
    topicId: topic.id,
    position: await consultationRepository.nextPosition(tx, meeting.id),
    title: topic.title,
  });
  await consultationRepository.updateTopic(tx, topic.id, { state: 'on_agenda' });
  await notifyUsers(tx, sender, await consultationRepository.supporterUserIds(tx, topic.id), {
    kind: 'topic.on-agenda',
    params: { topic: topic.title, meeting: meeting.title },
    topicId: topic.id,
    at: now,
  });
}

/**
 * A resident of the topic's community supports it (once per supporter key: again is no change)
 * or withdraws their support while it still gathers support. Reaching the threshold puts it on
 * the next meeting's agenda.
 */
export async function setSupport(
  db: Db,
  deps: { sender: NoticeSender },
  options: { actor: Actor; context: AuditContext; topicId: string; support: boolean; now: Date },
): Promise<Topic> {
  const { actor, now } = options;
  const p = await participantOf(db, actor);
  await db.transaction(async (tx) => {
    const topic = await consultationRepository.topicInScope(tx, options.topicId, p.communityPath, true);
    if (!topic) throw new DomainError('not-found');
    if (topic.state === 'expired' || isTopicExpired(topic, now)) throw new DomainError('topic-expired');
    // Support counts until the topic is voted on; withdrawing only while it still gathers support.
    if (topic.state === 'decided' || (!options.support && topic.state !== 'open'))
      throw new DomainError('topic-support-closed');
    const changed = options.support
      ? await consultationRepository.addSupport(tx, {
          topicId: topic.id,
          supporterKey: p.supporterKey,
          userId: actor.id,
          createdAt: now,
        })
      : await consultationRepository.removeSupport(tx, topic.id, p.supporterKey);
    if (!changed) return;
    const supportCount = await consultationRepository.supportCount(tx, topic.id);
    const reached = topic.state === 'open' && supportCount >= topic.threshold;
    await consultationRepository.updateTopic(tx, topic.id, {
      supportCount,
      ...(reached ? { state: 'qualified', qualifiedAt: now } : {}),
    });
    await recordAudit(tx, options.context, {
      action: options.support ? 'topic.support' : 'topic.withdraw-support',
      objectType: 'topic',
      objectId: topic.id,
      details: { supportCount, threshold: topic.threshold, reached },
      scopePath: topic.path,
    });
    if (reached) await placeOnAgenda(tx, deps.sender, { ...topic, supportCount, state: 'qualified' }, now);
  });
  return getTopic(db, actor, options.topicId);
}

/** The expiry job: open topics past their date are marked expired (they stay listed, shown as expired). */
export async function expireTopics(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await consultationRepository.dueToExpire(tx, now);
    for (const topic of due) {
      await consultationRepository.updateTopic(tx, topic.id, { state: 'expired', expiredAt: now });
      await recordAudit(
        tx,
        { actor: null, requestId: null },
        {
          action: 'topic.expire',
          objectType: 'topic',
          objectId: topic.id,
          details: { supportCount: topic.supportCount, threshold: topic.threshold },
          scopePath: topic.path,
        },
      );
    }
    return due.length;
  });
}
