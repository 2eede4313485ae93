import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { staffingRepository } from '../staffing.repository.js';

/** Absences of people in the caller's scope overlapping [from, to). */
export function listAbsences(deps: { db: Db }, options: { actor: Actor; from: Date; to: Date }) {
  return staffingRepository.absencesInScope(deps.db, options.actor.scopePath, options.from, options.to);
}
