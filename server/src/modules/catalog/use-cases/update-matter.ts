import type { MatterDetail, UpdateMatterBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, canonicalJson, recordAudit } from '../../audit/index.js';
import { catalogRepository } from '../catalog.repository.js';
import { type CatalogMatter, matterFromRow, matterToRow } from '../catalog-matter.js';
import { currentMatters } from '../current-matters.js';
import { assertValidMatter } from './check-matter.js';
import { getMatter } from './get-matter.js';

type Editable = Omit<UpdateMatterBody, 'reason'>;

/**
 * An administrator's change to a matter: the current version is closed and the next one
 * opened in one transaction with its audit row (the changed fields, before and after).
 * Cases already opened keep the version they were opened under. A change that would
 * make the matter fail the catalog's checks (unknown department, a limit too long for
 * its class, initials that do not fit the name…) is refused with the problems.
 */
export async function updateMatter(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { code: string; change: UpdateMatterBody; now: Date },
): Promise<MatterDetail> {
  const { reason, ...change } = input.change;
  await db.transaction(async (tx) => {
    const row = await catalogRepository.lockCurrent(tx, input.code);
    if (!row) throw new DomainError('not-found');
    const before = matterFromRow(row);
    const after = applyChange(before, change);
    const changed = changedFields(before, after);
    if (changed.length === 0) return;
    assertValidMatter(after, await catalogRepository.departmentCodes(tx));
    if (after.name !== before.name && (await catalogRepository.currentAll(tx)).some((m) => m.name === after.name)) {
      throw new DomainError('conflict', { what: after.name }, [{ field: 'name', code: 'taken' }]);
    }
    await catalogRepository.closeCurrent(tx, input.code, input.now);
    await catalogRepository.insert(tx, {
      ...matterToRow(after, {
        version: before.version + 1,
        validFrom: input.now,
        escalation: after.escalation,
        active: after.active,
      }),
      changedBy: actor.kind === 'user' ? actor.id : null,
      changeReason: reason,
    });
    await recordAudit(tx, context, {
      action: 'matter.update',
      objectType: 'matter',
      objectId: input.code,
      details: {
        version: before.version + 1,
        reason,
        changes: Object.fromEntries(
          changed.map((field) => [field, { from: before[field] ?? null, to: after[field] ?? null }]),
        ),
      },
    });
  });
  // The next report in this process takes the new version (others hear the NOTIFY).
  currentMatters.clear(db);
  return getMatter(db, input.code);
}

function applyChange(before: CatalogMatter, change: Editable): CatalogMatter {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  return { ...before, ...defined } as CatalogMatter;
}

const EDITABLE_FIELDS = [
  'name',
  'nameEn',
  'ownerUnitCodes',
  'handlingLevel',
  'limitClass',
  'timeLimits',
  'difficulty',
  'needsOnSiteVerification',
  'listedPublicly',
  'duplicateRadiusMeters',
  'duplicateWindowHours',
  'pinyinInitials',
  'keywords',
  'formFields',
  'escalation',
  'active',
] as const satisfies readonly (keyof Editable & keyof CatalogMatter)[];

function changedFields(before: CatalogMatter, after: CatalogMatter) {
  // Canonical JSON: the stored form fields come back from jsonb with their keys reordered.
  return EDITABLE_FIELDS.filter(
    (field) => canonicalJson(before[field] ?? null) !== canonicalJson(after[field] ?? null),
  );
}
