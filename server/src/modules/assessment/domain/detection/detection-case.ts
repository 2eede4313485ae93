import type { CaseChannel } from '@yiwang/contracts';
import type { CaseEventRecord, CaseFacts } from '../case-facts.js';

/** A stint of a case with one unit: from a dispatch to the unit's return, or on. */
export interface UnitStint {
  readonly unitId: string;
  readonly dispatchedAt: Date;
  /** The unit sent it back (退回). */
  readonly returnedAt: Date | null;
  /** The unit's first feedback (said it was done) in this stint. */
  readonly feedbackAt: Date | null;
  /** Failed verifications of the unit's feedback in this stint (rework). */
  readonly reworks: number;
}

export interface VerificationFact {
  readonly at: Date;
  readonly passed: boolean;
  readonly byUserId: string | null;
  readonly photoCount: number;
}

/**
 * What the detectors read of one case: its facts plus the details the indicators do not
 * need (where it is, who verified it and with how many photos, each unit's stint).
 */
export interface DetectionCase {
  readonly caseId: string;
  readonly code: string;
  readonly channel: CaseChannel;
  readonly reporterUserId: string | null;
  readonly gridCode: string | null;
  readonly reportedAt: Date;
  /** The matter's difficulty 1 (easy) … 5 (hard); null without a matter. */
  readonly difficulty: number | null;
  readonly location: { readonly lon: number; readonly lat: number } | null;
  /** Channels of every report of the case, merged ones too. */
  readonly reportChannels: readonly CaseChannel[];
  readonly voidedInvalid: boolean;
  readonly duplicateOfCaseId: string | null;
  readonly closedAt: Date | null;
  readonly verifications: readonly VerificationFact[];
  readonly stints: readonly UnitStint[];
}

const photoCountOf = (details: Readonly<Record<string, unknown>>) =>
  Array.isArray(details.photoIds) ? details.photoIds.length : 0;

/** Folds a case's facts and events (in log order) into what the detectors read. */
export function detectionCaseOf(
  facts: CaseFacts,
  events: readonly CaseEventRecord[],
  location: { lon: number; lat: number } | null,
): DetectionCase {
  const verifications: VerificationFact[] = [];
  const stints: {
    unitId: string;
    dispatchedAt: Date;
    returnedAt: Date | null;
    feedbackAt: Date | null;
    reworks: number;
  }[] = [];
  let open: (typeof stints)[number] | null = null;
  for (const e of events) {
    switch (e.type) {
      case 'dispatched':
      case 'redispatched':
        if (typeof e.details.unitId === 'string') {
          open = { unitId: e.details.unitId, dispatchedAt: e.at, returnedAt: null, feedbackAt: null, reworks: 0 };
          stints.push(open);
        }
        break;
      case 'returned':
        if (open) open.returnedAt = e.at;
        open = null;
        break;
      case 'feedback_submitted':
        if (open) open.feedbackAt ??= e.at;
        break;
      case 'verification_passed':
      case 'verification_failed':
        verifications.push({
          at: e.at,
          passed: e.type === 'verification_passed',
          byUserId: e.actorUserId,
          photoCount: photoCountOf(e.details),
        });
        if (e.type === 'verification_failed' && open) open.reworks += 1;
        break;
      default:
        break;
    }
  }
  return {
    caseId: facts.caseId,
    code: facts.code,
    channel: facts.channel,
    reporterUserId: facts.reporterUserId,
    gridCode: facts.gridCode,
    reportedAt: facts.reportedAt,
    difficulty: facts.matter?.difficulty ?? null,
    location,
    reportChannels: facts.reports.map((r) => r.channel),
    voidedInvalid: facts.voidedInvalidAt !== null,
    duplicateOfCaseId: facts.duplicateOfCaseId,
    closedAt: facts.closedAt,
    verifications,
    stints,
  };
}

/** Hard matters (difficulty 4–5: fire hazards, illegal building, group rentals) and easy ones (1–2). */
export const HARD_DIFFICULTY = 4;
export const EASY_DIFFICULTY = 2;
export const classOf = (difficulty: number | null): 'hard' | 'easy' | null =>
  difficulty === null ? null : difficulty >= HARD_DIFFICULTY ? 'hard' : difficulty <= EASY_DIFFICULTY ? 'easy' : null;

/** Metres between two WGS-84 points (haversine). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** A detector's finding: who, what kind, why in plain words, and the cases behind it. */
export interface Flag {
  readonly kind: FlagKind;
  readonly level: 'grid' | 'worker' | 'department' | 'inspector';
  /** Grid code, user id, unit id or inspector's user id. */
  readonly key: string;
  /** The grid the flag is about, when it is about one (a worker's flag names their cases' grid). */
  readonly gridCode: string | null;
  readonly explanation: { readonly 'zh-CN': string; readonly 'en-US': string };
  /** The measure that crossed the line (a tail probability, a share, a robust z, a count). */
  readonly measure: number;
  readonly caseIds: readonly string[];
  readonly caseCodes: readonly string[];
}

export type FlagKind =
  | 'hidden-hard'
  | 'low-share'
  | 'padding-burst'
  | 'closed-without-photo'
  | 'self-verified'
  | 'implausible-speed'
  | 'far-from-place'
  | 'department-delay'
  | 'rubber-stamp';

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
