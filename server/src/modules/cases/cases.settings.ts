import { createWorkCalendar, type OfficePeriod, type WorkCalendar } from './domain/work-calendar.js';
import { DEFAULT_WORKFLOW_POLICY, type WorkflowPolicy } from './domain/workflow-types.js';

/** Local rules of the case loop, read once at start from the environment. */
export interface CaseSettings {
  /** Statutory holidays and make-up workdays (chinese-days) plus office hours. */
  calendar: WorkCalendar;
  /** Share of a limit's working time after which the case turns yellow (预警). */
  warnShare: number;
  /** Working days from closing to the callback (回访). */
  callbackDays: number;
  /** Calendar days a rated case waits before it is archived automatically. */
  archiveAfterDays: number;
  /** Default arrival deadline of a whistle (吹哨), in minutes. */
  whistleArrivalMinutes: number;
  /** How often the timer loop looks for due timers. */
  timerIntervalMs: number;
  policy: WorkflowPolicy;
}

const number = (value: string | undefined, fallback: number, name: string, min: number, max: number) => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number in [${min}, ${max}]`);
  return n;
};

/** "08:30-12:00,13:30-17:30" → office periods. */
function officeHours(value: string | undefined): OfficePeriod[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((part) => {
    const [start = '', end = ''] = part.trim().split('-');
    return { start: start.trim(), end: end.trim() };
  });
}

export function caseSettingsFrom(env: NodeJS.ProcessEnv): CaseSettings {
  const hours = officeHours(env.YIWANG_OFFICE_HOURS);
  return {
    calendar: createWorkCalendar(hours ? { officeHours: hours } : {}),
    warnShare: number(env.YIWANG_CASE_WARN_SHARE, 0.8, 'YIWANG_CASE_WARN_SHARE', 0.05, 1),
    callbackDays: number(env.YIWANG_CASE_CALLBACK_DAYS, 1, 'YIWANG_CASE_CALLBACK_DAYS', 1, 30),
    archiveAfterDays: number(env.YIWANG_CASE_ARCHIVE_AFTER_DAYS, 7, 'YIWANG_CASE_ARCHIVE_AFTER_DAYS', 0, 365),
    whistleArrivalMinutes: number(env.YIWANG_WHISTLE_ARRIVAL_MINUTES, 30, 'YIWANG_WHISTLE_ARRIVAL_MINUTES', 5, 1440),
    timerIntervalMs: number(env.YIWANG_CASE_TIMER_INTERVAL_MS, 5000, 'YIWANG_CASE_TIMER_INTERVAL_MS', 100, 600_000),
    policy: {
      ...DEFAULT_WORKFLOW_POLICY,
      dissatisfiedReopen: {
        ...DEFAULT_WORKFLOW_POLICY.dissatisfiedReopen,
        maxReopens: number(
          env.YIWANG_CASE_MAX_REOPENS,
          DEFAULT_WORKFLOW_POLICY.dissatisfiedReopen.maxReopens,
          'YIWANG_CASE_MAX_REOPENS',
          0,
          5,
        ),
      },
    },
  };
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = caseSettingsFrom({});
