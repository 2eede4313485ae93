import type { GroupRentalList, GroupRentalRuleName } from '@yiwang/contracts';
import type { Actor } from '../../../platform/http.js';
import {
  type DwellingOccupancy,
  GROUP_RENTAL_RULE_OF_COUNTY,
  GROUP_RENTAL_RULE_SETTINGS,
  judgeGroupRental,
} from '../domain/group-rental.js';
import { presentDwelling } from '../present-registry.js';
import { type DwellingRow, registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';

const ADULT_YEARS = 18;

/** Whether someone born on `birthDate` (YYYY-MM-DD) is 18 or older on `today` (YYYY-MM-DD). */
export const isAdult = (birthDate: string, today: string): boolean =>
  `${Number(birthDate.slice(0, 4)) + ADULT_YEARS}${birthDate.slice(4)}` <= today;

/**
 * The dwellings in scope that the county's group-rental rule (or the one asked for) flags as
 * suspected group rentals, with why: the list patrol and visit plans take.
 */
export async function listGroupRentals(
  deps: RegistryDeps,
  options: { actor: Actor; rule?: GroupRentalRuleName | undefined; now: Date },
): Promise<GroupRentalList> {
  const county = options.actor.scopePath.split('/')[0] ?? '';
  const ruleName = options.rule ?? GROUP_RENTAL_RULE_OF_COUNTY[county] ?? 'nanjing';
  const rule = GROUP_RENTAL_RULE_SETTINGS[ruleName];
  const today = options.now.toISOString().slice(0, 10);
  const rows = await registryRepository.occupancyInScope(deps.db, options.actor.scopePath);
  const byDwelling = new Map<
    string,
    { dwelling: DwellingRow; address: string; buildingName: string; occupancy: DwellingOccupancy }
  >();
  for (const r of rows) {
    let entry = byDwelling.get(r.dwelling.id);
    if (!entry) {
      entry = {
        dwelling: r.dwelling,
        address: r.address,
        buildingName: r.buildingName,
        occupancy: { areaM2: r.dwelling.areaM2, rooms: r.dwelling.rooms, occupants: [] },
      };
      byDwelling.set(r.dwelling.id, entry);
    }
    (entry.occupancy.occupants as { householdId: string; adult: boolean }[]).push({
      householdId: r.householdId,
      adult: isAdult(r.birthDate, today),
    });
  }
  const items: GroupRentalList['items'] = [];
  for (const { dwelling, address, buildingName, occupancy } of byDwelling.values()) {
    const verdict = judgeGroupRental(rule, occupancy);
    if (!verdict.suspected) continue;
    items.push({
      dwelling: presentDwelling(dwelling, address),
      buildingName,
      people: occupancy.occupants.length,
      households: new Set(occupancy.occupants.map((o) => o.householdId)).size,
      areaPerPerson: Math.round(verdict.areaPerPerson * 100) / 100,
      peoplePerRoom: Math.round(verdict.peoplePerRoom * 100) / 100,
      reasons: verdict.reasons,
    });
  }
  return { rule: ruleName, items };
}
