/**
 * Assessment periods in China time (UTC+08:00, no daylight saving): a day, a week (Monday
 * to Sunday, as the work week and the 12345 weekly reports run) or a calendar month.
 */

import type { PeriodKind } from '@yiwang/contracts';

/** The instants [from, to) of one period, and the local day it starts on. */
export interface Period {
  readonly kind: PeriodKind;
  readonly firstDay: string;
  readonly from: Date;
  readonly to: Date;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

const startOfChinaDay = (day: string) => new Date(`${day}T00:00:00+08:00`);
const chinaDay = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Whether `day` is a real YYYY-MM-DD calendar day (2026-02-30 is not) of a plausible year
 * (1900–2999: a period's end or a week's Sunday stays a four-digit year, so it can be stored).
 */
export function isCalendarDay(day: string): boolean {
  if (!/^(19|2[0-9])\d{2}-\d{2}-\d{2}$/.test(day)) return false;
  const start = startOfChinaDay(day);
  return !Number.isNaN(start.getTime()) && chinaDay(start) === day;
}

/** The period of `kind` that contains the local day `day` (assumed a calendar day). */
export function periodContaining(kind: PeriodKind, day: string): Period {
  switch (kind) {
    case 'day': {
      const from = startOfChinaDay(day);
      return { kind, firstDay: day, from, to: new Date(from.getTime() + DAY_MS) };
    }
    case 'week': {
      const noon = new Date(`${day}T12:00:00Z`);
      const mondayOffset = (noon.getUTCDay() + 6) % 7;
      const firstDay = new Date(noon.getTime() - mondayOffset * DAY_MS).toISOString().slice(0, 10);
      const from = startOfChinaDay(firstDay);
      return { kind, firstDay, from, to: new Date(from.getTime() + 7 * DAY_MS) };
    }
    case 'month': {
      const [year, month] = day.split('-').map(Number) as [number, number];
      const firstDay = `${day.slice(0, 7)}-01`;
      const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
      return { kind, firstDay, from: startOfChinaDay(firstDay), to: startOfChinaDay(next) };
    }
  }
}

export const isWithin = (at: Date | null, period: { from: Date; to: Date }): at is Date =>
  at !== null && at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();
