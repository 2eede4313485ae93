import type { CaseSnapshot } from './domain/workflow-types.js';

/** A type with every Date replaced by its ISO string, recursively: how JSON keeps it. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** The CaseSnapshot as stored in `cases.snapshot` (jsonb); the reporters come from the reports. */
export type StoredSnapshot = Jsonified<Omit<CaseSnapshot, 'reporterUserIds'>>;

const date = (value: string): Date => new Date(value);
const maybeDate = (value: string | null): Date | null => (value === null ? null : new Date(value));
const iso = (value: Date): string => value.toISOString();
const maybeIso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** Snapshot → JSON, every date field named, so a new date field fails to compile until handled here. */
export function storeSnapshot(c: CaseSnapshot): StoredSnapshot {
  const { reporterUserIds: _fromReports, ...stored } = c;
  return {
    ...stored,
    assistingUnitIds: [...c.assistingUnitIds],
    handleDueAt: maybeIso(c.handleDueAt),
    pendingReturn: c.pendingReturn && { ...c.pendingReturn, at: iso(c.pendingReturn.at) },
    hold: c.hold && { ...c.hold, since: iso(c.hold.since), reviewAt: maybeIso(c.hold.reviewAt) },
    extensions: c.extensions.map((e) => ({
      ...e,
      requestedAt: iso(e.requestedAt),
      decidedAt: maybeIso(e.decidedAt),
      previousDueAt: maybeIso(e.previousDueAt),
      newDueAt: maybeIso(e.newDueAt),
    })),
    whistle: c.whistle && {
      ...c.whistle,
      blownAt: iso(c.whistle.blownAt),
      units: c.whistle.units.map((u) => ({
        ...u,
        summonedAt: iso(u.summonedAt),
        arriveBy: iso(u.arriveBy),
        arrivedAt: maybeIso(u.arrivedAt),
        partRecordedAt: maybeIso(u.partRecordedAt),
      })),
    },
    feedback: c.feedback && { ...c.feedback, photoIds: [...c.feedback.photoIds], at: iso(c.feedback.at) },
    ratings: c.ratings.map((r) => ({ ...r, at: iso(r.at) })),
    lastSupervisedAt: maybeIso(c.lastSupervisedAt),
  };
}

/**
 * JSON → snapshot: the inverse of {@link storeSnapshot}, with the case's signed-in reporters
 * (from its reports). They matter only to a reporter's own command (rating), so a caller that
 * runs no command for a resident may pass none.
 */
export function loadSnapshot(s: StoredSnapshot, reporterUserIds: readonly string[]): CaseSnapshot {
  return {
    ...s,
    reporterUserIds,
    handleDueAt: maybeDate(s.handleDueAt),
    pendingReturn: s.pendingReturn && { ...s.pendingReturn, at: date(s.pendingReturn.at) },
    // Holds stored before review dates were asked for have none.
    hold: s.hold && { ...s.hold, since: date(s.hold.since), reviewAt: maybeDate(s.hold.reviewAt ?? null) },
    extensions: s.extensions.map((e) => ({
      ...e,
      requestedAt: date(e.requestedAt),
      decidedAt: maybeDate(e.decidedAt),
      previousDueAt: maybeDate(e.previousDueAt),
      newDueAt: maybeDate(e.newDueAt),
    })),
    whistle: s.whistle && {
      ...s.whistle,
      blownAt: date(s.whistle.blownAt),
      units: s.whistle.units.map((u) => ({
        ...u,
        summonedAt: date(u.summonedAt),
        arriveBy: date(u.arriveBy),
        arrivedAt: maybeDate(u.arrivedAt),
        partRecordedAt: maybeDate(u.partRecordedAt),
      })),
    },
    feedback: s.feedback && { ...s.feedback, at: date(s.feedback.at) },
    ratings: s.ratings.map((r) => ({ ...r, at: date(r.at) })),
    lastSupervisedAt: maybeDate(s.lastSupervisedAt),
  };
}
