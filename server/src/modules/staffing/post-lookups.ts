import type { Executor } from '../../db/client.js';
import { staffingRepository } from './staffing.repository.js';

/** Grid-team posts by id with their A/B holders (dispatch rules name posts). */
export function postsByIds(db: Executor, ids: readonly string[]) {
  return staffingRepository.postsByIds(db, ids);
}
