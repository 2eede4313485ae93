import { accountsRepository } from './accounts.repository.js';
import { liveApiKeys } from './live-api-keys.js';

/** The accounts module's reads other modules may make (only the accounts module writes its tables). */
export const accountsLookups = {
  /** A live API key by its secret's sha256, with its scope path (kept in memory: live-api-keys.ts). */
  findActiveApiKeyByHash: liveApiKeys.get,
  findUserById: accountsRepository.findUserById,
  findUserByUsername: accountsRepository.findUserByUsername,
  findUserInScope: accountsRepository.findUserInScope,
  hasAnyUser: accountsRepository.hasAnyUser,
};
