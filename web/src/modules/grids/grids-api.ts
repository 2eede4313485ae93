import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BaseLayer,
  CoverageReport,
  GridDetail,
  GridList,
  MapConfig,
  SizingQuery,
  SizingReport,
} from '@yiwang/contracts';
import { api } from '../../lib/api';

export type GridLevel = 1 | 2 | 3;
export const GRID_LEVELS: readonly GridLevel[] = [1, 2, 3];

/** Properties of a feature of /api/grids/map.geojson. */
export interface GridProperties {
  code: string;
  name: string;
  nameEn: string;
  level: GridLevel;
  parentCode: string | null;
  regionCode: string;
  households: number;
  people: number;
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id?: string;
    properties: GridProperties;
    geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
  }[];
}

/** Grid codes are digits only (town 12, community 14, base grid 14); a region code is 6–12. */
export const isGridCode = (code: string): boolean => /^[0-9]{6,20}$/.test(code);

/** Grids change rarely (imports); the map keeps them for a while instead of refetching on focus. */
const GRID_STALE_MS = 5 * 60_000;

export const useMapConfig = () =>
  useQuery({
    queryKey: ['grids', 'map-config'],
    queryFn: ({ signal }) => api.get<MapConfig>('/map/config', undefined, { signal }),
    staleTime: Infinity,
  });

/** The offline base layer (county, towns, communities with names), fetched only for a map without tiles. */
export const useBaseLayer = (enabled: boolean) =>
  useQuery({
    queryKey: ['grids', 'base-layer'],
    queryFn: ({ signal }) => api.get<BaseLayer>('/map/base-layer', undefined, { signal }),
    staleTime: GRID_STALE_MS,
    enabled,
  });

/** All current grids of one level in the caller's scope (WGS84 GeoJSON). */
export const useGridGeoJson = (level: GridLevel) =>
  useQuery({
    queryKey: ['grids', 'geojson', level],
    queryFn: ({ signal }) => api.get<GridFeatureCollection>('/grids/map.geojson', { level }, { signal }),
    staleTime: GRID_STALE_MS,
    refetchOnWindowFocus: false,
  });

export const useGridDetail = (code: string | null) =>
  useQuery({
    queryKey: ['grids', 'detail', code],
    queryFn: ({ signal }) => api.get<GridDetail>(`/grids/${code}`, undefined, { signal }),
    enabled: code !== null && isGridCode(code),
  });

/** Grids in scope whose name, English name or code contains `q`. */
export const useGridSearch = (q: string) =>
  useQuery({
    queryKey: ['grids', 'search', q],
    queryFn: ({ signal }) => api.get<GridList>('/grids', { q, limit: 20 }, { signal }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** Gaps, overlaps and parts outside under a region or grid (the 全覆盖 check). */
export const useCoverage = (parentCode: string | null) =>
  useQuery({
    queryKey: ['grids', 'coverage', parentCode],
    queryFn: ({ signal }) =>
      api.get<CoverageReport>('/grids/coverage', { parentCode: parentCode ?? undefined }, { signal }),
    enabled: parentCode !== null,
    staleTime: GRID_STALE_MS,
  });

export type SizingStandard = Omit<SizingQuery, 'parentCode' | 'onlyProblems'>;

export const DEFAULT_STANDARD: SizingStandard = {
  minHouseholds: 200,
  maxHouseholds: 300,
  minPeople: 600,
  maxPeople: 900,
  householdsPerWorker: 300,
  peoplePerWorker: 1500,
};

export interface SizingFilter extends SizingStandard {
  parentCode?: string | undefined;
  onlyProblems: boolean;
}

export const useSizing = (filter: SizingFilter, enabled = true) =>
  useQuery({
    queryKey: ['grids', 'sizing', filter],
    queryFn: ({ signal }) => api.get<SizingReport>('/grids/sizing', { ...filter }, { signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: GRID_STALE_MS,
  });
