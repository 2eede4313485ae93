import type { CaseList, CaseListQuery, HandlingLevel, SupervisionList } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { gridsLookups } from '../../grids/index.js';
import { regionsLookups } from '../../regions/index.js';
import { deskCaseScopeOf } from '../case-scope.js';
import { type CaseFilter, casesRepository } from '../cases.repository.js';
import { QUEUES, queuesFor } from '../domain/queues.js';
import { presentCaseSummary } from '../present-case.js';
import { reportedCaseIdsWithDuplicates } from './find-duplicates.js';

/**
 * Cases in the caller's scope, newest first, by state, level, grid or region (and what
 * lies below it), matter, time state, channel and text. `inbox=unit` is the caller's
 * unit's inbox (cases it handles, assists or was summoned to); `inbox=command` the queue
 * of the command unit the caller sits at; `queue` one of the caller's work queues (domain/queues.ts);
 * `possibleDuplicate` the reported cases the case page would suggest a duplicate for.
 */
export async function listCases(db: Executor, actor: Actor, query: CaseListQuery): Promise<CaseList> {
  const filter = await caseFilterOf(db, actor, query);
  if (!filter) return { items: [], total: 0 };
  const { items, total, capped } = await casesRepository.listInScope(db, filter, deskCaseScopeOf(actor), {
    limit: query.limit,
    offset: query.offset,
  });
  return { items: items.map(presentCaseSummary), total, ...(capped ? { totalCapped: true } : {}) };
}

/**
 * The repository filter of a list query (the list and its Excel export read the same);
 * null when the grid or region asked for is not there, so nothing can match.
 */
export async function caseFilterOf(
  db: Executor,
  actor: Actor,
  query: Omit<CaseListQuery, 'limit' | 'offset'>,
): Promise<CaseFilter | null> {
  const filter: CaseFilter = {
    state: query.state,
    level: query.level,
    matterCode: query.matterCode,
    timeState: query.timeState,
    channel: query.channel,
    q: query.q,
    open: query.open,
    reportedFrom: query.reportedFrom ? new Date(query.reportedFrom) : undefined,
    reportedTo: query.reportedTo ? new Date(query.reportedTo) : undefined,
    closedFrom: query.closedFrom ? new Date(query.closedFrom) : undefined,
  };
  if (query.gridCode) {
    const grid = await gridsLookups.findCurrentInScope(db, query.gridCode, actor.scopePath);
    if (!grid) return null;
    filter.underPath = grid.path;
  } else if (query.regionCode) {
    const region = await regionsLookups.findByCode(db, query.regionCode);
    if (!region) return null;
    filter.underPath = region.path;
  }
  if (query.inbox) {
    if (!actor.unitId) throw new DomainError('case-no-unit');
    if (query.inbox === 'unit') filter.unitInbox = actor.unitId;
    else filter.commandInbox = actor.unitId;
  }
  if (query.queue) {
    const definition = QUEUES[query.queue];
    if (!queuesFor(actor.roles).includes(definition)) throw new DomainError('forbidden');
    if (!actor.unitId) throw new DomainError('case-no-unit');
    filter.queue = { definition, unitId: actor.unitId };
  }
  if (query.possibleDuplicate) filter.ids = await reportedCaseIdsWithDuplicates(db, deskCaseScopeOf(actor));
  return filter;
}

/**
 * The supervision list (督办): yellow (warning) and red (overdue) cases, the most urgent first,
 * and apart from them the open cases someone supervised by hand.
 */
export async function listSupervision(
  db: Executor,
  actor: Actor,
  query: { level?: HandlingLevel | undefined; limit: number },
): Promise<SupervisionList> {
  const scope = deskCaseScopeOf(actor);
  const [warning, overdue, supervised] = await Promise.all([
    casesRepository.supervisionInScope(db, scope, 'warning', query, query.limit),
    casesRepository.supervisionInScope(db, scope, 'overdue', query, query.limit),
    casesRepository.handSupervisedInScope(db, scope, query, query.limit),
  ]);
  return {
    warning: warning.items.map(presentCaseSummary),
    overdue: overdue.items.map(presentCaseSummary),
    supervised: supervised.items.map(presentCaseSummary),
    counts: { warning: warning.total, overdue: overdue.total, supervised: supervised.total },
    ...(warning.capped || overdue.capped || supervised.capped
      ? {
          countsCapped: [
            ...(warning.capped ? (['warning'] as const) : []),
            ...(overdue.capped ? (['overdue'] as const) : []),
            ...(supervised.capped ? (['supervised'] as const) : []),
          ],
        }
      : {}),
  };
}
