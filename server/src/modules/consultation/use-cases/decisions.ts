import type {
  CreateTaskBody,
  Decision,
  DecisionList,
  DecisionListQuery,
  DecisionTask,
  Locale,
  TaskProgressBody,
} from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { type CaseDeps, reportCase } from '../../cases/index.js';
import { consultationRepository, type DecisionRow, type TaskRow } from '../consultation.repository.js';
import { decisionProgress, type TaskStatus } from '../domain/consultation-rules.js';
import type { NoticeSender } from '../notice-sender.js';
import { ensureCaseCursor } from './case-cursor.js';
import { communityForDesk, readScopeOf } from './community.js';
import { followersOf, notifyUsers } from './notify-followers.js';

/** Decisions with their tasks and each task's timeline (Decidim's accountability). */
export async function presentDecisions(db: Executor, rows: DecisionRow[], locale: Locale): Promise<Decision[]> {
  const [names, tasks] = await Promise.all([
    consultationRepository.communityNames(
      db,
      rows.map((r) => r.regionCode),
    ),
    consultationRepository.tasksOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const updates = await consultationRepository.updatesOf(
    db,
    tasks.map((t) => t.id),
  );
  return rows.map((row) => {
    const name = names.get(row.regionCode);
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      community: { code: row.regionCode, name: name ? (locale === 'en-US' ? name.nameEn : name.name) : row.regionCode },
      meetingId: row.meetingId,
      topicId: row.topicId,
      state: row.state,
      progress: row.progress,
      decidedAt: row.decidedAt.toISOString(),
      tasks: tasks
        .filter((t) => t.decisionId === row.id)
        .map(
          (t): DecisionTask => ({
            id: t.id,
            kind: t.kind,
            title: t.title,
            ownerName: t.ownerName,
            caseCode: t.caseCode,
            status: t.status,
            progress: t.progress,
            updates: updates
              .filter((u) => u.taskId === t.id)
              .map((u) => ({ status: u.status, progress: u.progress, note: u.note, at: u.at.toISOString() })),
          }),
        ),
    };
  });
}

export async function getDecision(db: Db, actor: Actor, id: string): Promise<Decision> {
  const row = await consultationRepository.decisionInScope(db, id, await readScopeOf(db, actor));
  if (!row) throw new DomainError('not-found');
  const [decision] = await presentDecisions(db, [row], actor.locale);
  if (!decision) throw new Error('decision vanished');
  return decision;
}

export async function listDecisions(db: Db, actor: Actor, query: DecisionListQuery): Promise<DecisionList> {
  let scopePath = await readScopeOf(db, actor);
  if (query.regionCode) scopePath = (await communityForDesk(db, { ...actor, scopePath }, query.regionCode)).path;
  return { items: await presentDecisions(db, await consultationRepository.listDecisions(db, scopePath), actor.locale) };
}

/**
 * A task's new status and percentage, with a line on its timeline and a notice to every
 * follower of the decision; the decision's progress follows its tasks (done: one more notice).
 * Nothing changes (and no one is told) when status and percentage stay the same.
 */
export async function moveTask(
  tx: Executor,
  sender: NoticeSender,
  decision: DecisionRow,
  task: TaskRow,
  step: { status: TaskStatus; progress: number; note: string; at: Date },
): Promise<boolean> {
  if (task.status === step.status && task.progress === step.progress) return false;
  await consultationRepository.updateTask(tx, task.id, {
    status: step.status,
    progress: step.progress,
    updatedAt: step.at,
  });
  await consultationRepository.insertTaskUpdate(tx, { taskId: task.id, ...step });
  const followers = await followersOf(tx, decision);
  await notifyUsers(tx, sender, followers, {
    kind: 'task.status',
    params: {
      decision: decision.title,
      task: task.title,
      status: step.status,
      progress: step.progress,
      note: step.note,
    },
    decisionId: decision.id,
    topicId: decision.topicId,
    at: step.at,
  });
  const all = await consultationRepository.tasksOf(tx, [decision.id]);
  const overall = decisionProgress(all.map((t) => (t.id === task.id ? { ...t, ...step } : t)));
  await consultationRepository.updateDecision(tx, decision.id, overall);
  if (overall.state === 'done' && decision.state !== 'done') {
    await notifyUsers(tx, sender, followers, {
      kind: 'decision.done',
      params: { decision: decision.title },
      decisionId: decision.id,
      topicId: decision.topicId,
      at: step.at,
    });
  }
  return true;
}

/**
 * A decision becomes a task: a case in the case loop when a unit must act (reported through the
 * one intake on the `consultation` channel; its timeline then moves the task), or a community
 * task with an owner the desk reports on. Followers are told.
 */
export async function createDecisionTask(
  deps: CaseDeps & { sender: NoticeSender },
  options: { actor: Actor; context: AuditContext; decisionId: string; body: CreateTaskBody; now: Date },
): Promise<Decision> {
  const { actor, body, now } = options;
  const { db } = deps;
  const decision = await consultationRepository.decisionInScope(db, options.decisionId, actor.scopePath);
  if (!decision) throw new DomainError('not-found');
  const taskId = crypto.randomUUID();
  let caseCode: string | null = null;
  if (body.kind === 'case') {
    await db.transaction((tx) => ensureCaseCursor(tx));
    // Its own transaction (the intake's); the task's id is the report's external id, so a retry finds the same case.
    const outcome = await reportCase(
      deps,
      options.context,
      {
        channel: 'consultation',
        matterCode: body.matterCode,
        description: body.description,
        point: body.point ? { ...body.point, crs: 'WGS84' } : undefined,
        address: body.address,
        formAnswers: body.formAnswers ?? {},
        reporter: { userId: actor.id, name: actor.label, phone: null, anonymous: false },
        enteredByUserId: actor.id,
        externalId: taskId,
        fallbackRegionCode: decision.regionCode,
        photoScopePath: actor.scopePath,
        reporterScopePath: actor.scopePath,
      },
      { now, showSuggestions: false },
    );
    caseCode = outcome.value.case.code;
  }
  await db.transaction(async (tx) => {
    const locked = await consultationRepository.decisionById(tx, decision.id);
    if (!locked) throw new DomainError('not-found');
    const task = await consultationRepository.insertTask(tx, {
      id: taskId,
      decisionId: decision.id,
      kind: body.kind,
      title: body.title.trim(),
      ownerName: body.kind === 'community' ? body.ownerName.trim() : null,
      caseCode,
      status: 'not_started',
      progress: 0,
      createdAt: now,
      updatedAt: now,
    });
    await consultationRepository.insertTaskUpdate(tx, {
      taskId: task.id,
      status: 'not_started',
      progress: 0,
      note: caseCode ? `已转入案件办理（${caseCode}）` : `已指定负责人：${task.ownerName ?? ''}`,
      at: now,
    });
    const all = await consultationRepository.tasksOf(tx, [decision.id]);
    await consultationRepository.updateDecision(tx, decision.id, decisionProgress(all));
    await recordAudit(tx, options.context, {
      action: 'decision.task',
      objectType: 'decision-task',
      objectId: task.id,
      details: { decisionId: decision.id, kind: task.kind, caseCode },
      scopePath: decision.path,
    });
    await notifyUsers(tx, deps.sender, await followersOf(tx, locked), {
      kind: 'task.created',
      params: {
        decision: locked.title,
        task: task.title,
        owner: caseCode ? `案件 ${caseCode}` : (task.ownerName ?? ''),
      },
      decisionId: decision.id,
      topicId: decision.topicId,
      at: now,
    });
  });
  return getDecision(db, actor, decision.id);
}

/** The desk reports a community task's progress (a case's task moves with its case only). */
export async function reportTaskProgress(
  db: Db,
  deps: { sender: NoticeSender },
  options: {
    actor: Actor;
    context: AuditContext;
    decisionId: string;
    taskId: string;
    body: TaskProgressBody;
    now: Date;
  },
): Promise<Decision> {
  const { actor, body, now } = options;
  await db.transaction(async (tx) => {
    const decision = await consultationRepository.decisionInScope(tx, options.decisionId, actor.scopePath, true);
    if (!decision) throw new DomainError('not-found');
    const task = await consultationRepository.task(tx, decision.id, options.taskId);
    if (!task) throw new DomainError('not-found');
    if (task.kind === 'case') throw new DomainError('task-follows-case', { caseCode: task.caseCode ?? '' });
    const progress = body.status === 'done' ? 100 : body.progress;
    await moveTask(tx, deps.sender, decision, task, { status: body.status, progress, note: body.note.trim(), at: now });
    await recordAudit(tx, options.context, {
      action: 'decision.progress',
      objectType: 'decision-task',
      objectId: task.id,
      details: { decisionId: decision.id, status: body.status, progress },
      scopePath: decision.path,
    });
  });
  return getDecision(db, actor, options.decisionId);
}
