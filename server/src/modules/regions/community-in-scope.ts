import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import { regionsRepository } from './regions.repository.js';

/** A community as the modules that work per community (consultation, fund, volunteers, party check-in) need it. */
export interface CommunityRef {
  code: string;
  name: string;
  nameEn: string;
  path: string;
}

/**
 * A community (a region of level community) within the caller's scope, named in a request's
 * `field`; anything else (unknown, another level, out of scope) is refused as 422 naming that
 * field, the same for all, so a code outside the scope tells nothing about it.
 */
export async function communityInScope(
  db: Executor,
  code: string,
  scopePath: string,
  field = 'communityCode',
): Promise<CommunityRef> {
  const region = await regionsRepository.findInScope(db, code, scopePath);
  if (region?.level !== 'community') {
    throw new DomainError('invalid-reference', { what: code }, [{ field, code: 'invalid' }]);
  }
  return { code: region.code, name: region.name, nameEn: region.nameEn, path: region.path };
}
