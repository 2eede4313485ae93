import { describe, expect, it } from 'vitest';
import {
  commandUnitFor,
  dueAfterHold,
  NO_CLOCK,
  nextStageClock,
  type StageLimits,
  stageDueAt,
  warningAt,
} from './stage-clock.js';
import { timeLimitState, workingTimeBetween } from './work-calendar.js';
import { reportCase } from './workflow.js';
import type { CaseSnapshot } from './workflow-types.js';

/** A China-local wall-clock time as an instant. */
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const LIMITS: StageLimits = {
  registerHours: 2,
  dispatchHours: 2,
  handle: { unit: 'working_days', amount: 2 },
  verifyHours: 4,
  callbackDays: 1,
};

const base = reportCase(
  {
    id: 'c',
    matterCode: 'CG-0104',
    level: 'town',
    commandUnitId: 'town-cc',
    reporterUserId: null,
    needsOnSiteVerification: true,
    channel: 'desk',
  },
  cst('2026-05-12 09:00'),
).snapshot;
const inState = (patch: Partial<CaseSnapshot>): CaseSnapshot => ({ ...base, ...patch });

describe('nextStageClock', () => {
  it('starts the register limit at intake', () => {
    const clock = nextStageClock(NO_CLOCK, null, base, cst('2026-05-12 09:00'), LIMITS);
    expect(clock).toEqual({ stage: 'register', startedAt: cst('2026-05-12 09:00'), dueAt: cst('2026-05-12 11:00') });
  });

  it('counts working hours across lunch and the night', () => {
    expect(stageDueAt('dispatch', cst('2026-05-12 11:00'), LIMITS)).toEqual(cst('2026-05-12 14:30'));
    expect(stageDueAt('verify', cst('2026-05-12 16:30'), LIMITS)).toEqual(cst('2026-05-13 11:30'));
    expect(stageDueAt('callback', cst('2026-05-15 10:00'), LIMITS)).toEqual(cst('2026-05-18 17:30')); // Fri → Mon
  });

  it('keeps the clock while the case stays in its stage (a supervision, an extension request)', () => {
    const registered = inState({ state: 'registered' });
    const clock = nextStageClock(NO_CLOCK, base, registered, cst('2026-05-12 10:00'), LIMITS);
    const again = nextStageClock(
      clock,
      registered,
      { ...registered, supervisionCount: 1 },
      cst('2026-05-12 11:00'),
      LIMITS,
    );
    expect(again).toBe(clock);
  });

  it('restarts the dispatch limit when an escalation hands the case to another command unit', () => {
    const registered = inState({ state: 'registered' });
    const clock = nextStageClock(NO_CLOCK, base, registered, cst('2026-05-12 10:00'), LIMITS);
    const escalated = { ...registered, commandUnitId: 'city-cc', level: 'city' as const };
    const next = nextStageClock(clock, registered, escalated, cst('2026-05-12 15:00'), LIMITS);
    expect(next).toEqual({ stage: 'dispatch', startedAt: cst('2026-05-12 15:00'), dueAt: cst('2026-05-12 17:00') });
  });

  it('runs handling until the due date on the case, from dispatch while the same unit handles', () => {
    const due = cst('2026-05-14 17:30');
    const dispatched = inState({ state: 'dispatched', assignedUnitId: 'urban', handleDueAt: due });
    const clock = nextStageClock(
      NO_CLOCK,
      inState({ state: 'registered' }),
      dispatched,
      cst('2026-05-12 10:00'),
      LIMITS,
    );
    expect(clock).toEqual({ stage: 'handle', startedAt: cst('2026-05-12 10:00'), dueAt: due });
    const accepted = { ...dispatched, state: 'accepted' as const };
    expect(nextStageClock(clock, dispatched, accepted, cst('2026-05-12 11:00'), LIMITS)).toEqual(clock);
    const redispatched = { ...dispatched, assignedUnitId: 'power', handleDueAt: cst('2026-05-15 17:30') };
    expect(nextStageClock(clock, accepted, redispatched, cst('2026-05-13 09:00'), LIMITS).startedAt).toEqual(
      cst('2026-05-13 09:00'),
    );
  });

  it('stops every clock on hold and in finished states', () => {
    for (const state of ['on_hold', 'rated', 'archived', 'voided'] as const) {
      expect(nextStageClock(NO_CLOCK, base, inState({ state }), cst('2026-05-12 10:00'), LIMITS)).toEqual(NO_CLOCK);
    }
  });
});

describe('warningAt', () => {
  it('falls where timeLimitState turns to warning', () => {
    const start = cst('2026-05-12 10:00');
    const due = cst('2026-05-14 17:30');
    const at = warningAt(start, due, 0.8);
    expect(timeLimitState(start, due, new Date(at.getTime() - 60_000), 0.8)).toBe('normal');
    expect(timeLimitState(start, due, at, 0.8)).toBe('warning');
    expect(workingTimeBetween(start, at) / workingTimeBetween(start, due)).toBeCloseTo(0.8, 3);
  });
});

describe('dueAfterHold', () => {
  it('moves the due date by the working time spent on hold, not by evenings and weekends', () => {
    // Held Friday 16:30, resumed Monday 09:30: 1 h Friday + 1 h Monday of working time.
    expect(dueAfterHold(cst('2026-05-19 10:00'), cst('2026-05-15 16:30'), cst('2026-05-18 09:30'))).toEqual(
      cst('2026-05-19 12:00'),
    );
    expect(dueAfterHold(cst('2026-05-19 10:00'), cst('2026-05-16 10:00'), cst('2026-05-17 10:00'))).toEqual(
      cst('2026-05-19 10:00'),
    );
  });
});

describe('commandUnitFor', () => {
  const units: Record<string, string> = { '320281': 'county-cc', '320281001': 'town-cc', '320281001001': 'ws' };
  const lookup = (code: string) => units[code];
  const path = '320281/320281001/320281001001';

  it('finds the unit of the level for the region', () => {
    expect(commandUnitFor('community', path, lookup)).toEqual({ unitId: 'ws', level: 'community' });
    expect(commandUnitFor('town', path, lookup)).toEqual({ unitId: 'town-cc', level: 'town' });
    expect(commandUnitFor('city', path, lookup)).toEqual({ unitId: 'county-cc', level: 'city' });
  });

  it('moves up when the place is coarser than the level or has no unit (属地兜底)', () => {
    expect(commandUnitFor('community', '320281/320281001', lookup)).toEqual({ unitId: 'town-cc', level: 'town' });
    expect(commandUnitFor('community', '320281/320281002/320281002001', lookup)).toEqual({
      unitId: 'county-cc',
      level: 'city',
    });
    expect(commandUnitFor('town', '999999', () => undefined)).toBeNull();
  });
});
