import { type IntakeResult, isOpenState } from '@yiwang/contracts';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { findUser } from '../../accounts/index.js';
import type { IdempotencyClaim } from '../../idempotency/index.js';
import { newFollowKey } from '../case-code.js';
import type { NewCaseReportRow } from '../case-reports.repository.js';
import { caseScopeOf } from '../case-scope.js';
import { type CaseRow, type CaseSummaryRow, casesRepository } from '../cases.repository.js';
import { intakeRepository } from '../intake.repository.js';
import { presentCaseSummary } from '../present-case.js';

/**
 * One more report of an open case (its target locked by the caller): supporters + 1, the
 * report and its `report_merged` event in one statement (with the completed Idempotency-Key
 * when the caller claimed one). The intake's confident duplicate and the field's "me too" both
 * add reports this way. `answer` builds the caller's answer from the case as it now is.
 */
export async function addReportToCase<T>(
  tx: Tx,
  input: {
    target: CaseRow;
    report: NewCaseReportRow & { id: string };
    actorUserId: string | null;
    details: Record<string, unknown>;
    now: Date;
    answer: (summary: CaseSummaryRow) => T;
    /** The request's claim, completed with this answer (a merged report: `updated`). */
    idempotency?: IdempotencyClaim | undefined;
  },
): Promise<T> {
  const { target, report, now } = input;
  const supporterCount = target.supporterCount + 1;
  const saved = await casesRepository.updateCase(tx, target.id, target.version, { supporterCount, updatedAt: now });
  if (!saved) throw new Error('locked case changed');
  const summary = await casesRepository.summaryById(tx, target.id);
  if (!summary) throw new Error('case just written is missing');
  const body = input.answer(summary);
  await intakeRepository.insertMergedReport(tx, {
    report,
    events: [
      {
        caseId: target.id,
        type: 'report_merged',
        at: now,
        actorUserId: input.actorUserId,
        actorUnitId: null,
        fromState: target.state,
        toState: target.state,
        details: { reportId: report.id, ...input.details, supporterCount },
      },
    ],
    idempotency: input.idempotency && { claim: input.idempotency, result: { kind: 'updated', value: body } },
  });
  return body;
}

/**
 * "Me too" from the field, inside the caller's transaction: the worker's report joins the open
 * case `code` in their scope (404 outside it, refused when the case is closed). The caller
 * attaches the photos and writes the audit row.
 */
export async function addSupportReport(
  tx: Tx,
  actor: Actor,
  input: {
    code: string;
    description: string;
    point: readonly [number, number] | null;
    photoIds: readonly string[];
    now: Date;
  },
): Promise<{ target: CaseRow; reportId: string; result: IntakeResult }> {
  const target = await casesRepository.lockInScope(tx, input.code, caseScopeOf(actor));
  if (!target) throw new DomainError('not-found');
  if (!isOpenState(target.state)) throw new DomainError('case-merge-target-closed');
  const user = await findUser(tx, actor.id);
  const report = {
    id: crypto.randomUUID(),
    caseId: target.id,
    channel: 'worker' as const,
    reporterUserId: user?.id ?? null,
    reporterName: user?.displayName ?? null,
    anonymous: false,
    description: input.description,
    lon: input.point?.[0] ?? null,
    lat: input.point?.[1] ?? null,
    photoIds: [...input.photoIds],
    followKey: newFollowKey(),
    createdAt: input.now,
  };
  const result = await addReportToCase(tx, {
    target,
    report,
    actorUserId: user?.id ?? null,
    details: { channel: 'worker', automatic: false, via: 'support' },
    now: input.now,
    answer: (summary): IntakeResult => ({
      outcome: 'merged',
      case: presentCaseSummary(summary),
      reportId: report.id,
      followKey: report.followKey,
      duplicateSuggestions: [],
    }),
  });
  return { target, reportId: report.id, result };
}
