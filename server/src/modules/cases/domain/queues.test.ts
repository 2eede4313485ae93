import { describe, expect, it } from 'vitest';
import { isInQueue, QUEUES, type QueuedCase, queuesFor } from './queues.js';

const CC = 'town-cc';
const URBAN = 'urban';
const ENV = 'environment';

const base: QueuedCase = {
  state: 'registered',
  commandUnitId: CC,
  assignedUnitId: null,
  whistle: null,
  reworkCount: 0,
  dissatisfiedReopenCount: 0,
  timeState: 'normal',
};
const whistle = (arrivedAt: Date | null): QueuedCase['whistle'] => ({
  blownAt: new Date(0),
  blownByUserId: null,
  units: [{ unitId: ENV, summonedAt: new Date(0), arriveBy: new Date(1), arrivedAt, part: null, partRecordedAt: null }],
});
/** The queues of `unit` that hold the case. */
const queuesOf = (c: Partial<QueuedCase>, unit: string) =>
  Object.values(QUEUES)
    .filter((q) => isInQueue(q, { ...base, ...c }, unit))
    .map((q) => q.id);

describe('who has which queues', () => {
  it('an operator has the command desk’s queues, whistle included; a handler its unit’s', () => {
    expect(queuesFor(['operator']).map((q) => q.id)).toEqual([
      'intake',
      'dispatch',
      'returned',
      'callback',
      'whistle',
      'hold_due',
    ]);
    expect(queuesFor(['handler']).map((q) => q.id)).toEqual([
      'unit_inbox',
      'unit_due_soon',
      'unit_returned',
      'unit_rework',
      'unit_handling',
      'unit_summoned',
    ]);
  });

  it('a workstation commands and handles, but blows no whistle; others have no queues', () => {
    const ids = queuesFor(['workstation_staff']).map((q) => q.id);
    expect(ids).toContain('dispatch');
    expect(ids).toContain('unit_inbox');
    expect(ids).not.toContain('whistle');
    expect(queuesFor(['resident'])).toEqual([]);
    expect(queuesFor(['leader', 'grid_worker'])).toEqual([]);
  });
});

describe('which cases make each queue', () => {
  it('the command unit’s queues follow the state', () => {
    expect(queuesOf({ state: 'reported' }, CC)).toEqual(['intake']);
    expect(queuesOf({ state: 'registered' }, CC)).toEqual(['dispatch']);
    expect(queuesOf({ state: 'returned', assignedUnitId: URBAN }, CC)).toEqual(['returned']);
    expect(queuesOf({ state: 'closed' }, CC)).toEqual(['callback']);
    expect(queuesOf({ state: 'registered' }, 'another-cc')).toEqual([]);
  });

  it('a whistle is in the queue until every summoned unit arrived; the summoned unit has it too', () => {
    const waiting = { state: 'accepted' as const, assignedUnitId: URBAN, whistle: whistle(null) };
    expect(queuesOf(waiting, CC)).toEqual(['whistle']);
    expect(queuesOf(waiting, ENV)).toEqual(['unit_summoned']);
    const arrived = { ...waiting, whistle: whistle(new Date(2)) };
    expect(queuesOf(arrived, CC)).toEqual([]);
    expect(queuesOf(arrived, ENV)).toEqual([]);
  });

  it('a hold is due once its review date came (the timer made it overdue)', () => {
    expect(queuesOf({ state: 'on_hold' }, CC)).toEqual([]);
    expect(queuesOf({ state: 'on_hold', timeState: 'overdue' }, CC)).toEqual(['hold_due']);
  });

  it('the handling unit: to accept, handling, due soon, returned, rework', () => {
    expect(queuesOf({ state: 'dispatched', assignedUnitId: URBAN }, URBAN)).toEqual(['unit_inbox']);
    expect(queuesOf({ state: 'dispatched', assignedUnitId: URBAN, timeState: 'warning' }, URBAN)).toEqual([
      'unit_inbox',
      'unit_due_soon',
    ]);
    expect(queuesOf({ state: 'accepted', assignedUnitId: URBAN, timeState: 'overdue' }, URBAN)).toEqual([
      'unit_due_soon',
      'unit_handling',
    ]);
    expect(queuesOf({ state: 'returned', assignedUnitId: URBAN }, URBAN)).toEqual(['unit_returned']);
    expect(queuesOf({ state: 'accepted', assignedUnitId: URBAN, reworkCount: 1 }, URBAN)).toEqual([
      'unit_rework',
      'unit_handling',
    ]);
    expect(queuesOf({ state: 'accepted', assignedUnitId: URBAN, dissatisfiedReopenCount: 1 }, URBAN)).toContain(
      'unit_rework',
    );
    expect(queuesOf({ state: 'accepted', assignedUnitId: URBAN }, ENV)).toEqual([]);
  });
});
