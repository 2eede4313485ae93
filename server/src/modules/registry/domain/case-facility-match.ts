import { haversineMeters } from '@yiwang/contracts';

/**
 * Which facility classes (registry class codes) a facility matter of the catalog is about. Only
 * matters whose subject is a single countable object are listed: a missing or broken manhole
 * cover, a lamp post, a hydrant, a litter bin. A road surface, cables or a bridge are not one
 * facility record, so they are never linked automatically.
 */
export const FACILITY_CLASSES_OF_MATTER: Readonly<Record<string, readonly string[]>> = {
  'CG-0101': ['0101', '0102'],
  'CG-0102': ['0101', '0102'],
  'CG-0104': ['0201'],
  'CG-0105': ['0201'],
  'CG-0107': ['0110'],
  'CG-0112': ['0301'],
};

/**
 * How close a case's point must lie to a facility to be linked to it: a phone's position is
 * good to a few metres outdoors, and facilities of one class rarely stand closer together.
 */
export const FACILITY_MATCH_RADIUS_M = 10;

interface Point {
  lon: number;
  lat: number;
}

/**
 * The one facility a facility-class case is about, or null. Linked automatically only when it is
 * unambiguous: the matter names facility classes, the case lies on the map, and exactly one
 * facility of those classes lies within {@link FACILITY_MATCH_RADIUS_M}. Two candidates (two
 * covers side by side) or none leave it to the desk operator.
 *
 * The reporter's phone is deliberately not used to link people automatically: the caller is
 * often a passer-by or a neighbour, not the person the case concerns, so a phone match would
 * tie an uninvolved resident's record to a case.
 */
export function facilityOfCase<F extends Point & { classCode: string }>(
  kase: { matterCode: string; point: Point | null },
  candidates: readonly F[],
): F | null {
  const classes = FACILITY_CLASSES_OF_MATTER[kase.matterCode];
  if (!classes || !kase.point) return null;
  const point = kase.point;
  const near = candidates.filter(
    (f) =>
      classes.includes(f.classCode) &&
      haversineMeters([point.lon, point.lat], [f.lon, f.lat]) <= FACILITY_MATCH_RADIUS_M,
  );
  return near.length === 1 ? (near[0] as F) : null;
}

/** A box around a point, wide enough to hold every facility within `meters` (for the index scan). */
export function boxAround(point: Point, meters: number) {
  const dLat = meters / 111_320;
  const dLon = meters / (111_320 * Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01));
  return { minLon: point.lon - dLon, maxLon: point.lon + dLon, minLat: point.lat - dLat, maxLat: point.lat + dLat };
}
