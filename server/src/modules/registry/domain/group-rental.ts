import type { GroupRentalRuleName } from '@yiwang/contracts';

/** Who lives in a dwelling, as the group-rental rules count them. */
export interface DwellingOccupancy {
  areaM2: number;
  rooms: number;
  /** One entry per person living there (moved-out people excluded): their household and whether adult. */
  occupants: readonly { householdId: string; adult: boolean }[];
}

export type GroupRentalReason = 'area-per-person' | 'people-per-room' | 'unrelated-adults' | 'families';

export interface GroupRentalVerdict {
  suspected: boolean;
  /** Every limit the dwelling passes, so a worker sees why it was flagged. */
  reasons: GroupRentalReason[];
  peoplePerRoom: number;
  areaPerPerson: number;
}

/**
 * A city's rule for suspected group rentals (群租). Limits are the cities' published ones:
 * - Beijing (北京市住房和城乡建设委员会等《关于公布本市出租房屋人均居住面积标准等有关问题的通知》,
 *   2013): each person at least 5 m² of the dwelling, at most 2 people per room.
 * - Nanjing (南京市《住房租赁管理》群租认定, as the issue states it): 4 or more unrelated adults, or
 *   2 or more families, in one flat, with under 10 m² per person.
 */
export type GroupRentalRule =
  | { name: 'beijing'; minAreaPerPerson: number; maxPeoplePerRoom: number }
  | { name: 'nanjing'; minUnrelatedAdults: number; minFamilies: number; areaPerPersonBelow: number };

export const GROUP_RENTAL_RULE_SETTINGS: Record<GroupRentalRuleName, GroupRentalRule> = {
  beijing: { name: 'beijing', minAreaPerPerson: 5, maxPeoplePerRoom: 2 },
  nanjing: { name: 'nanjing', minUnrelatedAdults: 4, minFamilies: 2, areaPerPersonBelow: 10 },
};

/**
 * The rule each county applies, by county code; a county not listed takes its province's
 * nearest published rule. 江阴市 is in Jiangsu, so Nanjing's.
 */
export const GROUP_RENTAL_RULE_OF_COUNTY: Readonly<Record<string, GroupRentalRuleName>> = { '320281': 'nanjing' };

/**
 * Judges one dwelling. People in one household count as related (one family); unrelated adults
 * are adults of different households, so their count is the number of households with an adult.
 * A family is a household of two or more people. An empty dwelling is never suspected.
 */
export function judgeGroupRental(rule: GroupRentalRule, dwelling: DwellingOccupancy): GroupRentalVerdict {
  const people = dwelling.occupants.length;
  const areaPerPerson = people === 0 ? Number.POSITIVE_INFINITY : dwelling.areaM2 / people;
  const peoplePerRoom = people / Math.max(1, dwelling.rooms);
  const reasons: GroupRentalReason[] = [];
  if (people === 0) return { suspected: false, reasons, peoplePerRoom, areaPerPerson };
  switch (rule.name) {
    case 'beijing':
      if (areaPerPerson < rule.minAreaPerPerson) reasons.push('area-per-person');
      if (peoplePerRoom > rule.maxPeoplePerRoom) reasons.push('people-per-room');
      break;
    case 'nanjing': {
      const size = new Map<string, number>();
      const withAdult = new Set<string>();
      for (const o of dwelling.occupants) {
        size.set(o.householdId, (size.get(o.householdId) ?? 0) + 1);
        if (o.adult) withAdult.add(o.householdId);
      }
      const families = [...size.values()].filter((n) => n >= 2).length;
      const crowded = areaPerPerson < rule.areaPerPersonBelow;
      if (crowded && withAdult.size >= rule.minUnrelatedAdults) reasons.push('unrelated-adults');
      if (crowded && families >= rule.minFamilies) reasons.push('families');
      if (reasons.length > 0) reasons.push('area-per-person');
      break;
    }
  }
  return { suspected: reasons.length > 0, reasons, peoplePerRoom, areaPerPerson };
}
