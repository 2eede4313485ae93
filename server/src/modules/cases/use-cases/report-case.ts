import type { CaseChannel, DuplicateSuggestion, IntakeResult } from '@yiwang/contracts';
import type { Tx } from '../../../db/client.js';
import { encryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import { maskPhone } from '../../../platform/phone.js';
import { isPathWithin } from '../../../platform/scope.js';
import type { WriteKind } from '../../../platform/write-result.js';
import type { AuditContext, AuditEvent } from '../../audit/index.js';
import type { CatalogMatter } from '../../catalog/index.js';
import { checkFormAnswers, type FormAnswersInput } from '../../catalog/index.js';
import type { Crs } from '../../grids/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, idempotencyStatements } from '../../idempotency/index.js';
import { attachPhotosToCase } from '../../photos/index.js';
import { regionsLookups } from '../../regions/index.js';
import { formatCaseCode, newFollowKey } from '../case-code.js';
import { type CaseDeps, reportableMatter, stageLimitsOf } from '../case-deps.js';
import { type CasePlace, type CommandUnit, placeReport } from '../case-placement.js';
import { type CaseReportRow, caseReportsRepository } from '../case-reports.repository.js';
import { eventRow, snapshotColumns, timersForClock } from '../case-writer.js';
import { type CaseRow, type CaseSummaryRow, casesRepository } from '../cases.repository.js';
import type { DuplicateMatch } from '../domain/duplicates.js';
import { NO_CLOCK, nextStageClock } from '../domain/stage-clock.js';
import { reportCase as openCaseSnapshot } from '../domain/workflow.js';
import { intakeRepository } from '../intake.repository.js';
import { presentCaseSummary } from '../present-case.js';
import { storeSnapshot } from '../snapshot-json.js';
import { addReportToCase } from './add-report-to-case.js';
import { type DuplicateCandidateRow, duplicatesNear, intakeLockKeys, suggestion } from './find-duplicates.js';

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

/**
 * Intake (上报) from any channel: checks the matter and its form, places the report (point
 * → grid, or address only), finds the command unit of the matter's level for the place,
 * and either merges the report into an open case of the same matter nearby (并单: a
 * confident match; the reporter then follows that case) or opens a new case. Possible
 * duplicates are returned for the operator to merge or keep apart. Everything — the
 * idempotency key, case, report, timeline, timers, photos and audit row — is written in
 * one transaction.
 */
export async function reportCase(
  deps: CaseDeps,
  context: AuditContext,
  input: ReportCaseInput,
  options: ReportCaseOptions,
): Promise<ReportCaseOutcome> {
  const { db } = deps;
  const { now } = options;
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

  return db.transaction(async (tx) => {
    const started = await intakeRepository.begin(tx, {
      idempotency: options.idempotency,
      lockKeys: place.point ? intakeLockKeys(matter.code, place.point) : [],
    });
    if (options.idempotency && !started.claimed) {
      return idempotencyStatements.replay<IntakeResult>(tx, options.idempotency);
    }
    if (input.externalId) {
      const earlier = await caseReportsRepository.findReportByExternalId(tx, input.channel, input.externalId);
      if (earlier) {
        const summary = await casesRepository.summaryById(tx, earlier.caseId);
        if (!summary) throw new Error('case of an earlier report is missing');
        const value = intakeResult(presentCaseSummary(summary), earlier.report, 'created', []);
        return { kind: 'existing', value, replayed: true };
      }
    }

    const matches = place.point ? await duplicatesNear(tx, matter, place.point, now) : [];
    const confident = matches.find((m) => m.score.confidence === 'confident' && m.candidate.matterCode === matter.code);
    const possible = options.showSuggestions ? matches.filter((m) => m !== confident).map((m) => suggestion(m)) : [];
    const ctx: IntakeContext = {
      matter,
      place,
      now,
      answers: form.answers,
      possible,
      idempotency: options.idempotency,
    };

    const outcome = confident
      ? await mergeReport(deps, tx, input, { ...ctx, into: confident })
      : await openCase(deps, tx, input, { ...ctx, command, caseNumber: started.caseNumber });
    // Last: appending holds an audit lane until commit.
    await deps.audit(tx, context, outcome.audit);
    return { kind: outcome.kind, value: outcome.body, replayed: false };
  });
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1);

interface IntakeContext {
  matter: CatalogMatter;
  place: CasePlace;
  now: Date;
  answers: Record<string, unknown>;
  /** Possible duplicates for the answer (staff only). */
  possible: DuplicateSuggestion[];
  idempotency: ReportCaseOptions['idempotency'];
}

interface IntakeWritten {
  kind: WriteKind;
  body: IntakeResult;
  audit: AuditEvent;
}

function reportRow(deps: CaseDeps, input: ReportCaseInput, caseId: string, ctx: IntakeContext) {
  const phone = input.reporter.phone?.trim() || null;
  return {
    id: crypto.randomUUID(),
    caseId,
    channel: input.channel,
    reporterUserId: input.reporter.userId,
    reporterName: input.reporter.name?.trim() || null,
    reporterPhoneSealed: phone ? encryptSecret(deps.secretKey, phone) : null,
    reporterPhoneMasked: phone ? maskPhone(phone) : null,
    anonymous: input.reporter.anonymous,
    enteredByUserId: input.enteredByUserId ?? null,
    description: input.description.trim(),
    lon: ctx.place.point?.[0] ?? null,
    lat: ctx.place.point?.[1] ?? null,
    address: input.address?.trim() || null,
    photoIds: [...(input.photoIds ?? [])],
    formAnswers: ctx.answers as Record<string, string | number | string[]>,
    externalId: input.externalId ?? null,
    followKey: newFollowKey(),
    createdAt: ctx.now,
  };
}

async function attachPhotos(tx: Tx, input: ReportCaseInput, caseRow: Pick<CaseRow, 'id' | 'path'>) {
  if (!input.photoIds?.length) return;
  const attached = await attachPhotosToCase(tx, {
    caseId: caseRow.id,
    photoIds: input.photoIds,
    scopePath: input.photoScopePath,
    casePath: caseRow.path,
  });
  if (!attached.ok) {
    throw new DomainError('invalid-reference', { what: attached.photoIds.join(', ') }, [
      { field: 'photoIds', code: 'invalid' },
    ]);
  }
}

/**
 * A new case. Every row is built here, so the answer (and the copy kept for retries with
 * the same Idempotency-Key) is known before writing, and the case, report, timeline event,
 * timers and key go to the database in one statement.
 */
async function openCase(
  deps: CaseDeps,
  tx: Tx,
  input: ReportCaseInput,
  ctx: IntakeContext & { command: CommandUnit; caseNumber: number },
): Promise<IntakeWritten> {
  const { matter, place, now, command } = ctx;
  const id = crypto.randomUUID();
  const code = formatCaseCode(now, ctx.caseNumber);
  const { snapshot, event } = openCaseSnapshot(
    {
      id,
      matterCode: matter.code,
      level: command.level,
      commandUnitId: command.unitId,
      reporterUserId: input.reporter.userId,
      needsOnSiteVerification: matter.needsOnSiteVerification,
      channel: input.channel,
    },
    now,
  );
  const clock = nextStageClock(
    NO_CLOCK,
    null,
    snapshot,
    now,
    stageLimitsOf(matter, deps.settings),
    deps.settings.calendar,
  );
  const caseRow: CaseRow = {
    // Every column, defaults included: the row is the answer's source as well as the insert.
    assignedUnitId: null,
    involvedUnitIds: [],
    handleDueAt: null,
    closedAt: null,
    archivedAt: null,
    timeState: 'normal',
    supporterCount: 0,
    keptApartCaseIds: [],
    version: 1,
    ...snapshotColumns(snapshot, null, now),
    id,
    code,
    state: snapshot.state,
    level: snapshot.level,
    matterCode: matter.code,
    matterVersion: matter.version,
    matterCategory: matter.category,
    commandUnitId: snapshot.commandUnitId,
    snapshot: storeSnapshot(snapshot),
    regionCode: place.regionCode,
    gridCode: place.gridCode,
    path: place.path,
    lon: place.point?.[0] ?? null,
    lat: place.point?.[1] ?? null,
    address: input.address?.trim() || null,
    description: input.description.trim(),
    channel: input.channel,
    reporterUserId: input.reporter.userId,
    stage: clock.stage,
    stageStartedAt: clock.startedAt,
    stageDueAt: clock.dueAt,
    createdAt: now,
    updatedAt: now,
  };
  const report = reportRow(deps, input, id, ctx);
  const summary: CaseSummaryRow = {
    case: caseRow,
    commandUnitCode: command.code,
    commandUnitName: command.name,
    assignedUnitCode: null,
    assignedUnitName: null,
    matterName: matter.name,
    matterNameEn: matter.nameEn,
    regionName: place.regionName,
    regionNameEn: place.regionNameEn,
    gridName: place.gridName,
    gridNameEn: place.gridNameEn,
  };
  const body = intakeResult(presentCaseSummary(summary), report, 'created', ctx.possible);
  await intakeRepository.insertNewCase(tx, {
    case: caseRow,
    report,
    events: [
      eventRow(id, {
        ...event,
        actorUserId: input.reporter.userId ?? input.enteredByUserId ?? null,
        details: { ...event.details, reportId: report.id, located: place.gridCode !== null },
      }),
    ],
    timers: timersForClock(id, clock, deps.settings),
    idempotency: ctx.idempotency && { claim: ctx.idempotency, result: { kind: 'created', value: body } },
  });
  await attachPhotos(tx, input, caseRow);
  const audit: AuditEvent = {
    action: 'case.report',
    objectType: 'case',
    objectId: code,
    scopePath: place.path,
    details: {
      channel: input.channel,
      matterCode: matter.code,
      matterVersion: matter.version,
      gridCode: place.gridCode,
      reportId: report.id,
      photoIds: [...(input.photoIds ?? [])],
      externalId: input.externalId ?? null,
    },
  };
  return { kind: 'created', body, audit };
}

/** A confident duplicate: the report joins the open case (one more supporter) and its reporter follows it. */
async function mergeReport(
  deps: CaseDeps,
  tx: Tx,
  input: ReportCaseInput,
  ctx: IntakeContext & { into: DuplicateMatch<DuplicateCandidateRow> },
): Promise<IntakeWritten> {
  const [target] = await casesRepository.lockByIds(tx, [ctx.into.candidate.id]);
  if (!target) throw new Error('duplicate candidate vanished');
  const report = reportRow(deps, input, target.id, ctx);
  const body = await addReportToCase(tx, {
    target,
    report,
    actorUserId: input.reporter.userId ?? input.enteredByUserId ?? null,
    details: {
      channel: input.channel,
      automatic: true,
      distanceMeters: Math.round(ctx.into.score.distanceMeters * 10) / 10,
      hoursApart: Math.round(ctx.into.score.hoursApart * 100) / 100,
    },
    now: ctx.now,
    answer: (summary) => intakeResult(presentCaseSummary(summary), report, 'merged', ctx.possible),
    idempotency: ctx.idempotency,
  });
  await attachPhotos(tx, input, target);
  const audit: AuditEvent = {
    action: 'case.report.merge',
    objectType: 'case',
    objectId: target.code,
    scopePath: target.path,
    details: {
      channel: input.channel,
      reportId: report.id,
      photoIds: [...(input.photoIds ?? [])],
      externalId: input.externalId ?? null,
    },
  };
  return { kind: 'updated', body, audit };
}

function intakeResult(
  summary: IntakeResult['case'],
  report: Pick<CaseReportRow, 'id' | 'followKey'>,
  outcome: IntakeResult['outcome'],
  duplicateSuggestions: DuplicateSuggestion[],
): IntakeResult {
  return {
    outcome,
    case: summary,
    reportId: report.id,
    ...(report.followKey ? { followKey: report.followKey } : {}),
    duplicateSuggestions,
  };
}
