import { cachedLookup } from '../../db/cached-lookup.js';
import type { Executor } from '../../db/client.js';
import { unitsRepository } from './units.repository.js';

/** A command center or workstation: where a region's new cases land. */
export type CommandUnitRow = Awaited<ReturnType<typeof unitsRepository.commandUnitsOfRegions>>[number];

/**
 * The command units along a region path ("county/town/community" → those of each of its
 * regions), read by every report: kept in each process, emptied by any change to units
 * (migration 0035's trigger), and by a unit's change at once in the changing process.
 */
export const commandUnitsAlong = cachedLookup({
  channels: ['yiwang_units_changed'],
  load: (db: Executor, regionPath: string): Promise<readonly CommandUnitRow[]> =>
    unitsRepository.commandUnitsOfRegions(db, regionPath.split('/')),
});
