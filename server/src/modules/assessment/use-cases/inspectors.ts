import type { Inspector, InspectorList } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { inspectionDrawsRepository as repo } from '../inspection-draws.repository.js';

/** The inspector registry of the caller's scope: enrolled staff whose home area lies in it. */
export async function listInspectors(db: Db, actor: Actor): Promise<InspectorList> {
  const rows = await repo.inspectorsInScope(db, actor.scopePath);
  return { items: rows.map(presentInspector) };
}

/** Enrolls a staff account of the caller's scope as an inspector (again, if withdrawn). */
export async function enrollInspector(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { userId }: { userId: string },
): Promise<Inspector> {
  return db.transaction(async (tx) => {
    const staff = await repo.staffInScope(tx, userId, actor.scopePath);
    if (!staff) throw new DomainError('invalid-reference', { what: userId }, [{ field: 'userId', code: 'invalid' }]);
    await repo.enroll(tx, userId, actor.kind === 'user' ? actor.id : null);
    await recordAudit(tx, context, { action: 'inspector.enroll', objectType: 'inspector', objectId: userId });
    const enrolled = (await repo.inspectorsInScope(tx, actor.scopePath)).find((i) => i.userId === userId);
    if (!enrolled) throw new Error('enrolled inspector not found');
    return presentInspector(enrolled);
  });
}

/** Takes an inspector of the caller's scope off the registry; past draws keep them. */
export async function withdrawInspector(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { userId }: { userId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await repo.staffInScope(tx, userId, actor.scopePath)) || !(await repo.withdraw(tx, userId))) {
      throw new DomainError('not-found');
    }
    await recordAudit(tx, context, { action: 'inspector.withdraw', objectType: 'inspector', objectId: userId });
  });
}

const presentInspector = (row: Awaited<ReturnType<typeof repo.inspectorsInScope>>[number]): Inspector => ({
  userId: row.userId,
  displayName: row.displayName,
  areaPath: row.areaPath,
  areaName: row.areaName,
  unitId: row.unitId,
  unitName: row.unitName,
  enrolledAt: row.enrolledAt.toISOString(),
});
