import { type CaseSummary, isOpenState } from '@yiwang/contracts';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { type CaseDeps, matterOfCase, stageLimitsOf } from '../case-deps.js';
import { caseReportsRepository } from '../case-reports.repository.js';
import { caseScopeOf, workflowActorOf } from '../case-scope.js';
import { caseTimelineRepository } from '../case-timeline.repository.js';
import { saveTransition } from '../case-writer.js';
import { type CaseRow, casesRepository } from '../cases.repository.js';
import { transition } from '../domain/workflow.js';
import { presentCaseSummary, stateParams } from '../present-case.js';
import { loadSnapshot } from '../snapshot-json.js';
import { REFUSAL_ERRORS } from './run-case-command.js';

/** Two cases in the caller's scope, locked in id order. */
async function lockPair(tx: Tx, actor: Actor, codes: [string, string]) {
  if (codes[0] === codes[1]) throw new DomainError('validation', {}, [{ field: 'caseCode', code: 'same-case' }]);
  const scope = caseScopeOf(actor);
  const found = await Promise.all(codes.map((code) => casesRepository.findInScope(tx, code, scope)));
  if (found.some((row) => row === undefined)) throw new DomainError('not-found');
  const locked = await casesRepository.lockByIds(
    tx,
    found.map((row) => (row as CaseRow).id),
  );
  const byCode = new Map(locked.map((row) => [row.code, row]));
  return [byCode.get(codes[0]) as CaseRow, byCode.get(codes[1]) as CaseRow] as const;
}

/**
 * 并单 by the operator: the reports of `code` join the open case `intoCaseCode` (its
 * reporters follow that case and count as supporters), and `code` is voided as its
 * duplicate. The workflow decides whether the caller may void `code` (its command unit,
 * before dispatch).
 */
export async function mergeCases(
  deps: CaseDeps,
  actor: Actor,
  context: AuditContext,
  input: { code: string; intoCaseCode: string; now: Date },
): Promise<CaseSummary> {
  const { now } = input;
  return deps.db.transaction(async (tx) => {
    const [source, target] = await lockPair(tx, actor, [input.code, input.intoCaseCode]);
    if (!isOpenState(target.state)) throw new DomainError('case-merge-target-closed');
    const result = transition(
      loadSnapshot(source.snapshot, []),
      { type: 'void', reason: `重复上报，并入 ${target.code}`, duplicateOfCaseId: target.id },
      workflowActorOf(actor),
      now,
      deps.settings.policy,
    );
    if (!result.ok) throw new DomainError(REFUSAL_ERRORS[result.reason], stateParams(source.state));
    const moved = await caseReportsRepository.moveReports(tx, source.id, target.id);
    const matter = await matterOfCase(tx, source);
    await saveTransition(tx, {
      row: source,
      after: result.next,
      events: result.events.map((e) => ({ ...e, details: { ...e.details, mergedInto: target.code } })),
      now,
      limits: stageLimitsOf(matter, deps.settings),
      settings: deps.settings,
    });
    await casesRepository.updateCase(tx, target.id, target.version, {
      supporterCount: target.supporterCount + moved,
      updatedAt: now,
    });
    await caseTimelineRepository.insertEvents(tx, [
      {
        caseId: target.id,
        type: 'cases_merged',
        at: now,
        actorUserId: actor.kind === 'user' ? actor.id : null,
        actorUnitId: actor.unitId,
        fromState: target.state,
        toState: target.state,
        details: { fromCaseCode: source.code, reports: moved, supporterCount: target.supporterCount + moved },
      },
    ]);
    await deps.audit(tx, context, {
      action: 'case.merge',
      objectType: 'case',
      objectId: target.code,
      scopePath: target.path,
      details: { from: source.code, reports: moved },
    });
    const summary = await casesRepository.summaryById(tx, target.id);
    if (!summary) throw new Error('merged case missing');
    return presentCaseSummary(summary);
  });
}

/** The operator's judgement that two cases are different problems: neither is suggested as the other's duplicate again. */
export async function keepCasesApart(
  deps: CaseDeps,
  actor: Actor,
  context: AuditContext,
  input: { code: string; otherCaseCode: string; now: Date },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const pair = await lockPair(tx, actor, [input.code, input.otherCaseCode]);
    for (const [row, other] of [pair, [pair[1], pair[0]]] as const) {
      if (row.keptApartCaseIds.includes(other.id)) continue;
      await casesRepository.updateCase(tx, row.id, row.version, {
        keptApartCaseIds: [...row.keptApartCaseIds, other.id],
        updatedAt: input.now,
      });
      await caseTimelineRepository.insertEvents(tx, [
        {
          caseId: row.id,
          type: 'kept_apart',
          at: input.now,
          actorUserId: actor.kind === 'user' ? actor.id : null,
          actorUnitId: actor.unitId,
          fromState: row.state,
          toState: row.state,
          details: { caseCode: other.code },
        },
      ]);
    }
    await deps.audit(tx, context, {
      action: 'case.keep-apart',
      objectType: 'case',
      objectId: input.code,
      scopePath: pair[0].path,
      details: { other: input.otherCaseCode },
    });
  });
}
