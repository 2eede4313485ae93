/**
 * Data quality of the registry per grid (issue 11 item 7), as plain formulas.
 *
 * - Collection rate: records registered against the grid map's expected count (its households
 *   and people). More than expected counts as complete (1), nothing expected is no rate (null).
 * - Accuracy: of the households visited in the window, the share whose latest visit confirmed
 *   them unchanged; none visited is no rate (null).
 */
export const collectionRate = (registered: number, expected: number): number | null =>
  expected > 0 ? Math.min(1, registered / expected) : null;

export const accuracy = (confirmed: number, visited: number): number | null =>
  visited > 0 ? confirmed / visited : null;

export interface QualityCounts {
  expectedHouseholds: number;
  expectedPeople: number;
  households: number;
  people: number;
  visited: number;
  confirmed: number;
  dwellingsWithoutHousehold: number;
  householdsNeverVisited: number;
  peopleWithoutIdNumber: number;
}

export interface QualityRates {
  householdCollectionRate: number | null;
  peopleCollectionRate: number | null;
  accuracy: number | null;
}

export const ratesOf = (c: QualityCounts): QualityRates => ({
  householdCollectionRate: collectionRate(c.households, c.expectedHouseholds),
  peopleCollectionRate: collectionRate(c.people, c.expectedPeople),
  accuracy: accuracy(c.confirmed, c.visited),
});

/** A community's counts: its grids' summed (rates are then taken of the sums, not averaged). */
export function sumCounts(rows: readonly QualityCounts[]): QualityCounts {
  const total: QualityCounts = {
    expectedHouseholds: 0,
    expectedPeople: 0,
    households: 0,
    people: 0,
    visited: 0,
    confirmed: 0,
    dwellingsWithoutHousehold: 0,
    householdsNeverVisited: 0,
    peopleWithoutIdNumber: 0,
  };
  for (const row of rows) for (const key of Object.keys(total) as (keyof QualityCounts)[]) total[key] += row[key];
  return total;
}
