import type { Executor } from '../../db/client.js';
import { unitsRepository } from './units.repository.js';

/** The command center (else the workstation) of each of these regions: region code → unit id. */
export function commandUnitsOfRegions(db: Executor, regionCodes: readonly string[]) {
  return unitsRepository.commandUnitsOfRegions(db, regionCodes);
}

/** Units by id as references (id, code, name). */
export function unitRefs(db: Executor, ids: readonly string[]) {
  return unitsRepository.unitRefs(db, ids);
}
