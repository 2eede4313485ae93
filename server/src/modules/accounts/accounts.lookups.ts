import { accountsRepository } from './accounts.repository.js';

/** The accounts module's reads other modules may make (only the accounts module writes its tables). */
export const accountsLookups = {
  /** A live API key by its secret's sha256, with its scope path. */
  findActiveApiKeyByHash: accountsRepository.findActiveApiKeyByHash,
  findUserById: accountsRepository.findUserById,
  findUserByUsername: accountsRepository.findUserByUsername,
  findUserInScope: accountsRepository.findUserInScope,
  hasAnyUser: accountsRepository.hasAnyUser,
};
