import type { ResidentPlace } from '@yiwang/contracts';
import type { Crs, GridLocator, LocatedGrid } from '../../grids/index.js';

const named = (g: LocatedGrid | undefined) => (g ? { code: g.code, name: g.name, nameEn: g.nameEn } : null);

/**
 * Where a pin lies — its base grid, community and town — so that the resident sees it
 * before sending, and hears at once (outside-county, no-grid) when intake would refuse it.
 */
export async function describePlace(
  locator: GridLocator,
  point: { lon: number; lat: number; crs: Crs },
): Promise<ResidentPlace> {
  const located = await locator.gridAt([point.lon, point.lat], point.crs);
  return {
    grid: { code: located.grid.code, name: located.grid.name, nameEn: located.grid.nameEn },
    community: named(located.ancestors.find((a) => a.level === 2)),
    town: named(located.ancestors.find((a) => a.level === 1)),
  };
}
