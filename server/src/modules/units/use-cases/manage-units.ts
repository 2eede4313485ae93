import type { CreateUnitBody, UpdateUnitBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { commandUnitsAlong } from '../command-units-along.js';
import { unitsRepository } from '../units.repository.js';

async function assertRegionInScope(db: Db, actor: Actor, regionCode: string) {
  const region = await regionsLookups.findByCode(db, regionCode);
  if (!region)
    throw new DomainError('invalid-reference', { what: regionCode }, [{ field: 'regionCode', code: 'invalid' }]);
  if (!isPathWithin(region.path, actor.scopePath)) throw new DomainError('scope-exceeded', { what: region.name });
}

export async function createUnit(db: Db, actor: Actor, context: AuditContext, input: CreateUnitBody) {
  await assertRegionInScope(db, actor, input.regionCode);
  const id = await db.transaction(async (tx) => {
    if (await unitsRepository.findByCode(tx, input.code)) {
      throw new DomainError('conflict', { what: input.code }, [{ field: 'code', code: 'taken' }]);
    }
    const unit = await unitsRepository.insert(tx, input);
    await recordAudit(tx, context, {
      action: 'unit.create',
      objectType: 'unit',
      objectId: unit.id,
      details: { ...input },
    });
    return unit.id;
  });
  // The next report in this process lands by the new unit (others hear the NOTIFY).
  commandUnitsAlong.clear(db);
  const created = await unitsRepository.findInScope(db, id, actor.scopePath);
  if (!created) throw new Error('created unit not readable');
  return created;
}

export async function updateUnit(db: Db, actor: Actor, context: AuditContext, id: string, input: UpdateUnitBody) {
  if (!(await unitsRepository.findInScope(db, id, actor.scopePath))) throw new DomainError('not-found');
  if (input.regionCode) await assertRegionInScope(db, actor, input.regionCode);
  await db.transaction(async (tx) => {
    await unitsRepository.update(tx, id, input);
    await recordAudit(tx, context, {
      action: 'unit.update',
      objectType: 'unit',
      objectId: id,
      details: { changes: input },
    });
  });
  commandUnitsAlong.clear(db);
  return unitsRepository.findInScope(db, id, actor.scopePath);
}
