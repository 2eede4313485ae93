import type { Executor } from '../../db/client.js';
import { caseTimelineRepository, type NewCaseEventRow } from './case-timeline.repository.js';
import { caseTimersRepository, type NewCaseTimerRow } from './case-timers.repository.js';
import { type CaseRow, casesRepository, type NewCaseRow } from './cases.repository.js';
import type { CaseSettings } from './cases.settings.js';
import type { TimerKind } from './cases.tables.js';
import { NO_CLOCK, nextStageClock, type StageClock, type StageLimits, warningAt } from './domain/stage-clock.js';
import type { CaseSnapshot, TimelineEvent } from './domain/workflow-types.js';
import { clockColumns } from './present-case.js';
import { loadSnapshot, storeSnapshot } from './snapshot-json.js';

const CLOCK_TIMERS: readonly TimerKind[] = ['warning', 'overdue', 'escalate', 'callback'];
const TERMINAL_STATES = new Set(['voided', 'archived']);

/** A domain timeline event as a row of the case's timeline. */
export const eventRow = (caseId: string, e: TimelineEvent): NewCaseEventRow => ({
  caseId,
  type: e.type,
  at: e.at,
  actorUserId: e.actorUserId,
  actorUnitId: e.actorUnitId,
  fromState: e.fromState,
  toState: e.toState,
  details: { ...e.details },
});

export const clockOf = (row: Pick<CaseRow, 'stage' | 'stageStartedAt' | 'stageDueAt'>): StageClock =>
  row.stage === null ? NO_CLOCK : { stage: row.stage, startedAt: row.stageStartedAt, dueAt: row.stageDueAt };

/** The columns that repeat the snapshot for queries. */
export function snapshotColumns(after: CaseSnapshot, before: CaseRow | null, now: Date): Partial<NewCaseRow> {
  const finished = after.state === 'closed' || after.state === 'rated' || after.state === 'archived';
  const involved = new Set<string>([
    ...(after.assignedUnitId ? [after.assignedUnitId] : []),
    ...after.assistingUnitIds,
    ...(after.whistle?.units.map((u) => u.unitId) ?? []),
  ]);
  return {
    state: after.state,
    level: after.level,
    matterCode: after.matterCode,
    commandUnitId: after.commandUnitId,
    assignedUnitId: after.assignedUnitId,
    involvedUnitIds: [...involved],
    handleDueAt: after.handleDueAt,
    snapshot: storeSnapshot(after),
    closedAt: finished ? (before?.closedAt ?? now) : null,
    archivedAt: after.state === 'archived' ? now : null,
    updatedAt: now,
  };
}

/** Timers of a new clock: a warning at the warning share and the overdue at the limit; one callback for the callback stage. */
export function timersForClock(caseId: string, clock: StageClock, settings: CaseSettings): NewCaseTimerRow[] {
  if (clock.stage === null || clock.dueAt === null || clock.startedAt === null) return [];
  const base = { caseId, stage: clock.stage, forDueAt: clock.dueAt };
  if (clock.stage === 'callback') return [{ ...base, kind: 'callback', dueAt: clock.dueAt }];
  return [
    { ...base, kind: 'warning', dueAt: warningAt(clock.startedAt, clock.dueAt, settings.warnShare, settings.calendar) },
    { ...base, kind: 'overdue', dueAt: clock.dueAt },
  ];
}

const sameClock = (a: StageClock, b: StageClock) =>
  a.stage === b.stage && a.startedAt?.getTime() === b.startedAt?.getTime() && a.dueAt?.getTime() === b.dueAt?.getTime();

/**
 * Stores a transition of a case in the caller's transaction: the snapshot and the columns
 * that repeat it, the timeline events, the stage clock and its timers. A clock that
 * changes cancels the old timers and sets new ones; the time state starts 'normal' again
 * and the timers raise it (so every yellow and red is on the timeline). Returns false
 * when the row was changed by someone else since it was read.
 */
export async function saveTransition(
  tx: Executor,
  input: {
    row: CaseRow;
    after: CaseSnapshot;
    events: readonly TimelineEvent[];
    now: Date;
    limits: StageLimits;
    settings: CaseSettings;
    extra?: Partial<NewCaseRow>;
  },
): Promise<boolean> {
  const { row, after, now, settings } = input;
  const previous = clockOf(row);
  // Only the stage clock is derived here; it does not depend on who reported.
  const before = loadSnapshot(row.snapshot, []);
  const clock = nextStageClock(previous, before, after, now, input.limits, settings.calendar);
  const clockChanged = !sameClock(previous, clock);
  const saved = await casesRepository.updateCase(tx, row.id, row.version, {
    ...snapshotColumns(after, row, now),
    ...clockColumns(clock),
    ...(clockChanged ? { timeState: 'normal' as const } : {}),
    ...input.extra,
  });
  if (!saved) return false;
  await caseTimelineRepository.insertEvents(
    tx,
    input.events.map((e) => eventRow(row.id, e)),
  );
  if (TERMINAL_STATES.has(after.state)) {
    await caseTimersRepository.cancelPendingTimers(tx, row.id, [...CLOCK_TIMERS, 'archive', 'hold_review'], now);
    return true;
  }
  // A hold is looked at again on its review date (挂账到期); leaving the hold drops the reminder.
  if (row.state === 'on_hold' && after.state !== 'on_hold') {
    await caseTimersRepository.cancelPendingTimers(tx, row.id, ['hold_review'], now);
  }
  if (after.state === 'on_hold' && row.state !== 'on_hold' && after.hold?.reviewAt) {
    const reviewAt = after.hold.reviewAt;
    await caseTimersRepository.insertTimers(tx, [
      { caseId: row.id, kind: 'hold_review', forDueAt: reviewAt, dueAt: reviewAt },
    ]);
  }
  if (clockChanged) {
    await caseTimersRepository.cancelPendingTimers(tx, row.id, CLOCK_TIMERS, now);
    await caseTimersRepository.insertTimers(tx, timersForClock(row.id, clock, settings));
  }
  if (after.state === 'rated' && row.state !== 'rated') {
    const archiveAt = new Date(now.getTime() + settings.archiveAfterDays * 86_400_000);
    await caseTimersRepository.insertTimers(tx, [{ caseId: row.id, kind: 'archive', dueAt: archiveAt }]);
  }
  if (row.state === 'rated' && after.state !== 'rated') {
    await caseTimersRepository.cancelPendingTimers(tx, row.id, ['archive'], now);
  }
  return true;
}
