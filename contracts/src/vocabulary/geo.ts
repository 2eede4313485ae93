/**
 * A WGS84 (or CGCS2000, equal at this precision) point in GeoJSON order: longitude first.
 * (The API carries points as `{ lon, lat }`: the `LonLat` type of the field contracts.)
 */
export type LonLatPair = readonly [lon: number, lat: number];

const MEAN_EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

/**
 * Great-circle distance in meters on the mean-radius sphere. Within the distances used here
 * (duplicate radii of 50–200 m, patrol steps, "nearby" lists) the error against the ellipsoid
 * is under 0.5 %, far below GPS noise in a street.
 */
export function haversineMeters(a: LonLatPair, b: LonLatPair): number {
  const dLat = (b[1] - a[1]) * DEG;
  const dLon = (b[0] - a[0]) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * DEG) * Math.cos(b[1] * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * MEAN_EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
