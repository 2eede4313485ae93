import type { CaseChannel, IntakeResult, ReportCaseBody } from '@yiwang/contracts';
import { decryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { accountsLookups, can } from '../../accounts/index.js';
import type { AuditContext } from '../../audit/index.js';
import type { IdempotencyClaim } from '../../idempotency/index.js';
import type { CaseDeps } from '../case-deps.js';
import { countyPathOf, isResidentOnly } from '../case-scope.js';
import { presentCaseToReporter } from '../present-case.js';
import { type IntakeReporter, type ReportCaseOutcome, reportCase } from './report-case.js';

export interface SubmitReportOptions {
  actor: Actor;
  context: AuditContext;
  body: ReportCaseBody;
  /** The request's Idempotency-Key claim (idempotencyClaimOf). */
  idempotency: IdempotencyClaim | undefined;
  now: Date;
}

/**
 * A report sent through POST /api/cases: residents report as themselves, desks for a caller
 * or visitor, staff from the field; then the one intake ({@link reportCase}). A resident whose
 * report was merged into someone else's case hears of their own report only.
 */
export async function submitReport(deps: CaseDeps, options: SubmitReportOptions): Promise<ReportCaseOutcome> {
  const { actor, body } = options;
  const { channel, reporter, enteredByUserId } = await intakeReporter(deps, actor, body);
  const description = body.description;
  const outcome = await reportCase(
    deps,
    options.context,
    {
      channel,
      matterCode: body.matterCode,
      description,
      point: body.point,
      address: body.address,
      reporter,
      enteredByUserId,
      photoIds: body.photoIds ?? [],
      formAnswers: body.formAnswers ?? {},
      fallbackRegionCode: actor.scopeRegionCode,
      photoScopePath: actor.scopePath,
      reporterScopePath: reportingScopeOf(actor),
    },
    { now: options.now, idempotency: options.idempotency, showSuggestions: can(actor.roles, 'cases.read') },
  );
  if (!isResidentOnly(actor)) return outcome;
  const value: IntakeResult = {
    ...outcome.value,
    case: presentCaseToReporter(outcome.value.case, {
      description: description.trim(),
      address: body.address?.trim() || null,
    }),
  };
  return { ...outcome, value };
}

/** Who reports through POST /api/cases, on which channel: residents as themselves, desks for a caller, staff from the field. */
async function intakeReporter(
  deps: CaseDeps,
  actor: Actor,
  body: ReportCaseBody,
): Promise<{ channel: CaseChannel; reporter: IntakeReporter; enteredByUserId: string | null }> {
  const isResident = isResidentOnly(actor);
  const allowed: CaseChannel[] = isResident
    ? ['resident']
    : can(actor.roles, 'cases.operate')
      ? ['desk', 'worker']
      : ['worker'];
  const channel = body.channel ?? allowed[0] ?? 'worker';
  if (!allowed.includes(channel)) throw new DomainError('validation', {}, [{ field: 'channel', code: 'enum' }]);
  const anonymous = body.reporter?.anonymous ?? false;
  const user = actor.kind === 'user' ? await accountsLookups.findUserById(deps.db, actor.id) : undefined;
  if (channel === 'desk') {
    return {
      channel,
      reporter: { userId: null, name: body.reporter?.name ?? null, phone: body.reporter?.phone ?? null, anonymous },
      enteredByUserId: user?.id ?? null,
    };
  }
  // A self-registered resident's account holds their mobile number (sealed): the command desk calls it back (回访).
  const accountPhone = isResident && user?.phoneSealed ? decryptSecret(deps.secretKey, user.phoneSealed) : null;
  return {
    channel,
    reporter: {
      userId: user?.id ?? null,
      name: user?.displayName ?? body.reporter?.name ?? null,
      phone: body.reporter?.phone ?? accountPhone,
      anonymous,
    },
    enteredByUserId: null,
  };
}

/** Residents report anywhere in the county (their account's scope may be narrower); staff and keys inside their scope. */
const reportingScopeOf = (actor: Actor) => (isResidentOnly(actor) ? countyPathOf(actor.scopePath) : actor.scopePath);
