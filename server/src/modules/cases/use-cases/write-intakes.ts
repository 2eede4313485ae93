import type { DuplicateSuggestion, IntakeResult } from '@yiwang/contracts';
import { isLockNotAvailable, sqlStateOf, type Tx } from '../../../db/client.js';
import { readTogether, withFewerRoundTrips } from '../../../db/fewer-round-trips.js';
import { encryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import { maskPhone } from '../../../platform/phone.js';
import { type BatchResult, type WriteBatcher, writeBatcher } from '../../../platform/write-batcher.js';
import type { WriteKind } from '../../../platform/write-result.js';
import { type AuditEvent, auditReservation } from '../../audit/index.js';
import { idempotencyStatements } from '../../idempotency/index.js';
import { attachPhotosToCase } from '../../photos/index.js';
import { formatCaseCode, newFollowKey } from '../case-code.js';
import { type CaseDeps, stageLimitsOf } from '../case-deps.js';
import { type CaseReportRow, caseReportsRepository } from '../case-reports.repository.js';
import { eventRow, snapshotColumns, timersForClock } from '../case-writer.js';
import { type CaseRow, type CaseSummaryRow, casesRepository } from '../cases.repository.js';
import type { DuplicateMatch } from '../domain/duplicates.js';
import { NO_CLOCK, nextStageClock } from '../domain/stage-clock.js';
import { reportCase as openCaseSnapshot } from '../domain/workflow.js';
import { intakeRepository } from '../intake.repository.js';
import { presentCaseSummary } from '../present-case.js';
import { storeSnapshot } from '../snapshot-json.js';
import {
  candidateOf,
  candidatesNearEach,
  type DuplicateCandidateRow,
  duplicatesAmong,
  intakeLockKeys,
  suggestion,
} from './find-duplicates.js';
import type { IntakeJob, ReportCaseInput, ReportCaseOutcome } from './intake-job.js';

/**
 * Intakes are written in batches (group commit, platform/write-batcher.ts): what arrives
 * while earlier batches are being written shares one transaction and a few multi-row
 * statements. Up to 32 per batch bounds a transaction's locks and statement size. Several
 * batches at once keep the database busy while Node builds the next, and a free slot waits
 * up to 3 ms for company while another batch is in flight (never when idle): fewer, fuller
 * batches. Measured on bench/intake.bench.ts (2 cores, 16 connections), at 2 in flight with
 * no wait 438 cases/s; with the wait, at 2, 3 and 4 in flight: 609, 539 and 635 cases/s. Once
 * each batch cost Node less (three round trips, prepared statements), alternating A/B runs put 2
 * in flight ahead of 4 in 9 of 10 rounds (1.05 and 1.03 of its rate): with Node's event loop
 * the bottleneck, two fuller batches cost it fewer writes to PostgreSQL per intake.
 */
const MAX_BATCH = 32;
const MAX_IN_FLIGHT = 2;
const LINGER_MS = 3;

/**
 * One batcher per set of case dependencies: every intake through the same dependencies (the
 * desk's, the hotline's…) may share a batch, since a batch writes its audit rows through
 * them. Dependencies made for one request (Open311's, which carry its media URL) get a batch
 * of their own.
 */
const batchers = new WeakMap<CaseDeps, WriteBatcher<IntakeJob, ReportCaseOutcome>>();

/** The batcher of `deps`, made on first use (`limits`, for tests, only then). */
export function intakeBatcherOf(
  deps: CaseDeps,
  limits: { maxBatch?: number; maxInFlight?: number; lingerMs?: number } = {},
): WriteBatcher<IntakeJob, ReportCaseOutcome> {
  let batcher = batchers.get(deps);
  if (!batcher) {
    batcher = writeBatcher((jobs) => writeIntakes(deps, jobs), {
      maxBatch: limits.maxBatch ?? MAX_BATCH,
      maxInFlight: limits.maxInFlight ?? MAX_IN_FLIGHT,
      lingerMs: limits.lingerMs ?? LINGER_MS,
      keyOf: (job) => {
        const claim = job.options.idempotency;
        return claim && `${claim.actorId}\n${claim.key}`;
      },
      // The cell locks its first statement takes: a report near one being written waits for it here.
      conflictKeysOf: (job) => (job.place.point ? intakeLockKeys(job.matter.code, job.place.point) : []),
    });
    batchers.set(deps, batcher);
  }
  return batcher;
}

/**
 * Writes a batch in one transaction; when it fails and the database said so (one intake's bad
 * photo reference, a deadlock, a statement sent with the COMMIT…), nothing of it was stored,
 * and each intake is written again alone, so each gets its own answer. A commit whose
 * connection failed is not retried: whether it landed is unknown, and the callers' retries
 * (with their Idempotency-Keys) settle it.
 */
async function writeIntakes(deps: CaseDeps, jobs: readonly IntakeJob[]): Promise<BatchResult<ReportCaseOutcome>[]> {
  const state = { committing: false };
  try {
    const outcomes = await writeBatchTakingLane(deps, jobs, state);
    return outcomes.map((value) => ({ ok: true, value }));
  } catch (error) {
    if (jobs.length === 1 || (state.committing && sqlStateOf(error) === undefined)) {
      return jobs.map(() => ({ ok: false, error }));
    }
    const results: BatchResult<ReportCaseOutcome>[] = [];
    for (const job of jobs) {
      try {
        const [value] = await writeBatchTakingLane(deps, [job], { committing: false });
        results.push(value ? { ok: true, value } : { ok: false, error: new Error('intake answered nothing') });
      } catch (alone) {
        results.push({ ok: false, error: alone });
      }
    }
    return results;
  }
}

/**
 * A batch takes its audit lane in its first round trip, so that its rows and audit rows go
 * with the COMMIT in its last: two round trips, three when reports join cases written
 * before it. Holding a lane, it must not wait for a case another lane holder may hold (when
 * every lane is held, a writer waits for one): it locks the cases it joins without waiting, and
 * when one is held, the batch is written again with its lane taken after that lock, as its
 * last lock, in one round trip more.
 */
async function writeBatchTakingLane(
  deps: CaseDeps,
  jobs: readonly IntakeJob[],
  state: { committing: boolean },
): Promise<ReportCaseOutcome[]> {
  try {
    return await writeBatch(deps, jobs, state, 'first');
  } catch (error) {
    if (!isLockNotAvailable(error)) throw error;
    return writeBatch(deps, jobs, state, 'last');
  }
}

/** A new case's rows, built before writing: the answer (and the copy kept for retries) is known first. */
interface OpenedCase {
  case: CaseRow;
  /** The case with its names; `summary.case` is `case`, so a report joining it in the batch updates both. */
  summary: CaseSummaryRow;
  report: ReturnType<typeof reportRow>;
  events: ReturnType<typeof eventRow>[];
  timers: ReturnType<typeof timersForClock>;
  idempotency:
    | { claim: NonNullable<IntakeJob['options']['idempotency']>; result: { kind: 'created'; value: IntakeResult } }
    | undefined;
  body: IntakeResult;
  audit: AuditEvent;
}

interface IntakeWritten {
  kind: WriteKind;
  body: IntakeResult;
  audit: AuditEvent;
}

/**
 * The transaction of a batch, in order: claim the keys, lock the cells and draw numbers, find
 * the open cases near each report, and (`lane` first) take an audit lane (three statements,
 * one round trip with BEGIN); answer replays and reports already received; score each report
 * against those cases and the ones opened earlier in this batch, as it would have seen them had
 * it come a moment later; lock the open cases that confident duplicates join (one statement;
 * without waiting when the lane is held); write every new case, every joined report and the
 * joined cases' counts (one statement, with the lane taken in it when it was not before);
 * attach photos; append the audit rows. Statements whose results nobody reads go with COMMIT.
 * A batch with photos takes its lane after attaching them (their rows locked), last.
 */
async function writeBatch(
  deps: CaseDeps,
  jobs: readonly IntakeJob[],
  state: { committing: boolean },
  lane: 'first' | 'last',
): Promise<ReportCaseOutcome[]> {
  const photos = jobs.some((job) => job.input.photoIds?.length);
  const laneFirst = lane === 'first' && deps.auditAll !== undefined && !photos;
  // BEGIN goes with the first statement, COMMIT with the audit rows: two round trips fewer.
  const outcomes = await withFewerRoundTrips(() =>
    deps.db.transaction(async (tx) => {
      // The open cases near every report are searched in the first round trip too, by a
      // statement of their own: it reads the cases committed once the cell locks were held (a
      // replay's search goes unused).
      const located = jobs.flatMap((job, i) =>
        job.place.point ? [{ i, report: { matter: job.matter, point: job.place.point, now: job.options.now } }] : [],
      );
      const begin = intakeRepository.begin(
        jobs.map((job) => ({
          idempotency: job.options.idempotency,
          lockKeys: job.place.point ? intakeLockKeys(job.matter.code, job.place.point) : [],
        })),
      );
      const search = candidatesNearEach(located.map((l) => l.report));
      // Places for every intake, since replays are known only once the keys are claimed: the
      // ones left over go back to the lane (recordAudits).
      const [begun, near, early] = laneFirst
        ? await readTogether(tx, begin, search, auditReservation.reading(jobs.length))
        : [...(await readTogether(tx, begin, search)), undefined];
      const outcomes: (ReportCaseOutcome | undefined)[] = jobs.map(() => undefined);
      const writing: number[] = [];
      for (const [i, job] of jobs.entries()) {
        const claim = job.options.idempotency;
        if (claim && !begun[i]?.claimed) outcomes[i] = await idempotencyStatements.replay<IntakeResult>(tx, claim);
        else if (job.input.externalId) outcomes[i] = await earlierReport(tx, job.input);
        if (!outcomes[i]) writing.push(i);
      }

      const merging: Merge[] = [];
      // Insertion order is the jobs' order: the cases' rows and candidates follow it.
      const opened = new Map<number, OpenedCase>();
      const openedCandidates: ReturnType<typeof candidateOf<CaseRow>> = [];
      for (const i of writing) {
        const job = jobs[i] as IntakeJob;
        const k = located.findIndex((l) => l.i === i);
        const report = located[k]?.report;
        const matches = report ? duplicatesAmong(report, [...(near[k] ?? []), ...openedCandidates]) : [];
        const confident = matches.find(
          (m) => m.score.confidence === 'confident' && m.candidate.matterCode === job.matter.code,
        );
        const possible = job.options.showSuggestions
          ? matches.filter((m) => m !== confident).map((m) => suggestion(m))
          : [];
        if (confident) merging.push({ i, into: confident, possible });
        else {
          const built = openCase(deps, job, begun[i]?.caseNumber ?? 0, possible);
          opened.set(i, built);
          openedCandidates.push(...candidateOf(built.case));
        }
      }
      const locked = await lockJoinedCases(tx, merging, opened, early !== undefined);
      const joined = joinReports(deps, jobs, merging, opened, locked);
      const reserved = await intakeRepository.insertIntakes(
        tx,
        {
          newCases: [...opened.values()],
          joinedReports: joined.map((j) => j.rows),
          joinedCases: [...new Set(joined.flatMap((j) => (j.committed ? [j.target] : [])))].map((c) => ({
            id: c.id,
            supporterCount: c.supporterCount,
            version: c.version,
            updatedAt: c.updatedAt,
          })),
        },
        // Places on an audit lane for every intake written, taken in the same statement — unless
        // taken before, or photos are still to be attached (their rows locked) after it.
        deps.auditAll && !early && !photos ? opened.size + joined.length : 0,
      );

      const written = new Map<number, IntakeWritten>();
      for (const [i, built] of opened) {
        await attachPhotos(tx, (jobs[i] as IntakeJob).input, built.case);
        written.set(i, { kind: 'created', body: built.body, audit: built.audit });
      }
      for (const j of joined) {
        await attachPhotos(tx, (jobs[j.i] as IntakeJob).input, j.target);
        written.set(j.i, { kind: 'updated', body: j.body, audit: j.audit });
      }

      const audited = [...written.keys()].sort((a, b) => a - b);
      const entries = audited.map((i) => ({
        context: (jobs[i] as IntakeJob).context,
        event: (written.get(i) as IntakeWritten).audit,
      }));
      if (deps.auditAll) await deps.auditAll(tx, entries, early ?? reserved);
      else for (const { context, event } of entries) await deps.audit(tx, context, event);
      for (const [i, w] of written) outcomes[i] = { kind: w.kind, value: w.body, replayed: false };
      state.committing = true;
      return outcomes;
    }),
  );
  return outcomes.map((outcome) => {
    if (!outcome) throw new Error('an intake of the batch has no answer');
    return outcome;
  });
}

/** A report already received under the same channel and external id: the first answer again. */
async function earlierReport(tx: Tx, input: ReportCaseInput): Promise<ReportCaseOutcome | undefined> {
  if (!input.externalId) return undefined;
  const earlier = await caseReportsRepository.findReportByExternalId(tx, input.channel, input.externalId);
  if (!earlier) return undefined;
  const summary = await casesRepository.summaryById(tx, earlier.caseId);
  if (!summary) throw new Error('case of an earlier report is missing');
  const value = intakeResult(presentCaseSummary(summary), earlier.report, 'created', []);
  return { kind: 'existing', value, replayed: true };
}

function reportRow(deps: CaseDeps, job: IntakeJob, caseId: string) {
  const { input, place, answers } = job;
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
    lon: place.point?.[0] ?? null,
    lat: place.point?.[1] ?? null,
    address: input.address?.trim() || null,
    photoIds: [...(input.photoIds ?? [])],
    formAnswers: answers as Record<string, string | number | string[]>,
    externalId: input.externalId ?? null,
    followKey: newFollowKey(),
    createdAt: job.options.now,
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

/** A new case: every row, the answer and the audit event, built before anything is written. */
function openCase(deps: CaseDeps, job: IntakeJob, caseNumber: number, possible: DuplicateSuggestion[]): OpenedCase {
  const { input, matter, place, command } = job;
  const { now } = job.options;
  const id = crypto.randomUUID();
  const code = formatCaseCode(now, caseNumber);
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
  const report = reportRow(deps, job, id);
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
  const body = intakeResult(presentCaseSummary(summary), report, 'created', possible);
  const claim = job.options.idempotency;
  return {
    case: caseRow,
    summary,
    report,
    events: [
      eventRow(id, {
        ...event,
        actorUserId: input.reporter.userId ?? input.enteredByUserId ?? null,
        details: { ...event.details, reportId: report.id, located: place.gridCode !== null },
      }),
    ],
    timers: timersForClock(id, clock, deps.settings),
    idempotency: claim && { claim, result: { kind: 'created', value: body } },
    body,
    audit: {
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
    },
  };
}

interface Merge {
  i: number;
  into: DuplicateMatch<DuplicateCandidateRow>;
  possible: DuplicateSuggestion[];
}

/**
 * The open cases written before this batch that its confident duplicates join: locked (in id
 * order) and read as they now are, in one statement. Cases opened in this batch are in memory.
 * `noWait`: a case another transaction holds fails the statement (lock_not_available).
 */
async function lockJoinedCases(
  tx: Tx,
  merging: readonly Merge[],
  opened: ReadonlyMap<number, OpenedCase>,
  noWait: boolean,
): Promise<Map<string, CaseSummaryRow>> {
  const inBatch = new Set([...opened.values()].map((o) => o.case.id));
  const ids = [...new Set(merging.map((m) => m.into.candidate.id))].filter((id) => !inBatch.has(id));
  const locked = await casesRepository.lockSummaries(tx, ids, noWait);
  return new Map(locked.map((summary) => [summary.case.id, summary]));
}

/**
 * Each confident duplicate joins its open case: one more supporter (counted in order, so each
 * answer shows the case as that report left it), the report, its `report_merged` event and its
 * completed key. A case opened in this batch takes the count before it is written.
 */
function joinReports(
  deps: CaseDeps,
  jobs: readonly IntakeJob[],
  merging: readonly Merge[],
  opened: ReadonlyMap<number, OpenedCase>,
  locked: ReadonlyMap<string, CaseSummaryRow>,
) {
  const openedById = new Map([...opened.values()].map((o) => [o.case.id, o.summary]));
  return merging.map(({ i, into, possible }) => {
    const job = jobs[i] as IntakeJob;
    const { input } = job;
    const { now } = job.options;
    const committed = locked.get(into.candidate.id);
    const summary = committed ?? openedById.get(into.candidate.id);
    if (!summary) throw new Error('duplicate candidate vanished');
    const target = summary.case;
    target.supporterCount += 1;
    target.version += 1;
    target.updatedAt = now;
    const report = reportRow(deps, job, target.id);
    const body = intakeResult(presentCaseSummary(summary), report, 'merged', possible);
    const claim = job.options.idempotency;
    const event = {
      caseId: target.id,
      type: 'report_merged' as const,
      at: now,
      actorUserId: input.reporter.userId ?? input.enteredByUserId ?? null,
      actorUnitId: null,
      fromState: target.state,
      toState: target.state,
      details: {
        reportId: report.id,
        channel: input.channel,
        automatic: true,
        distanceMeters: Math.round(into.score.distanceMeters * 10) / 10,
        hoursApart: Math.round(into.score.hoursApart * 100) / 100,
        supporterCount: target.supporterCount,
      },
    };
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
    return {
      i,
      target,
      committed: committed !== undefined,
      rows: {
        report,
        events: [event],
        idempotency: claim && { claim, result: { kind: 'updated' as const, value: body } },
      },
      body,
      audit,
    };
  });
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
