import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingDuration,
  addWorkingHours,
  chinaDayKey,
  createWorkCalendar,
  DEFAULT_WORK_CALENDAR,
  HOUR_MS,
  hasStatutorySchedule,
  isStatutoryWorkday,
  timeLimitState,
  workingTimeBetween,
} from './work-calendar.js';

/** An instant written in China local time. */
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('the statutory calendar (chinese-days, 2026)', () => {
  it('knows the 2026 National Day schedule', () => {
    const cal = DEFAULT_WORK_CALENDAR;
    // 国庆节 2026: Oct 1 (Thu) – Oct 7 (Wed) off; Sun Sep 20 and Sat Oct 10 are make-up workdays.
    for (const day of ['2026-10-01', '2026-10-04', '2026-10-07']) expect(cal.isWorkday(day)).toBe(false);
    for (const day of ['2026-09-20', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10'])
      expect(cal.isWorkday(day)).toBe(true);
    expect(cal.isWorkday('2026-10-11')).toBe(false);
    expect(hasStatutorySchedule(2026)).toBe(true);
  });

  it('knows 2025 too (National Day and Mid-Autumn merged: Oct 1–8 off, Sep 28 and Oct 11 worked)', () => {
    expect(isStatutoryWorkday('2025-09-28')).toBe(true); // Sunday
    expect(isStatutoryWorkday('2025-10-08')).toBe(false); // Wednesday
    expect(isStatutoryWorkday('2025-10-11')).toBe(true); // Saturday
    expect(isStatutoryWorkday('2025-10-12')).toBe(false); // Sunday
  });
});

describe('addWorkingDays', () => {
  it('3 working days from 2026-09-30 end on Saturday 2026-10-10, the make-up workday after National Day', () => {
    // The start day does not count (Civil Code art. 201). Oct 1–7 are holidays, so day 1 is
    // Thu Oct 8, day 2 Fri Oct 9, and day 3 Sat Oct 10, which is worked in lieu (调休).
    // The limit ends when office hours end that day: 17:30 China time.
    const due = addWorkingDays(cst('2026-09-30 10:00'), 3);
    expect(due.toISOString()).toBe('2026-10-10T09:30:00.000Z');
    expect(due).toEqual(cst('2026-10-10 17:30'));
  });

  it('does not count the start day, even when the case arrives before office hours', () => {
    expect(addWorkingDays(cst('2026-09-30 07:00'), 1)).toEqual(cst('2026-10-08 17:30'));
  });

  it('starting on a Saturday make-up workday counts from the next workday (Sunday is off)', () => {
    expect(addWorkingDays(cst('2026-10-10 09:00'), 1)).toEqual(cst('2026-10-12 17:30'));
  });

  it('counts a Sunday make-up workday (2026-09-20)', () => {
    expect(addWorkingDays(cst('2026-09-19 10:00'), 1)).toEqual(cst('2026-09-20 17:30'));
  });

  it('skips the Mid-Autumn weekend: 13 working days from 2026-09-21', () => {
    // Sep 22–24 (3), Sep 25–27 Mid-Autumn off, Sep 28–30 (6), Oct 1–7 off, Oct 8–10 (9),
    // Oct 12–15 (13).
    expect(addWorkingDays(cst('2026-09-21 15:00'), 13)).toEqual(cst('2026-10-15 17:30'));
  });

  it('refuses a non-integer or non-positive count', () => {
    expect(() => addWorkingDays(cst('2026-09-30 10:00'), 0)).toThrow(RangeError);
    expect(() => addWorkingDays(cst('2026-09-30 10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it('adds within one office period', () => {
    expect(addWorkingHours(cst('2026-09-29 09:00'), 2)).toEqual(cst('2026-09-29 11:00'));
  });

  it('skips lunch (12:00–13:30)', () => {
    expect(addWorkingHours(cst('2026-09-29 11:00'), 2)).toEqual(cst('2026-09-29 14:30'));
  });

  it('starting during lunch begins at 13:30', () => {
    expect(addWorkingHours(cst('2026-09-29 12:30'), 1)).toEqual(cst('2026-09-29 14:30'));
  });

  it('starting after office hours begins the next working morning', () => {
    expect(addWorkingHours(cst('2026-09-29 18:00'), 2)).toEqual(cst('2026-09-30 10:30'));
  });

  it('starting before office hours begins at 08:30', () => {
    expect(addWorkingHours(cst('2026-09-29 07:00'), 1)).toEqual(cst('2026-09-29 09:30'));
  });

  it('ending exactly at the close stays on that day', () => {
    expect(addWorkingHours(cst('2026-09-29 16:30'), 1)).toEqual(cst('2026-09-29 17:30'));
  });

  it('crosses the National Day holiday', () => {
    expect(addWorkingHours(cst('2026-09-30 17:00'), 1)).toEqual(cst('2026-10-08 09:00'));
  });

  it('starting on a Saturday make-up workday uses that Saturday', () => {
    expect(addWorkingHours(cst('2026-10-10 09:00'), 2)).toEqual(cst('2026-10-10 11:00'));
    // 17:00 + 1 h: half an hour on Saturday, Sunday off, half an hour on Monday.
    expect(addWorkingHours(cst('2026-10-10 17:00'), 1)).toEqual(cst('2026-10-12 09:00'));
  });

  it('a full working day of hours (7.5) from the morning ends at the close', () => {
    expect(addWorkingHours(cst('2026-09-29 08:30'), 7.5)).toEqual(cst('2026-09-29 17:30'));
  });

  it('works from UTC instants whatever the machine time zone', () => {
    // 01:00Z is 09:00 in China; 2 working hours later is 11:00 China = 03:00Z.
    expect(addWorkingHours(new Date('2026-09-29T01:00:00Z'), 2).toISOString()).toBe('2026-09-29T03:00:00.000Z');
    // 16:30Z on Sep 29 is 00:30 China on Sep 30: the China day is what counts.
    expect(chinaDayKey(new Date('2026-09-29T16:30:00Z'))).toBe('2026-09-30');
  });

  it('adds zero as the start itself', () => {
    expect(addWorkingHours(cst('2026-10-03 20:00'), 0)).toEqual(cst('2026-10-03 20:00'));
  });
});

describe('calendar options', () => {
  it('honours local overrides (a local day off, a special workday)', () => {
    const cal = createWorkCalendar({ overrides: { '2026-10-08': false, '2026-10-11': true } });
    expect(addWorkingDays(cst('2026-09-30 10:00'), 3, cal)).toEqual(cst('2026-10-11 17:30'));
  });

  it('honours configured office hours', () => {
    const cal = createWorkCalendar({ officeHours: [{ start: '09:00', end: '17:00' }] });
    expect(cal.minutesPerDay).toBe(480);
    expect(addWorkingHours(cst('2026-09-29 16:00'), 2, cal)).toEqual(cst('2026-09-30 10:00'));
    expect(addWorkingDays(cst('2026-09-29 16:00'), 1, cal)).toEqual(cst('2026-09-30 17:00'));
  });

  it('rejects malformed office hours', () => {
    expect(() => createWorkCalendar({ officeHours: [] })).toThrow(RangeError);
    expect(() => createWorkCalendar({ officeHours: [{ start: '12:00', end: '08:30' }] })).toThrow(RangeError);
    expect(() => createWorkCalendar({ officeHours: [{ start: '8:30', end: '12:00' }] })).toThrow(RangeError);
    expect(() =>
      createWorkCalendar({
        officeHours: [
          { start: '08:30', end: '12:00' },
          { start: '11:00', end: '17:30' },
        ],
      }),
    ).toThrow(RangeError);
  });

  it('falls back to weekdays for a year the bundled schedule does not cover', () => {
    expect(hasStatutorySchedule(2030)).toBe(false);
    expect(DEFAULT_WORK_CALENDAR.isWorkday('2030-01-05')).toBe(false); // Saturday
  });

  it('addWorkingDuration follows the unit', () => {
    const start = cst('2026-09-29 09:00');
    expect(addWorkingDuration(start, { unit: 'working_hours', amount: 3 })).toEqual(cst('2026-09-29 12:00'));
    expect(addWorkingDuration(start, { unit: 'working_days', amount: 1 })).toEqual(cst('2026-09-30 17:30'));
  });
});

describe('workingTimeBetween', () => {
  it('counts only office hours', () => {
    expect(workingTimeBetween(cst('2026-09-29 11:00'), cst('2026-09-29 14:30'))).toBe(2 * HOUR_MS);
    expect(workingTimeBetween(cst('2026-09-29 18:00'), cst('2026-09-30 08:00'))).toBe(0);
  });

  it('spans the holiday as the hours that were worked around it', () => {
    // Sep 30 16:30–17:30 (1 h) + Oct 8 08:30–09:30 (1 h)
    expect(workingTimeBetween(cst('2026-09-30 16:30'), cst('2026-10-08 09:30'))).toBe(2 * HOUR_MS);
  });

  it('is the inverse of addWorkingHours and signed', () => {
    const start = cst('2026-09-28 10:15');
    const end = addWorkingHours(start, 17.25);
    expect(workingTimeBetween(start, end)).toBe(17.25 * HOUR_MS);
    expect(workingTimeBetween(end, start)).toBe(-17.25 * HOUR_MS);
  });
});

describe('timeLimitState', () => {
  // 10 working hours from Tue 09:00: 7 h on Tuesday, then 3 h from Wednesday 08:30.
  const start = cst('2026-09-29 09:00');
  const due = addWorkingHours(start, 10);

  it('computes the due date used below', () => {
    expect(due).toEqual(cst('2026-09-30 11:30'));
  });

  it('is normal before 80 % of the working time', () => {
    expect(timeLimitState(start, due, cst('2026-09-29 17:00'))).toBe('normal'); // 6.5 h of 10
    expect(timeLimitState(start, due, cst('2026-09-30 09:00'))).toBe('normal'); // 7.5 h of 10
  });

  it('warns from 80 % of the working time', () => {
    expect(timeLimitState(start, due, cst('2026-09-30 09:30'))).toBe('warning'); // 8 h of 10
  });

  it('does not warn because of a night: evenings are not working time', () => {
    expect(timeLimitState(start, due, cst('2026-09-30 08:00'))).toBe('normal'); // still 7 h
  });

  it('is overdue once past the due instant', () => {
    expect(timeLimitState(start, due, cst('2026-09-30 11:30'))).toBe('warning');
    expect(timeLimitState(start, due, cst('2026-09-30 11:31'))).toBe('overdue');
  });

  it('takes another warning share', () => {
    expect(timeLimitState(start, due, cst('2026-09-29 17:00'), 0.5)).toBe('warning');
  });
});
