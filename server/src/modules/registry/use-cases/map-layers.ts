import { REGISTRY_MAP_POINTS_LIMIT, type RegistryMapLayer, type RegistryMapLayerQuery } from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';

/** `west,south,east,north` → the box, or a 400 a person can act on (a box turned inside out, a bad number). */
export function parseBbox(text: string | undefined): [number, number, number, number] | null {
  if (text === undefined) return null;
  const [w, s, e, n] = text.split(',').map(Number) as [number, number, number, number];
  const ok = [w, s, e, n].every(Number.isFinite) && w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90;
  if (!ok) throw new DomainError('map-bbox-invalid');
  return [w, s, e, n];
}

/**
 * One registry layer of the desk's grid map: per base grid in the caller's scope, how many of
 * its records (buildings, rented or group-rented dwellings, organizations, facilities), and their
 * points in the visible box, at most REGISTRY_MAP_POINTS_LIMIT (then `truncated`: zoom in).
 */
export async function getMapLayer(
  deps: RegistryDeps,
  options: { actor: Actor; query: RegistryMapLayerQuery },
): Promise<RegistryMapLayer> {
  const { layer } = options.query;
  const bbox = parseBbox(options.query.bbox);
  const scopePath = options.actor.scopePath;
  const counts = await registryRepository.mapLayerCounts(deps.db, layer, scopePath);
  const rows = await registryRepository.mapLayerPoints(deps.db, layer, {
    scopePath,
    bbox,
    limit: REGISTRY_MAP_POINTS_LIMIT + 1,
  });
  return {
    layer,
    counts,
    total: counts.reduce((sum, c) => sum + c.count, 0),
    points: rows.slice(0, REGISTRY_MAP_POINTS_LIMIT).map((r) => ({
      id: r.id,
      lon: r.lon,
      lat: r.lat,
      label: r.label,
      gridCode: r.grid_code,
      count: r.count,
      ...(r.class_code ? { classCode: r.class_code } : {}),
      ...(r.state ? { state: r.state } : {}),
    })),
    truncated: rows.length > REGISTRY_MAP_POINTS_LIMIT,
  };
}
