import type { GridLevel } from './grids-api';
import type { useGridsI18n } from './grids-messages';

type T = ReturnType<typeof useGridsI18n>['t'];

export const gridLevelLabel = (t: T, level: number): string => t(`grids.level.${level as GridLevel}`);

/** km² from 1 km² up, hectares below (a base grid is typically 20–100 ha), m² for slivers. */
export function formatArea(t: T, squareMeters: number): string {
  if (squareMeters >= 1_000_000) return t('grids.areaKm2', { value: (squareMeters / 1_000_000).toFixed(2) });
  if (squareMeters >= 10_000) return t('grids.areaHa', { value: (squareMeters / 10_000).toFixed(1) });
  return t('grids.areaM2', { value: Math.round(squareMeters) });
}

export const formatCount = (value: number): string => value.toLocaleString('en-US');

/**
 * A short label for a grid inside its parent: "文定社区第1网格" under "文定社区" reads
 * "第1网格"; "Wending Community Grid 1" reads "Grid 1". Other names stay as they are.
 */
export function shortGridName(name: string, parentName: string | undefined): string {
  if (parentName && name.startsWith(parentName) && name.length > parentName.length) {
    return name.slice(parentName.length).trim();
  }
  return name;
}
