import type { Role, SessionInfo } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { regionsLookups } from '../../regions/index.js';
import { unitsLookups } from '../../units/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { permissionsOf } from '../permissions.js';

/** What the browser needs to know about the signed-in user to draw the desk. */
export async function describeSession(db: Db, actor: Actor): Promise<SessionInfo> {
  const user = await accountsRepository.findUserById(db, actor.id);
  if (!user || !actor.csrfToken) throw new DomainError('unauthenticated');
  const [region, unit] = await Promise.all([
    regionsLookups.findByCode(db, user.scopeRegionCode),
    user.unitId ? unitsLookups.findById(db, user.unitId) : undefined,
  ]);
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles as Role[],
      locale: user.locale,
      scope: { regionCode: user.scopeRegionCode, regionName: region?.name ?? '', regionNameEn: region?.nameEn ?? '' },
      unit: unit ? { id: unit.id, name: unit.name } : null,
      totpEnabled: user.totpEnabled,
    },
    permissions:
      actor.totpEnrollmentRequired || user.mustChangePassword ? [] : [...permissionsOf(user.roles as Role[])],
    csrfToken: actor.csrfToken,
    totpEnrollmentRequired: actor.totpEnrollmentRequired,
    mustChangePassword: user.mustChangePassword,
  };
}
