import { DomainError } from '../../../platform/errors.js';
import { isPathWithin } from '../../../platform/scope.js';
import type { AuditContext } from '../../audit/index.js';
import { checkFormAnswers } from '../../catalog/index.js';
import { regionsLookups } from '../../regions/index.js';
import { type CaseDeps, reportableMatter } from '../case-deps.js';
import { placeReport } from '../case-placement.js';
import type { IntakeJob, ReportCaseInput, ReportCaseOptions, ReportCaseOutcome } from './intake-job.js';
import { intakeBatcherOf } from './write-intakes.js';

export type {
  IntakeReporter,
  ReportCaseInput,
  ReportCaseOptions,
  ReportCaseOutcome,
} from './intake-job.js';

/**
 * Intake (上报) from any channel: checks the matter and its form, places the report (point
 * → grid, or address only), finds the command unit of the matter's level for the place,
 * and either merges the report into an open case of the same matter nearby (并单: a
 * confident match; the reporter then follows that case) or opens a new case. Possible
 * duplicates are returned for the operator to merge or keep apart. Everything — the
 * idempotency key, case, report, timeline, timers, photos and audit row — is written in
 * one transaction (write-intakes.ts), shared with the intakes that arrive meanwhile; the
 * answer comes after it committed.
 */
export async function reportCase(
  deps: CaseDeps,
  context: AuditContext,
  input: ReportCaseInput,
  options: ReportCaseOptions,
): Promise<ReportCaseOutcome> {
  return intakeBatcherOf(deps).submit(await prepareIntake(deps, context, input, options));
}

/** An intake checked and placed, ready to be written: everything that needs no transaction. */
export async function prepareIntake(
  deps: CaseDeps,
  context: AuditContext,
  input: ReportCaseInput,
  options: ReportCaseOptions,
): Promise<IntakeJob> {
  const { db } = deps;
  const matter = await reportableMatter(db, input.matterCode);
  const form = checkFormAnswers(matter.formFields, input.formAnswers ?? {});
  if (form.problems.length > 0) throw new DomainError('validation', {}, form.problems);
  if (!input.point && !input.address?.trim()) {
    throw new DomainError('validation', {}, [{ field: 'point', code: 'required' }]);
  }
  const { place, command } = await placeReport(db, deps.locator, {
    point: input.point ? { lonLat: [input.point.lon, input.point.lat], crs: input.point.crs } : null,
    fallbackRegionCode: input.fallbackRegionCode,
    level: matter.handlingLevel,
  });
  if (!isPathWithin(place.path, input.reporterScopePath)) {
    const names = await regionsLookups.namesByCode(db, [place.regionCode, lastSegment(input.reporterScopePath)]);
    throw new DomainError('case-outside-scope', {
      place: names.get(place.regionCode) ?? place.regionCode,
      scope: names.get(lastSegment(input.reporterScopePath)) ?? input.reporterScopePath,
    });
  }

  return { context, input, options, matter, answers: form.answers, place, command };
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1);
