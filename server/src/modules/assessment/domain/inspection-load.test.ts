import { describe, expect, it } from 'vitest';
import { type BookedVisit, checkInspectionLoad, DEFAULT_INSPECTION_LIMITS, weekOf } from './inspection-load.js';

const limits = { ...DEFAULT_INSPECTION_LIMITS, maxPerDay: 1, maxPerWeek: 2 };
const booked = (id: string, day: string, team: string): BookedVisit => ({ id, day, team, kind: 'routine' });

describe('the inspection-load limit of a community', () => {
  it('a free day takes a visit', () => {
    expect(checkInspectionLoad(limits, { day: '2026-11-05', kind: 'routine' }, [])).toEqual({ ok: true });
  });

  it('a day at its limit refuses the next visit and names the one already there', () => {
    const there = booked('b1', '2026-11-05', '市城管局督查组');
    expect(checkInspectionLoad(limits, { day: '2026-11-05', kind: 'special' }, [there])).toEqual({
      ok: false,
      reason: 'daily-limit',
      limit: 1,
      existing: there,
    });
  });

  it('a week at its limit (Mon 11-02 … Sun 11-08) refuses a visit on another day of it, naming the first', () => {
    const monday = booked('b1', '2026-11-02', '民政局');
    const wednesday = booked('b2', '2026-11-04', '卫健委');
    const check = checkInspectionLoad(limits, { day: '2026-11-08', kind: 'routine' }, [wednesday, monday]);
    expect(check).toEqual({ ok: false, reason: 'weekly-limit', limit: 2, existing: monday });
    // The next Monday is another week.
    expect(checkInspectionLoad(limits, { day: '2026-11-09', kind: 'routine' }, [monday, wednesday])).toEqual({
      ok: true,
    });
  });

  it('suspended routine inspections refuse a routine visit but not a special one', () => {
    const suspended = { ...limits, routineSuspended: true, suspendedReason: '疫情防控' };
    expect(checkInspectionLoad(suspended, { day: '2026-11-05', kind: 'routine' }, [])).toEqual({
      ok: false,
      reason: 'routine-suspended',
      suspendedReason: '疫情防控',
    });
    expect(checkInspectionLoad(suspended, { day: '2026-11-05', kind: 'special' }, [])).toEqual({ ok: true });
  });

  it('the week of Sunday 2026-11-08 is Monday 11-02 to Sunday 11-08', () => {
    expect(weekOf('2026-11-08')).toEqual({ firstDay: '2026-11-02', lastDay: '2026-11-08' });
  });
});
