import type { HandlingLevel } from '@yiwang/contracts';
import { assertUnreachable } from './types.js';
import {
  addWorkingDays,
  addWorkingDuration,
  addWorkingHours,
  addWorkingTime,
  DEFAULT_WORK_CALENDAR,
  type TimeLimitState,
  timeLimitState,
  type WorkCalendar,
  type WorkingDuration,
  workingTimeBetween,
} from './work-calendar.js';
import { type ClockStage, clockStage } from './workflow.js';
import type { CaseSnapshot } from './workflow-types.js';

/**
 * The running time limit of a case: which stage's clock runs, since when and until when.
 * The workflow only knows the handling due date (it is part of the commands); the other
 * stages' limits come from the matter catalog and start when the case enters the stage.
 */
export interface StageClock {
  readonly stage: ClockStage;
  readonly startedAt: Date | null;
  readonly dueAt: Date | null;
}

export const NO_CLOCK: StageClock = { stage: null, startedAt: null, dueAt: null };

/** The limits a matter sets, plus the callback (回访) limit of the loop. */
export interface StageLimits {
  readonly registerHours: number;
  readonly dispatchHours: number;
  readonly handle: WorkingDuration;
  readonly verifyHours: number;
  /** Working days from closing to the callback (回访): "callback next day". */
  readonly callbackDays: number;
}

/**
 * The clock after a change from `before` to `after` at `now`. A stage the case stays in
 * keeps its clock (a supervision or an extension request starts nothing); entering a
 * stage starts its limit now. Handling runs until `handleDueAt`, which the caller put on
 * the command (dispatch, extension, resume, rework); its start stays while the same unit
 * handles, so a warning is measured against the whole limit.
 */
export function nextStageClock(
  previous: StageClock,
  before: CaseSnapshot | null,
  after: CaseSnapshot,
  now: Date,
  limits: StageLimits,
  calendar: WorkCalendar = DEFAULT_WORK_CALENDAR,
): StageClock {
  const stage = clockStage(after.state);
  if (stage === null) return NO_CLOCK;
  if (stage === 'handle') {
    const sameHandling =
      previous.stage === 'handle' && before !== null && before.assignedUnitId === after.assignedUnitId;
    const startedAt = sameHandling && previous.startedAt ? previous.startedAt : now;
    const dueAt = after.handleDueAt ?? addWorkingDuration(startedAt, limits.handle, calendar);
    return { stage, startedAt, dueAt };
  }
  const sameStage =
    previous.stage === stage &&
    before !== null &&
    before.state === after.state &&
    before.commandUnitId === after.commandUnitId;
  if (sameStage) return previous;
  return { stage, startedAt: now, dueAt: stageDueAt(stage, now, limits, calendar) };
}

/** The due date of a stage entered at `start`. */
export function stageDueAt(
  stage: Exclude<ClockStage, null>,
  start: Date,
  limits: StageLimits,
  calendar: WorkCalendar = DEFAULT_WORK_CALENDAR,
): Date {
  switch (stage) {
    case 'register':
      return addWorkingHours(start, limits.registerHours, calendar);
    case 'dispatch':
      return addWorkingHours(start, limits.dispatchHours, calendar);
    case 'handle':
      return addWorkingDuration(start, limits.handle, calendar);
    case 'verify':
      return addWorkingHours(start, limits.verifyHours, calendar);
    case 'callback':
      return addWorkingDays(start, limits.callbackDays, calendar);
    default:
      return assertUnreachable(stage);
  }
}

/**
 * When the warning (预警) of a limit falls: once `warnShare` of its working time is spent,
 * the same moment {@link timeLimitState} turns to 'warning'.
 */
export function warningAt(
  startedAt: Date,
  dueAt: Date,
  warnShare: number,
  calendar: WorkCalendar = DEFAULT_WORK_CALENDAR,
): Date {
  const total = workingTimeBetween(startedAt, dueAt, calendar);
  if (total <= 0) return new Date(Math.min(startedAt.getTime(), dueAt.getTime()));
  return addWorkingTime(startedAt, Math.ceil(warnShare * total), calendar);
}

/** Where a clock stands at `now` ('normal' when no clock runs). */
export function clockState(
  clock: StageClock,
  now: Date,
  warnShare: number,
  calendar: WorkCalendar = DEFAULT_WORK_CALENDAR,
): TimeLimitState {
  if (clock.stage === null || clock.startedAt === null || clock.dueAt === null) return 'normal';
  return timeLimitState(clock.startedAt, clock.dueAt, now, warnShare, calendar);
}

/**
 * The due date moved on by the working time a case spent on hold (挂账): no clock runs
 * while a case is parked, so resuming gives back exactly what was left.
 */
export function dueAfterHold(
  dueAt: Date,
  heldSince: Date,
  resumedAt: Date,
  calendar: WorkCalendar = DEFAULT_WORK_CALENDAR,
): Date {
  return addWorkingTime(dueAt, Math.max(0, workingTimeBetween(heldSince, resumedAt, calendar)), calendar);
}

const LEVEL_INDEX: Readonly<Record<HandlingLevel, number>> = { city: 0, town: 1, community: 2 };
const LEVEL_OF_INDEX: readonly HandlingLevel[] = ['city', 'town', 'community'];

/**
 * The unit that registers and dispatches a case of `level` in the region at
 * `regionPath` ("county/town/community"): the county's command center for 'city' (江阴 is
 * a county-level city), the town's for 'town', the community workstation for
 * 'community'. When the region has none at that level (a report located only to its
 * town, a community without a workstation), the next level up takes it (属地兜底), and the
 * level returned says so.
 */
export function commandUnitFor(
  level: HandlingLevel,
  regionPath: string,
  commandUnitOf: (regionCode: string) => string | undefined,
): { unitId: string; level: HandlingLevel } | null {
  const regions = regionPath.split('/').filter((s) => s.length > 0);
  for (let i = Math.min(LEVEL_INDEX[level], regions.length - 1); i >= 0; i--) {
    const unitId = commandUnitOf(regions[i] as string);
    if (unitId !== undefined) return { unitId, level: LEVEL_OF_INDEX[i] as HandlingLevel };
  }
  return null;
}
