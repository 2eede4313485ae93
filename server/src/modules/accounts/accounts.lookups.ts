import { accountsRepository } from './accounts.repository.js';

/** The accounts module's reads other modules may make (only the accounts module writes its tables). */
export const accountsLookups = {
  findUserById: accountsRepository.findUserById,
  findUserByUsername: accountsRepository.findUserByUsername,
  findUserInScope: accountsRepository.findUserInScope,
  hasAnyUser: accountsRepository.hasAnyUser,
};
