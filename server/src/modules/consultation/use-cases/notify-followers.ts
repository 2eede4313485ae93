import type { Locale, Notice, NoticeList } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { consultationRepository, type NoticeRow } from '../consultation.repository.js';
import type { NoticeKind } from '../consultation.tables.js';
import { noticeWords } from '../notice-messages.js';
import type { NoticeSender } from '../notice-sender.js';

/**
 * Everyone who follows a decision: the residents who supported its topic, who attended its
 * meeting at the door, and who voted online there.
 */
export async function followersOf(
  tx: Executor,
  decision: { topicId: string | null; meetingId: string },
): Promise<string[]> {
  const [supporters, attendees, voters] = await Promise.all([
    decision.topicId ? consultationRepository.supporterUserIds(tx, decision.topicId) : Promise.resolve([]),
    consultationRepository.attendeeUserIds(tx, decision.meetingId),
    consultationRepository.onlineVoterUserIds(tx, decision.meetingId),
  ]);
  return [...new Set([...supporters, ...attendees, ...voters])];
}

/** A portal notice to each user (one per user), handed to the SMS/WeChat sender as well, in the change's transaction. */
export async function notifyUsers(
  tx: Executor,
  sender: NoticeSender,
  userIds: readonly string[],
  notice: {
    kind: NoticeKind;
    params: Record<string, string | number>;
    decisionId?: string | null;
    topicId?: string | null;
    at: Date;
  },
): Promise<number> {
  const rows = await consultationRepository.insertNotices(
    tx,
    [...new Set(userIds)].map((userId) => ({
      userId,
      kind: notice.kind,
      params: notice.params,
      decisionId: notice.decisionId ?? null,
      topicId: notice.topicId ?? null,
      sentVia: sender.name,
      createdAt: notice.at,
    })),
  );
  // The outgoing message in the portal's default language (a real sender would use the account's).
  const words = noticeWords(notice.kind, notice.params, 'zh-CN');
  for (const row of rows) sender.send({ userId: row.userId, ...words });
  return rows.length;
}

const presentNotice = (row: NoticeRow, locale: Locale): Notice => ({
  id: row.id,
  ...noticeWords(row.kind, row.params, locale),
  decisionId: row.decisionId,
  topicId: row.topicId,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

/** My notices, newest first, and how many are unread. */
export async function listMyNotices(db: Db, actor: Actor): Promise<NoticeList> {
  const rows = await consultationRepository.noticesOf(db, actor.id);
  return { items: rows.map((r) => presentNotice(r, actor.locale)), unread: rows.filter((r) => !r.readAt).length };
}

/** Marks one of my notices read (another's: 404). */
export async function readNotice(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  if (!(await consultationRepository.markNoticeRead(db, actor.id, id, now))) throw new DomainError('not-found');
}
