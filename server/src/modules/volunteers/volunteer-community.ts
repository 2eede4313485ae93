import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import { communityInScope, regionsLookups } from '../regions/index.js';

/** A region of any level within scope (the service directory lists county- and town-wide providers too). */
export async function regionInScope(db: Executor, code: string, scopePath: string, field = 'regionCode') {
  const region = await regionsLookups.findInScope(db, code, scopePath);
  if (!region) throw new DomainError('invalid-reference', { what: code }, [{ field, code: 'invalid' }]);
  return region;
}

/** The path a list is narrowed to: a community in scope, else the whole scope. */
export async function areaPathOf(db: Executor, scopePath: string, communityCode: string | undefined): Promise<string> {
  return communityCode ? (await communityInScope(db, communityCode, scopePath)).path : scopePath;
}
