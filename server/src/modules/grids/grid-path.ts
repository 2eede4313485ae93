/**
 * The scope path of a grid: the path of its region (town for level 1, community for
 * levels 2 and 3) followed by the grid codes down to it. A scope rooted at a region
 * therefore holds that region's grids, and a scope rooted at a base grid holds the grid
 * and whatever is filed under it.
 */
export function gridPath(regionPath: string, grid: { level: number; code: string; parentCode: string | null }): string {
  if (grid.level === 3 && grid.parentCode) return `${regionPath}/${grid.parentCode}/${grid.code}`;
  return `${regionPath}/${grid.code}`;
}
