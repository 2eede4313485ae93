import type { CreateMatterBody, MatterDetail } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { catalogRepository } from '../catalog.repository.js';
import { defaultEscalationFor, matterToRow } from '../catalog-matter.js';
import { currentMatters } from '../current-matters.js';
import type { Matter } from '../data/matter.js';
import { DEFAULT_STAGE_LIMITS } from '../data/matter-catalog.js';
import { assertValidMatter } from './check-matter.js';
import { getMatter } from './get-matter.js';

/**
 * An administrator adds a matter to the catalog: version 1 from now, checked by the same
 * rules as the seeded catalog (code prefix of its category, known departments, limits
 * for its class, initials that fit the name…). A code is never reused, not even one of
 * a retired matter: 409. Audited with the reason.
 */
export async function createMatter(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { body: CreateMatterBody; now: Date },
): Promise<MatterDetail> {
  const { reason, escalation, ...fields } = input.body;
  const matter = {
    ...fields,
    timeLimits: fields.timeLimits ?? DEFAULT_STAGE_LIMITS[fields.limitClass],
    duplicateRadiusMeters: fields.duplicateRadiusMeters ?? 50,
    duplicateWindowHours: fields.duplicateWindowHours ?? 72,
    keywords: fields.keywords ?? [],
    formFields: fields.formFields ?? [],
    // A new matter is sensitive until an administrator lists it publicly.
    listedPublicly: fields.listedPublicly ?? false,
  } as Matter;
  await db.transaction(async (tx) => {
    // The code is the matter's identity across versions: the first row of any version blocks it.
    if ((await catalogRepository.history(tx, matter.code)).length > 0) {
      throw new DomainError('conflict', { what: matter.code }, [{ field: 'code', code: 'taken' }]);
    }
    assertValidMatter(matter, await catalogRepository.departmentCodes(tx));
    const sameName = (await catalogRepository.currentAll(tx)).find((m) => m.name === matter.name);
    if (sameName) throw new DomainError('conflict', { what: matter.name }, [{ field: 'name', code: 'taken' }]);
    await catalogRepository.insert(tx, {
      ...matterToRow(matter, {
        version: 1,
        validFrom: input.now,
        escalation: escalation === undefined ? defaultEscalationFor(matter) : escalation,
        active: true,
      }),
      changedBy: actor.kind === 'user' ? actor.id : null,
      changeReason: reason,
    });
    await recordAudit(tx, context, {
      action: 'matter.create',
      objectType: 'matter',
      objectId: matter.code,
      details: { version: 1, reason, matter: { ...matter } },
    });
  });
  currentMatters.clear(db);
  return getMatter(db, matter.code);
}
