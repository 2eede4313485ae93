import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import { regionsLookups } from '../regions/index.js';

export interface FundCommunity {
  code: string;
  name: string;
  nameEn: string;
  path: string;
}

/** A community (a region of level community) within the caller's scope, else 422 naming the field. */
export async function fundCommunityInScope(
  db: Executor,
  code: string,
  scopePath: string,
  field = 'communityCode',
): Promise<FundCommunity> {
  const region = await regionsLookups.findInScope(db, code, scopePath);
  if (region?.level !== 'community') {
    throw new DomainError('invalid-reference', { what: code }, [{ field, code: 'invalid' }]);
  }
  return { code: region.code, name: region.name, nameEn: region.nameEn, path: region.path };
}

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
