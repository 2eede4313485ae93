import { isOpenState } from '@yiwang/contracts';
import type { Db, Tx } from '../../../db/client.js';
import type { CatalogMatter } from '../../catalog/index.js';
import { matterOfCase, stageLimitsOf } from '../case-deps.js';
import { caseTimelineRepository } from '../case-timeline.repository.js';
import { type CaseTimerRow, caseTimersRepository } from '../case-timers.repository.js';
import { saveTransition } from '../case-writer.js';
import { type CaseRow, casesRepository } from '../cases.repository.js';
import { type CaseSettings, DEFAULT_CASE_SETTINGS } from '../cases.settings.js';
import { ALLOWED_STATES } from '../domain/authority.js';
import { addWorkingHours } from '../domain/work-calendar.js';
import { transition } from '../domain/workflow.js';
import type { Actor, Command } from '../domain/workflow-types.js';
import { loadSnapshot } from '../snapshot-json.js';
import { escalationTarget } from './run-case-command.js';

/** The platform itself, as the workflow knows it: no person, no unit. */
export const SYSTEM_ACTOR: Actor = { userId: null, roles: ['system'], unitId: null };

/** A timer that failed this many times stops being retried (and is left for an administrator). */
const MAX_ATTEMPTS = 5;

export interface TimerRun {
  claimed: number;
  /** Timers whose effect was applied. */
  applied: number;
  /** Timers whose case had moved on (another stage, a new due date): closed without effect. */
  stale: number;
  failed: number;
}

type Outcome = 'applied' | 'stale';

/**
 * The timer worker: claims due timers with SELECT … FOR UPDATE SKIP LOCKED, applies each
 * and marks it done in the same transaction, so a restart loses none (they are rows, due
 * or past due) and a second worker doubles none (it skips the claimed rows, and after the
 * commit they are no longer pending). The cases of the batch are locked in id order, so
 * two workers cannot deadlock. Each timer runs in a savepoint: one that throws is retried
 * later with a back-off instead of blocking the others.
 * - warning → time state 'warning' (yellow) and a timeline event;
 * - overdue → 'overdue' (red), supervised (督办) by the system, and an escalation timer
 *   when the matter's rule asks for one;
 * - escalate → one level up (community → town → city) by the system;
 * - callback → the closed case is due for its callback (回访 list);
 * - archive → a rated case is archived;
 * - hold_review → a held case reached its review date: 'overdue', so it is back in the
 *   挂账到期 queue, with a timeline event (resuming it clears both).
 */
export async function processDueTimers(
  db: Db,
  now: Date,
  limit = 100,
  settings: CaseSettings = DEFAULT_CASE_SETTINGS,
): Promise<TimerRun> {
  return db.transaction(async (tx) => {
    const run: TimerRun = { claimed: 0, applied: 0, stale: 0, failed: 0 };
    const timers = await caseTimersRepository.claimDueTimers(tx, now, limit);
    run.claimed = timers.length;
    if (timers.length === 0) return run;
    await casesRepository.lockByIds(tx, [...new Set(timers.map((t) => t.caseId))]);
    for (const timer of timers) {
      try {
        const outcome = await tx.transaction((savepoint) => applyTimer(savepoint, timer, now, settings));
        await caseTimersRepository.finishTimer(tx, timer.id, { status: 'done', at: now });
        run[outcome] += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const attempts = timer.attempts + 1;
        await caseTimersRepository.finishTimer(
          tx,
          timer.id,
          attempts >= MAX_ATTEMPTS
            ? { status: 'failed', at: now, error: message }
            : { status: 'pending', retryAt: new Date(now.getTime() + attempts * 60_000), error: message },
        );
        run.failed += 1;
      }
    }
    return run;
  });
}

const sameInstant = (a: Date | null, b: Date | null) => a?.getTime() === b?.getTime();

/** Whether the case still runs the limit the timer was set for. */
const forCurrentClock = (timer: CaseTimerRow, row: CaseRow) =>
  timer.stage === row.stage && sameInstant(timer.forDueAt, row.stageDueAt);

async function applyTimer(tx: Tx, timer: CaseTimerRow, now: Date, settings: CaseSettings): Promise<Outcome> {
  const [row] = await casesRepository.lockByIds(tx, [timer.caseId]);
  if (!row) return 'stale';
  switch (timer.kind) {
    case 'warning':
      if (!forCurrentClock(timer, row) || row.timeState !== 'normal') return 'stale';
      await markTimeState(tx, row, 'warning', 'time_warning', now);
      return 'applied';
    case 'overdue': {
      if (!forCurrentClock(timer, row) || row.timeState === 'overdue') return 'stale';
      const marked = await markTimeState(tx, row, 'overdue', 'time_overdue', now);
      const matter = await matterOfCase(tx, marked);
      if (isOpenState(marked.state)) {
        await runSystemCommand(tx, marked, matter, { type: 'supervise', note: '超期自动督办' }, now, settings);
      }
      if (matter.escalation && ALLOWED_STATES.escalate.includes(marked.state) && marked.level !== 'city') {
        await caseTimersRepository.insertTimers(tx, [
          {
            caseId: row.id,
            kind: 'escalate',
            stage: timer.stage,
            forDueAt: timer.forDueAt,
            dueAt: addWorkingHours(timer.forDueAt ?? now, matter.escalation.afterOverdueHours, settings.calendar),
          },
        ]);
      }
      return 'applied';
    }
    case 'escalate': {
      if (!forCurrentClock(timer, row)) return 'stale';
      const matter = await matterOfCase(tx, row);
      const toCommandUnitId = await escalationTarget(tx, row, loadSnapshot(row.snapshot, []));
      const reason = `超过${stageName(timer.stage)}时限，按事项规则自动上报升级`;
      return runSystemCommand(tx, row, matter, { type: 'escalate', reason, toCommandUnitId }, now, settings);
    }
    case 'callback':
      if (row.state !== 'closed' || !forCurrentClock(timer, row) || row.timeState === 'overdue') return 'stale';
      await markTimeState(tx, row, 'overdue', 'callback_due', now);
      return 'applied';
    case 'hold_review': {
      // The hold it was set for, still running (a later hold of the same case has its own timer).
      const reviewAt = row.snapshot.hold?.reviewAt ?? null;
      if (row.state !== 'on_hold' || reviewAt === null || !sameInstant(new Date(reviewAt), timer.forDueAt)) {
        return 'stale';
      }
      if (row.timeState === 'overdue') return 'stale';
      await markTimeState(tx, row, 'overdue', 'hold_review_due', now, { reviewAt });
      return 'applied';
    }
    case 'archive': {
      if (row.state !== 'rated') return 'stale';
      const matter = await matterOfCase(tx, row);
      return runSystemCommand(tx, row, matter, { type: 'archive' }, now, settings);
    }
    default: {
      const unknown: never = timer.kind;
      throw new Error(`unknown timer kind ${String(unknown)}`);
    }
  }
}

async function markTimeState(
  tx: Tx,
  row: CaseRow,
  timeState: 'warning' | 'overdue',
  eventType: 'time_warning' | 'time_overdue' | 'callback_due' | 'hold_review_due',
  now: Date,
  details: Record<string, unknown> = { stage: row.stage, dueAt: row.stageDueAt?.toISOString() ?? null },
): Promise<CaseRow> {
  const saved = await casesRepository.updateCase(tx, row.id, row.version, { timeState, updatedAt: now });
  if (!saved) throw new Error(`case ${row.code} changed under its lock`);
  await caseTimelineRepository.insertEvents(tx, [
    {
      caseId: row.id,
      type: eventType,
      at: now,
      actorUserId: null,
      actorUnitId: null,
      fromState: row.state,
      toState: row.state,
      details,
    },
  ]);
  return { ...row, timeState, updatedAt: now, version: row.version + 1 };
}

/** A command by the platform; a refusal (the case moved on) leaves the case as it is. */
async function runSystemCommand(
  tx: Tx,
  row: CaseRow,
  matter: CatalogMatter,
  command: Command,
  now: Date,
  settings: CaseSettings,
): Promise<Outcome> {
  const result = transition(loadSnapshot(row.snapshot, []), command, SYSTEM_ACTOR, now, settings.policy);
  if (!result.ok) return 'stale';
  const saved = await saveTransition(tx, {
    row,
    after: result.next,
    events: result.events,
    now,
    limits: stageLimitsOf(matter, settings),
    settings,
  });
  if (!saved) throw new Error(`case ${row.code} changed under its lock`);
  return 'applied';
}

function stageName(stage: CaseTimerRow['stage']): string {
  switch (stage) {
    case 'register':
      return '立案';
    case 'dispatch':
      return '派遣';
    case 'handle':
      return '处置';
    case 'verify':
      return '核查';
    case 'callback':
      return '回访';
    case null:
      return '';
    default:
      return stage;
  }
}
