import type { CaseChannel, IntakeResult } from '@yiwang/contracts';
import type { AuditContext } from '../../audit/index.js';
import type { CatalogMatter, FormAnswersInput } from '../../catalog/index.js';
import type { Crs } from '../../grids/index.js';
import type { IdempotencyClaim, IdempotentOutcome } from '../../idempotency/index.js';
import type { CasePlace, CommandUnit } from '../case-placement.js';

/** Who reported: an account (resident, worker), or a caller or visitor the desk enters, or nobody known. */
export interface IntakeReporter {
  userId: string | null;
  name: string | null;
  phone: string | null;
  /** Hidden from handlers and the public. */
  anonymous: boolean;
}

/**
 * One report from any channel. The desk, the resident portal and the worker API build it
 * from POST /api/cases; the 12345 hotline webhook and the Open311 server build it from
 * their own formats (with `externalId` = work-order number or service_request token, and
 * their API key's region as `fallbackRegionCode`) and call {@link reportCase} the same way.
 */
export interface ReportCaseInput {
  channel: CaseChannel;
  matterCode: string;
  description: string;
  /** A point (its grid is found), and/or address text; at least one. */
  point?: { lon: number; lat: number; crs: Crs } | undefined;
  address?: string | undefined;
  reporter: IntakeReporter;
  /** The operator entering a call or a walk-in. */
  enteredByUserId?: string | null;
  photoIds?: readonly string[];
  formAnswers?: FormAnswersInput;
  /** The sender's id of this report; a second report with the same channel and id returns the first. */
  externalId?: string | null;
  /** Where a report without a point is placed: the reporter's (or the integration's) region. */
  fallbackRegionCode: string;
  /** The scope of the photos that may be attached: the uploader's. */
  photoScopePath: string;
  /**
   * Where this reporter may report: staff and API keys inside their data scope, residents
   * (and county-wide integrations) anywhere in the county. A place outside is refused.
   */
  reporterScopePath: string;
}

export interface ReportCaseOptions {
  now: Date;
  /** Idempotency-Key of the request (idempotency's claim: the caller, the key, a hash of what was sent). */
  idempotency?: IdempotencyClaim | undefined;
  /** Whether the caller may see other cases (possible duplicates are shown to staff only). */
  showSuggestions: boolean;
}

/**
 * `created`: a new case; `updated`: the report joined an open case; `existing`: a report already
 * received under the same external id. `replayed`: the answer of an earlier request with the
 * same Idempotency-Key (or external id).
 */
export type ReportCaseOutcome = IdempotentOutcome<IntakeResult>;

/** An intake checked and placed, waiting to be written (write-intakes.ts), alone or in a batch. */
export interface IntakeJob {
  context: AuditContext;
  input: ReportCaseInput;
  options: ReportCaseOptions;
  matter: CatalogMatter;
  /** The form's answers as checked. */
  answers: Record<string, unknown>;
  place: CasePlace;
  command: CommandUnit;
}
