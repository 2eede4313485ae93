// The schedule as chinese-days publishes it (holidays and make-up workdays, 2004 onwards,
// one entry per day). Its runtime functions are not used: they parse "YYYY-MM-DD" as UTC
// midnight but read the date and weekday back with local-time getters, so on a machine
// west of UTC every answer is about the day before. The data file was generated right.
import statutorySchedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { assertUnreachable } from './types.js';

const STATUTORY_HOLIDAYS: Readonly<Record<string, string>> = statutorySchedule.holidays;
const STATUTORY_WORKDAYS: Readonly<Record<string, string>> = statutorySchedule.workdays;

/**
 * Working time on the Chinese statutory calendar. Time limits of cases (立案、派遣、处置、
 * 核查) are counted in working days and hours: weekends, statutory holidays and the
 * make-up workdays (调休, a Saturday or Sunday that is worked) all matter, and so do
 * office hours. Everything here works in China local time (UTC+8; China has had no
 * daylight saving time since 1991), whatever the time zone of the machine: an instant is
 * shifted by +8 h and read with the UTC getters, never with local-time getters.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;
/** A calendar with no workday in this many days is misconfigured; stop instead of looping. */
const MAX_DAYS_SEARCHED = 5 * 366;

/** An office period in China local time, "HH:MM" 24-hour clock, end exclusive. */
export interface OfficePeriod {
  readonly start: string;
  readonly end: string;
}

/** 08:30–12:00 and 13:30–17:30: the usual office hours of Jiangsu county offices, 7.5 h a day. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** A day key in China local time, "YYYY-MM-DD". */
export type DayKey = string;

export interface WorkCalendar {
  /** Office periods in minutes after local midnight, sorted and disjoint. */
  readonly periods: readonly { readonly startMinute: number; readonly endMinute: number }[];
  /** Working minutes of one working day (450 with the default hours). */
  readonly minutesPerDay: number;
  isWorkday(day: DayKey): boolean;
}

export interface WorkCalendarOptions {
  /** Default: {@link DEFAULT_OFFICE_HOURS}. */
  readonly officeHours?: readonly OfficePeriod[];
  /**
   * Days that differ from the statutory calendar: true = worked, false = day off. Wins over
   * the statutory calendar. For local rules, tests, and years the State Council has not
   * yet published (the schedule for year Y appears in November of Y − 1).
   */
  readonly overrides?: Readonly<Record<DayKey, boolean>>;
  /** The statutory calendar; default {@link isStatutoryWorkday}. */
  readonly statutory?: (day: DayKey) => boolean;
}

/**
 * A working calendar. Throws RangeError on malformed office hours: that is a
 * configuration mistake to fail on at start-up, not an outcome to handle.
 */
export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const periods = (options.officeHours ?? DEFAULT_OFFICE_HOURS).map((p) => ({
    startMinute: parseClock(p.start),
    endMinute: parseClock(p.end),
  }));
  if (periods.length === 0) throw new RangeError('office hours: at least one period is needed');
  let previousEnd = -1;
  for (const p of periods) {
    if (p.endMinute <= p.startMinute) throw new RangeError('office hours: a period must end after it starts');
    if (p.startMinute < previousEnd) throw new RangeError('office hours: periods must be sorted and disjoint');
    previousEnd = p.endMinute;
  }
  const overrides = options.overrides ?? {};
  const statutory = options.statutory ?? isStatutoryWorkday;
  // A supplied statutory function may be costly (a table kept by an administrator); a
  // case list asks about the same few days again and again.
  const memo = new Map<DayKey, boolean>();
  return {
    periods,
    minutesPerDay: periods.reduce((sum, p) => sum + p.endMinute - p.startMinute, 0),
    isWorkday(day) {
      const override = overrides[day];
      if (override !== undefined) return override;
      let known = memo.get(day);
      if (known === undefined) {
        known = statutory(day);
        memo.set(day, known);
      }
      return known;
    },
  };
}

export const DEFAULT_WORK_CALENDAR: WorkCalendar = createWorkCalendar();

/**
 * Whether the bundled statutory calendar knows the holidays of `year`. When it does not,
 * the calendar silently counts Monday–Friday only, so an operator should be warned to
 * enter that year's holidays as overrides.
 */
export function hasStatutorySchedule(year: number): boolean {
  const prefix = `${year}-`;
  return Object.keys(STATUTORY_HOLIDAYS).some((day) => day.startsWith(prefix));
}

/**
 * The State Council's schedule: a make-up workday (调休上班) is worked, a holiday is not,
 * otherwise Monday to Friday. Weekdays are computed in UTC from the day key, so the
 * answer does not depend on the machine's time zone.
 */
export function isStatutoryWorkday(day: DayKey): boolean {
  if (Object.hasOwn(STATUTORY_WORKDAYS, day)) return true;
  if (Object.hasOwn(STATUTORY_HOLIDAYS, day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/**
 * A time limit as the matter catalog states it: the contracts' WorkingDuration (which the
 * catalog stores), as a union the switch below can be exhaustive over.
 */
export type WorkingDuration =
  | { readonly unit: 'working_days'; readonly amount: number }
  | { readonly unit: 'working_hours'; readonly amount: number };

/** The China-local day key of an instant. */
export function chinaDayKey(at: Date): DayKey {
  return dayKeyOf(Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS));
}

/**
 * The instant `hours` of working time after `start`. Time outside office hours does not
 * count, so a start after hours begins at the next office period. Ending exactly at the
 * close of a period yields that close (17:30), not the next morning.
 */
export function addWorkingHours(start: Date, hours: number, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number ≥ 0');
  return addWorkingTime(start, hours * HOUR_MS, calendar);
}

/** Like {@link addWorkingHours}, in milliseconds of working time. */
export function addWorkingTime(start: Date, workingMs: number, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): Date {
  if (!Number.isFinite(workingMs) || workingMs < 0) throw new RangeError('working time must be a finite number ≥ 0');
  if (workingMs === 0) return new Date(start.getTime());
  const startLocal = start.getTime() + CHINA_OFFSET_MS;
  let remaining = workingMs;
  const firstDay = Math.floor(startLocal / DAY_MS);
  for (let day = firstDay; day < firstDay + MAX_DAYS_SEARCHED; day++) {
    if (!calendar.isWorkday(dayKeyOf(day))) continue;
    for (const p of calendar.periods) {
      const from = Math.max(startLocal, day * DAY_MS + p.startMinute * MINUTE_MS);
      const to = day * DAY_MS + p.endMinute * MINUTE_MS;
      if (to <= from) continue;
      if (remaining <= to - from) return new Date(from + remaining - CHINA_OFFSET_MS);
      remaining -= to - from;
    }
  }
  throw new RangeError('the calendar has no working time within five years');
}

/**
 * The deadline of a limit of `days` working days starting at `start`: the close of office
 * hours on the `days`-th workday after the day of `start`. The day the limit starts does
 * not count, whatever the hour (Civil Code art. 201: 开始的当日不计入，自下一日开始计算;
 * art. 203: where there are business hours, the deadline is when business stops). So a
 * case dispatched on Monday at 09:00 with 1 working day is due Tuesday 17:30.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be an integer ≥ 1');
  const closeMinute = calendar.periods[calendar.periods.length - 1]?.endMinute ?? 0;
  const startDay = Math.floor((start.getTime() + CHINA_OFFSET_MS) / DAY_MS);
  let counted = 0;
  for (let day = startDay + 1; day <= startDay + MAX_DAYS_SEARCHED; day++) {
    if (!calendar.isWorkday(dayKeyOf(day))) continue;
    counted += 1;
    if (counted === days) return new Date(day * DAY_MS + closeMinute * MINUTE_MS - CHINA_OFFSET_MS);
  }
  throw new RangeError('the calendar has no working time within five years');
}

/** The deadline of a catalog time limit, in working days or working hours. */
export function addWorkingDuration(
  start: Date,
  duration: WorkingDuration,
  calendar: WorkCalendar = DEFAULT_WORK_CALENDAR,
): Date {
  switch (duration.unit) {
    case 'working_days':
      return addWorkingDays(start, duration.amount, calendar);
    case 'working_hours':
      return addWorkingHours(start, duration.amount, calendar);
    default:
      return assertUnreachable(duration);
  }
}

/**
 * Milliseconds of working time from `from` to `to`; negative when `to` is earlier. Used to
 * measure how much of a limit is spent, and how long a case sat on hold (the caller moves
 * the due date by that much on resume).
 */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  if (to.getTime() < from.getTime()) return -workingTimeBetween(to, from, calendar);
  const a = from.getTime() + CHINA_OFFSET_MS;
  const b = to.getTime() + CHINA_OFFSET_MS;
  let total = 0;
  for (let day = Math.floor(a / DAY_MS); day <= Math.floor(b / DAY_MS); day++) {
    if (!calendar.isWorkday(dayKeyOf(day))) continue;
    for (const p of calendar.periods) {
      const start = Math.max(a, day * DAY_MS + p.startMinute * MINUTE_MS);
      const end = Math.min(b, day * DAY_MS + p.endMinute * MINUTE_MS);
      if (end > start) total += end - start;
    }
  }
  return total;
}

export type TimeLimitState = 'normal' | 'warning' | 'overdue';

/**
 * Where a running limit stands. Overdue as soon as `now` is past `dueAt` (an instant,
 * even outside office hours); warning once `warnShare` of the limit's working time is
 * spent, so evenings and holidays do not bring a warning forward.
 */
export function timeLimitState(
  startedAt: Date,
  dueAt: Date,
  now: Date,
  warnShare = 0.8,
  calendar: WorkCalendar = DEFAULT_WORK_CALENDAR,
): TimeLimitState {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  const total = workingTimeBetween(startedAt, dueAt, calendar);
  const spent = workingTimeBetween(startedAt, now, calendar);
  if (total <= 0) return 'warning';
  return spent >= warnShare * total ? 'warning' : 'normal';
}

function parseClock(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock) ?? (clock === '24:00' ? ['24:00', '24', '00'] : null);
  if (!match) throw new RangeError(`office hours: "${clock}" is not HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function dayKeyOf(dayIndex: number): DayKey {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}
