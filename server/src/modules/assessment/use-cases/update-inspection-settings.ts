import type { InspectionSettings, UpdateInspectionSettingsBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isCountyWide } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { assessmentRepository } from '../assessment.repository.js';
import { limitsOf, presentSettings } from '../present-inspection.js';

/**
 * Sets the county's inspection-load limits and its switch for routine inspections: a
 * county-level decision, so only a caller whose scope is the whole county may make it.
 */
export async function updateInspectionSettings(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { body }: { body: UpdateInspectionSettingsBody },
): Promise<InspectionSettings> {
  if (!isCountyWide(actor.scopePath)) throw new DomainError('forbidden');
  if (body.maxPerWeek < body.maxPerDay) {
    throw new DomainError('validation', {}, [
      { field: 'maxPerWeek', code: 'minimum', params: { limit: body.maxPerDay } },
    ]);
  }
  const reason = body.suspendedReason?.trim() || null;
  if (body.routineSuspended && !reason) {
    throw new DomainError('validation', {}, [{ field: 'suspendedReason', code: 'required' }]);
  }
  return db.transaction(async (tx) => {
    const saved = await assessmentRepository.saveSettings(tx, {
      countyCode: actor.scopePath,
      maxPerDay: body.maxPerDay,
      maxPerWeek: body.maxPerWeek,
      routineSuspended: body.routineSuspended,
      suspendedReason: body.routineSuspended ? reason : null,
      updatedBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, context, {
      action: 'inspection.settings',
      objectType: 'inspection-settings',
      objectId: saved.countyCode,
      details: {
        maxPerDay: saved.maxPerDay,
        maxPerWeek: saved.maxPerWeek,
        routineSuspended: saved.routineSuspended,
        suspendedReason: saved.suspendedReason,
      },
    });
    return presentSettings(limitsOf(saved));
  });
}
