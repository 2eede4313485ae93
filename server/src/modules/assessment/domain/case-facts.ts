import type { CaseChannel, HandlingLevel, RatingName as Rating } from '@yiwang/contracts';

/** What the difficulty weight reads of a case's matter (the catalog version it was opened under). */
export interface MatterTraits {
  readonly code: string;
  readonly name: string;
  /** The catalog's 1 (easy: 暴露垃圾) … 5 (hard: 违章搭建, 群租房). */
  readonly difficulty: number;
  /** Responsible departments, lead first: how many must work together. */
  readonly ownerUnitCodes: readonly string[];
  readonly handlingLevel: HandlingLevel;
}

/** One report of a case: the first, or one merged in later (并单, "me too"). */
export interface ReportFact {
  readonly at: Date;
  readonly channel: CaseChannel;
  /** The signed-in reporter (for a desk-entered report, the operator); null when anonymous. */
  readonly reporterUserId: string | null;
}

/**
 * What the indicators need to know about one case, folded from its events in the domain
 * event log (`caseFactsOf`). Every formula (indicators.ts) reads only these facts, so a
 * formula can be checked on hand-made facts without a database.
 */
export interface CaseFacts {
  readonly caseId: string;
  readonly code: string;
  readonly channel: CaseChannel;
  /** Who filed the first report (a grid worker for the worker channel); null when anonymous. */
  readonly reporterUserId: string | null;
  /** The matter (null only if its catalog row is missing). */
  readonly matter: MatterTraits | null;
  /** Every report of the case, first one first: who else saw the same problem. */
  readonly reports: readonly ReportFact[];
  readonly gridCode: string | null;
  /** The case's scope path: county/town/community[/grids…]. */
  readonly path: string;
  /** The unit the case was last dispatched to (accountable for its handling). */
  readonly unitId: string | null;
  /** Who accepted it there last (the person who held it). */
  readonly heldByUserId: string | null;
  readonly reportedAt: Date;
  readonly registeredAt: Date | null;
  /** Voided as not a case (false, out of remit): an invalid report. */
  readonly voidedInvalidAt: Date | null;
  /** Voided as a duplicate of another case: a true problem already known. */
  readonly voidedDuplicateAt: Date | null;
  /** The case it was voided as a duplicate of (its reports moved there). */
  readonly duplicateOfCaseId: string | null;
  /** The handling due date in force (the last dispatch's, moved by approved extensions and resumptions). */
  readonly dueAt: Date | null;
  /** First feedback (the unit said it was done). */
  readonly firstFeedbackAt: Date | null;
  /** The feedback that stood: the last before the closure in force. */
  readonly lastFeedbackAt: Date | null;
  /** Closed after a passed verification (null if reopened and not closed again). */
  readonly closedAt: Date | null;
  /** Every closure, a reopened one too. */
  readonly closures: readonly Date[];
  /** On hold (挂起, a command-center decision) since, and not resumed: officially deferred. */
  readonly heldSince: Date | null;
  readonly dispatches: readonly Date[];
  readonly returns: readonly Date[];
  /** Returns the command center rejected: the unit tried to push off a case that was its own (推诿). */
  readonly rejectedReturns: readonly Date[];
  readonly verifications: readonly { readonly at: Date; readonly passed: boolean }[];
  readonly ratings: readonly { readonly at: Date; readonly rating: Rating }[];
  readonly reopenings: readonly Date[];
}

/** One event of a case as the domain event log holds it, with its timeline details. */
export interface CaseEventRecord {
  /** The timeline type (`reported`, `dispatched`, …): the domain event kind without `case.`. */
  readonly type: string;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface CaseHeader {
  readonly caseId: string;
  readonly code: string;
  readonly channel: CaseChannel;
  readonly reporterUserId: string | null;
  readonly matter: MatterTraits | null;
  readonly gridCode: string | null;
  readonly path: string;
  readonly createdAt: Date;
  /** Where it was reported (the detector of padding reads it; the indicators do not). */
  readonly location?: { readonly lon: number; readonly lat: number } | null;
}

const dateOf = (value: unknown): Date | null => {
  if (typeof value !== 'string') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
};
const RATING_VALUES: readonly unknown[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
const CHANNEL_VALUES: readonly unknown[] = ['desk', 'resident', 'worker', 'hotline', 'open311'];

/** Folds a case's events (in log order) into its facts. Events after `asOf` are not read by the caller. */
export function caseFactsOf(header: CaseHeader, events: readonly CaseEventRecord[]): CaseFacts {
  let registeredAt: Date | null = null;
  let voidedInvalidAt: Date | null = null;
  let voidedDuplicateAt: Date | null = null;
  let duplicateOfCaseId: string | null = null;
  let dueAt: Date | null = null;
  let firstFeedbackAt: Date | null = null;
  let lastFeedbackAt: Date | null = null;
  let closedAt: Date | null = null;
  let heldSince: Date | null = null;
  let unitId: string | null = null;
  let heldByUserId: string | null = null;
  const dispatches: Date[] = [];
  const returns: Date[] = [];
  const rejectedReturns: Date[] = [];
  const verifications: { at: Date; passed: boolean }[] = [];
  const ratings: { at: Date; rating: Rating }[] = [];
  const reopenings: Date[] = [];
  const closures: Date[] = [];
  const reports: ReportFact[] = [
    { at: header.createdAt, channel: header.channel, reporterUserId: header.reporterUserId },
  ];
  for (const e of events) {
    switch (e.type) {
      case 'registered':
        registeredAt ??= e.at;
        break;
      case 'voided':
        if (e.details.duplicateOfCaseId) {
          voidedDuplicateAt = e.at;
          duplicateOfCaseId = typeof e.details.duplicateOfCaseId === 'string' ? e.details.duplicateOfCaseId : null;
        } else voidedInvalidAt = e.at;
        break;
      case 'report_merged':
        // The merged report's reporter is the event's actor (an operator for a desk-entered call).
        reports.push({
          at: e.at,
          channel: CHANNEL_VALUES.includes(e.details.channel) ? (e.details.channel as CaseChannel) : 'desk',
          reporterUserId: e.actorUserId,
        });
        break;
      case 'dispatched':
      case 'redispatched':
        dispatches.push(e.at);
        unitId = typeof e.details.unitId === 'string' ? e.details.unitId : unitId;
        dueAt = dateOf(e.details.handleDueAt);
        heldByUserId = null;
        break;
      case 'accepted':
        heldByUserId = e.actorUserId;
        break;
      case 'extension_approved':
        dueAt = dateOf(e.details.newDueAt) ?? dueAt;
        break;
      case 'held':
        heldSince = e.at;
        break;
      case 'resumed':
        heldSince = null;
        dueAt = dateOf(e.details.handleDueAt) ?? dueAt;
        break;
      case 'returned':
        returns.push(e.at);
        break;
      case 'return_rejected':
        rejectedReturns.push(e.at);
        break;
      case 'feedback_submitted':
        firstFeedbackAt ??= e.at;
        lastFeedbackAt = e.at;
        break;
      case 'verification_passed':
        verifications.push({ at: e.at, passed: true });
        break;
      case 'verification_failed':
        verifications.push({ at: e.at, passed: false });
        break;
      case 'closed':
        closedAt = e.at;
        closures.push(e.at);
        break;
      case 'rated':
        if (RATING_VALUES.includes(e.details.rating)) ratings.push({ at: e.at, rating: e.details.rating as Rating });
        break;
      case 'reopened':
        reopenings.push(e.at);
        closedAt = null;
        break;
      default:
        break;
    }
  }
  return {
    caseId: header.caseId,
    code: header.code,
    channel: header.channel,
    reporterUserId: header.reporterUserId,
    matter: header.matter,
    reports,
    gridCode: header.gridCode,
    path: header.path,
    unitId,
    heldByUserId,
    reportedAt: header.createdAt,
    registeredAt,
    voidedInvalidAt,
    voidedDuplicateAt,
    duplicateOfCaseId,
    dueAt,
    firstFeedbackAt,
    lastFeedbackAt,
    closedAt,
    closures,
    heldSince,
    dispatches,
    returns,
    rejectedReturns,
    verifications,
    ratings,
    reopenings,
  };
}
