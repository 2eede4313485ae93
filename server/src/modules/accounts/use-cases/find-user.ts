import type { Executor } from '../../../db/client.js';
import { accountsRepository } from '../accounts.repository.js';

/** A user by id (other modules' reads: who reported, who acts), or undefined. */
export function findUser(db: Executor, id: string) {
  return accountsRepository.findUserById(db, id);
}
