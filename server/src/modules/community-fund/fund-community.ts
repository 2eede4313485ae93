import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import { type CommunityRef, communityInScope, regionsLookups } from '../regions/index.js';

export type FundCommunity = CommunityRef;

/** A community within the caller's scope, else 422 naming the field (the regions module's one check). */
export const fundCommunityInScope = communityInScope;

/** Any community, for the public page (a fund's ledger is public); unknown → 404. */
export async function publicFundCommunity(db: Executor, code: string): Promise<FundCommunity> {
  const region = await regionsLookups.findByCode(db, code);
  if (region?.level !== 'community') throw new DomainError('not-found');
  return { code: region.code, name: region.name, nameEn: region.nameEn, path: region.path };
}

/** A region of any level within the caller's scope (a negative-list rule may hold for a county or town). */
export async function regionInScope(db: Executor, code: string, scopePath: string, field: string) {
  const region = await regionsLookups.findInScope(db, code, scopePath);
  if (!region) throw new DomainError('invalid-reference', { what: code }, [{ field, code: 'invalid' }]);
  return region;
}
