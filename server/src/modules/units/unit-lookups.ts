import type { Executor } from '../../db/client.js';
import { type CommandUnitRow, commandUnitsAlong } from './command-units-along.js';
import { unitsRepository } from './units.repository.js';

export type { CommandUnitRow } from './command-units-along.js';

/** The command units of the regions on `regionPath`, from memory when kept. */
export function commandUnitsAlongPath(db: Executor, regionPath: string): Promise<readonly CommandUnitRow[]> {
  return commandUnitsAlong.get(db, regionPath);
}

/** The command center (else the workstation) of each of these regions: region code → unit id. */
export async function commandUnitsOfRegions(
  db: Executor,
  regionCodes: readonly string[],
): Promise<Map<string, string>> {
  if (regionCodes.length === 0) return new Map();
  const rows = await commandUnitsAlong.get(db, regionCodes.join('/'));
  const byRegion = new Map<string, string>();
  // A region has one of them; the command center wins should both exist.
  for (const unit of rows) {
    if (!byRegion.has(unit.regionCode) || unit.kind === 'command_center') byRegion.set(unit.regionCode, unit.id);
  }
  return byRegion;
}

/** Units by id as references (id, code, name). */
export function unitRefs(db: Executor, ids: readonly string[]) {
  return unitsRepository.unitRefs(db, ids);
}
