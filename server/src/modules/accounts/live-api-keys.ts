import { cachedLookup } from '../../db/cached-lookup.js';
import { accountsRepository } from './accounts.repository.js';

/**
 * Live API keys by their secret's sha256 (never the secret), with their scope path: read on
 * every request that carries a key, so kept in each process. An actor is made of the key's
 * row and its scope region's path, so a change to either empties it (migration 0035's
 * triggers); revoking a key also empties it in the revoking process at once. Unknown hashes
 * are not kept.
 */
export const liveApiKeys = cachedLookup({
  channels: ['yiwang_api_keys_changed', 'yiwang_regions_changed'],
  load: accountsRepository.findActiveApiKeyByHash,
});
