import { randomBytes } from 'node:crypto';
import type { CreateDrawBody, Draw, DrawParameters } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { drawInspections, snapshotHashOf } from '../domain/random-draw.js';
import { inspectionDrawsRepository as repo } from '../inspection-draws.repository.js';
import { detectorFlagsForDraw } from './detector-flags-for-draw.js';
import { readDraw } from './read-draws.js';

export interface CreateDrawOptions {
  body: CreateDrawBody;
}

/** A fifth of the grids a period, flagged grids four times as likely, one inspector each, every unit. */
export const DEFAULT_DRAW_PARAMETERS: DrawParameters = {
  shares: { grid: 0.2, unit: 0.2, case: 1 },
  flaggedGridCodes: [],
  flaggedWeight: 4,
  inspectorsPerTarget: 1,
};

/**
 * Makes a 双随机 draw in the caller's scope: freezes the inspector and target registries, the
 * scope's previous pairs (for rotation) and the grids the detector flags in the flag window
 * (weighted up, besides any typed in) into a snapshot, draws with the published
 * seed (the public value typed in, or 16 random bytes shown as hex) and stores the snapshot,
 * its hash and the list, so anyone can re-run it (verifyDraw).
 */
export async function createDraw(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { body }: CreateDrawOptions,
): Promise<Draw> {
  if (!body.period.trim()) throw new DomainError('validation', {}, [{ field: 'period', code: 'required' }]);
  const parameters: DrawParameters = {
    shares: body.shares ?? DEFAULT_DRAW_PARAMETERS.shares,
    flaggedGridCodes: [...new Set(body.flaggedGridCodes ?? [])],
    flaggedWeight: body.flaggedWeight ?? DEFAULT_DRAW_PARAMETERS.flaggedWeight,
    inspectorsPerTarget: body.inspectorsPerTarget ?? DEFAULT_DRAW_PARAMETERS.inspectorsPerTarget,
  };
  const publicValue = body.publicValue?.trim();
  const seedSource = publicValue ? 'public-value' : 'generated';
  const seed = publicValue || randomBytes(16).toString('hex');
  const id = await db.transaction(async (tx) => {
    await repo.lockDraws(tx, actor.scopePath);
    const inspectorRows = await repo.inspectorsInScope(tx, actor.scopePath);
    if (inspectorRows.length === 0) throw new DomainError('draw-without-inspectors');
    const caseCodes = [...new Set(body.caseCodes ?? [])];
    const caseTargets = await repo.caseTargetsInScope(tx, caseCodes, actor.scopePath);
    const missingCase = caseCodes.find((code) => !caseTargets.some((t) => t.code === code));
    if (missingCase) {
      throw new DomainError('invalid-reference', { what: missingCase }, [{ field: 'caseCodes', code: 'invalid' }]);
    }
    const targets = [...(await repo.targetsInScope(tx, actor.scopePath)), ...caseTargets];
    const unknownGrid = parameters.flaggedGridCodes.find(
      (code) => !targets.some((t) => t.kind === 'grid' && t.code === code),
    );
    if (unknownGrid) {
      throw new DomainError('invalid-reference', { what: unknownGrid }, [
        { field: 'flaggedGridCodes', code: 'invalid' },
      ]);
    }
    const previous = await repo.latestDrawOf(tx, actor.scopePath);
    // Read inside the draw's lock and transaction, with the registries, so the flags frozen
    // are those of the same moment.
    const detectorFlags = await detectorFlagsForDraw(tx, actor, {
      window: body.flagWindow,
      gridCodes: new Set(targets.filter((t) => t.kind === 'grid').map((t) => t.code)),
      now: new Date(),
    });
    const snapshot = {
      inspectors: inspectorRows.map((i) => ({ id: i.userId, areaPath: i.areaPath, unitId: i.unitId })),
      targets,
      previousPairs: previous?.pairs ?? [],
      detectorFlags,
    };
    const result = drawInspections({ seed, parameters, ...snapshot });
    const pathOf = new Map(targets.map((t) => [`${t.kind}|${t.code}`, t.path]));
    const draw = await repo.insertDraw(
      tx,
      {
        path: actor.scopePath,
        period: body.period.trim(),
        seed,
        seedSource,
        parameters,
        snapshot,
        snapshotHash: snapshotHashOf({ parameters, ...snapshot }),
        previousDrawId: previous?.id ?? null,
        unstaffed: result.unstaffed,
        createdBy: actor.kind === 'user' ? actor.id : null,
      },
      result.pairs.map((p) => ({ ...p, targetPath: pathOf.get(`${p.targetKind}|${p.targetCode}`) ?? actor.scopePath })),
    );
    await recordAudit(tx, context, {
      action: 'inspection.draw',
      objectType: 'inspection-draw',
      objectId: draw.id,
      details: {
        period: draw.period,
        seed,
        seedSource,
        snapshotHash: draw.snapshotHash,
        pairs: result.pairs.length,
        detectorFlaggedGrids: detectorFlags.grids.length,
      },
    });
    return draw.id;
  });
  return readDraw(db, actor, { drawId: id });
}
