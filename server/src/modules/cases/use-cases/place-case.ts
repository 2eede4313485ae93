import type { CaseSummary, PointInput } from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { type CaseDeps, matterOfCase } from '../case-deps.js';
import { commandUnitForRegion, placeAtPoint } from '../case-placement.js';
import { caseScopeOf } from '../case-scope.js';
import { caseTimelineRepository } from '../case-timeline.repository.js';
import { casesRepository } from '../cases.repository.js';
import { presentCaseSummary, stateParams } from '../present-case.js';
import { loadSnapshot, storeSnapshot } from '../snapshot-json.js';

/**
 * The operator puts a case reported by address only on the map: its grid, scope path and
 * region follow the point. While it is still in the intake queue (reported), the command
 * unit of its level is found again for the new place, so it lands in the right queue.
 */
export async function placeCase(
  deps: CaseDeps,
  actor: Actor,
  context: AuditContext,
  input: { code: string; point: PointInput; address?: string | undefined; now: Date },
): Promise<CaseSummary> {
  const place = await placeAtPoint(deps.db, deps.locator, [input.point.lon, input.point.lat], input.point.crs);
  return deps.db.transaction(async (tx) => {
    const row = await casesRepository.lockInScope(tx, input.code, caseScopeOf(actor));
    if (!row) throw new DomainError('not-found');
    if (row.state !== 'reported' && row.state !== 'registered') {
      throw new DomainError('case-not-allowed-in-state', stateParams(row.state));
    }
    if (actor.unitId === null || actor.unitId !== row.commandUnitId) throw new DomainError('case-not-authorized');
    const snapshot = loadSnapshot(row.snapshot, []);
    let commandUnitId = row.commandUnitId;
    let level = row.level;
    if (row.state === 'reported') {
      const matter = await matterOfCase(tx, row);
      const command = await commandUnitForRegion(tx, matter.handlingLevel, place.regionPath);
      commandUnitId = command.unitId;
      level = command.level;
    }
    await casesRepository.updateCase(tx, row.id, row.version, {
      regionCode: place.regionCode,
      gridCode: place.gridCode,
      path: place.path,
      lon: place.point?.[0] ?? null,
      lat: place.point?.[1] ?? null,
      ...(input.address?.trim() ? { address: input.address.trim() } : {}),
      commandUnitId,
      level,
      snapshot: storeSnapshot({ ...snapshot, commandUnitId, level }),
      updatedAt: input.now,
    });
    await caseTimelineRepository.insertEvents(tx, [
      {
        caseId: row.id,
        type: 'located',
        at: input.now,
        actorUserId: actor.kind === 'user' ? actor.id : null,
        actorUnitId: actor.unitId,
        fromState: row.state,
        toState: row.state,
        details: {
          gridCode: place.gridCode,
          lon: place.point?.[0] ?? null,
          lat: place.point?.[1] ?? null,
          commandUnitId,
          previousCommandUnitId: row.commandUnitId === commandUnitId ? null : row.commandUnitId,
        },
      },
    ]);
    await deps.audit(tx, context, {
      action: 'case.locate',
      objectType: 'case',
      objectId: row.code,
      scopePath: place.path,
      details: { gridCode: place.gridCode, commandUnitId },
    });
    const summary = await casesRepository.summaryById(tx, row.id);
    if (!summary) throw new Error('case missing');
    return presentCaseSummary(summary);
  });
}
