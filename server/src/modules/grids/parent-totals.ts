/** What a grid counts, and where it hangs. */
export interface GridTotals {
  code: string;
  level: number;
  parentCode: string | null;
  households: number;
  people: number;
}

/** A parent grid's totals before and after an import. */
export interface ParentTotalsChange {
  code: string;
  households: { from: number; to: number };
  people: { from: number; to: number };
}

/**
 * A parent grid counts what its children count (户数、人口 are gathered at the base grid),
 * so an import that changes, adds or moves children changes the totals of every parent up
 * the chain. Starting from the imported grids' parents (old and new) and the imported grids
 * themselves, each affected parent with children gets the sum of its children after the
 * import, lowest level first so that a town adds up its communities' new sums. A parent
 * without children keeps its own numbers. `current` must hold the affected parents and all
 * their current children. Pure.
 */
export function parentTotalsAfterImport(
  current: ReadonlyMap<string, GridTotals>,
  imported: readonly GridTotals[],
): ParentTotalsChange[] {
  const after = new Map<string, GridTotals>(current);
  for (const g of imported) after.set(g.code, { ...g });
  const affected = new Set<string>();
  for (const g of imported) {
    const old = current.get(g.code);
    if (old && old.households === g.households && old.people === g.people && old.parentCode === g.parentCode) {
      // Unchanged counts in the same place: only the grid's own sum may need redoing.
      affected.add(g.code);
      continue;
    }
    for (const code of [g.code, g.parentCode, old?.parentCode]) if (code) affected.add(code);
  }
  const changes: ParentTotalsChange[] = [];
  for (const level of [2, 1]) {
    const parents = [...affected].filter((code) => after.get(code)?.level === level).sort();
    for (const code of parents) {
      const parent = after.get(code) as GridTotals;
      const children = [...after.values()].filter((g) => g.parentCode === code);
      if (children.length === 0) continue;
      const households = children.reduce((sum, g) => sum + g.households, 0);
      const people = children.reduce((sum, g) => sum + g.people, 0);
      if (households === parent.households && people === parent.people) continue;
      const before = current.get(code) ?? parent;
      after.set(code, { ...parent, households, people });
      if (parent.parentCode) affected.add(parent.parentCode);
      changes.push({
        code,
        households: { from: before.households, to: households },
        people: { from: before.people, to: people },
      });
    }
  }
  return changes;
}
