import type { CaseStateName, Decision, DecisionList, DecisionListQuery, NoticeList } from '@yiwang/contracts';
import { CASE_STATE_LABELS } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { domainEventsAfter, latestDomainEventId } from '../../events/index.js';
import { consultationRepository } from '../consultation.repository.js';
import { taskStepOfCaseState } from '../domain/consultation-rules.js';
import type { NoticeSender } from '../notice-sender.js';
import { CASE_CURSOR as CURSOR } from './case-cursor.js';
import { getDecision, listDecisions, moveTask } from './decisions.js';
import { listMyNotices } from './notify-followers.js';

const BATCH = 500;

/**
 * Moves the tasks carried out as cases with their cases: reads case events from the domain
 * event log after this module's cursor (so the cases module knows nothing of consultation),
 * and turns each state change of a task's case into the task's status, percentage, timeline
 * line and followers' notices. One follower at a time (the cursor row is locked); the cursor
 * moves in the same transaction as the tasks, so nothing is applied twice or skipped.
 * Run by the job and before a decision is read, so residents always see the latest.
 */
export async function followCaseEvents(db: Db, deps: { sender: NoticeSender }): Promise<number> {
  let applied = 0;
  for (;;) {
    const more = await db.transaction(async (tx) => {
      const startAt = await latestDomainEventId(tx);
      const after = await consultationRepository.lockCursor(tx, CURSOR, startAt);
      const events = await domainEventsAfter(tx, { afterId: after, aggregateKind: 'case', limit: BATCH });
      if (events.length === 0) return false;
      const codes = [...new Set(events.map((e) => String(e.payload.caseCode ?? '')).filter(Boolean))];
      const tasks = await consultationRepository.tasksOfCases(tx, codes);
      const byCode = new Map(tasks.map((t) => [t.caseCode, t]));
      for (const event of events) {
        const task = byCode.get(String(event.payload.caseCode ?? ''));
        const toState = event.payload.toState as CaseStateName | null | undefined;
        if (!task || !toState) continue;
        const step = taskStepOfCaseState(toState);
        if (!step) continue;
        const decision = await consultationRepository.decisionById(tx, task.decisionId);
        if (!decision) continue;
        const note = `案件${String(event.payload.caseCode)}：${CASE_STATE_LABELS[toState]['zh-CN']}`;
        if (await moveTask(tx, deps.sender, decision, task, { ...step, note, at: event.occurredAt })) {
          applied++;
          byCode.set(task.caseCode, { ...task, ...step });
        }
      }
      const last = events[events.length - 1];
      if (last) await consultationRepository.moveCursor(tx, CURSOR, last.id);
      return events.length === BATCH;
    });
    if (!more) return applied;
  }
}

/** A decision read with its case tasks brought up to date first (the job may not have run yet). */
export async function readDecision(
  db: Db,
  deps: { sender: NoticeSender },
  actor: Actor,
  id: string,
): Promise<Decision> {
  await followCaseEvents(db, deps);
  return getDecision(db, actor, id);
}

export async function readDecisions(
  db: Db,
  deps: { sender: NoticeSender },
  actor: Actor,
  query: DecisionListQuery,
): Promise<DecisionList> {
  await followCaseEvents(db, deps);
  return listDecisions(db, actor, query);
}

/** My notices, with those of case changes not yet followed added first. */
export async function readMyNotices(db: Db, deps: { sender: NoticeSender }, actor: Actor): Promise<NoticeList> {
  await followCaseEvents(db, deps);
  return listMyNotices(db, actor);
}
