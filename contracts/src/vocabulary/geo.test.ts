import { describe, expect, it } from 'vitest';
import { haversineMeters, type LonLatPair } from './geo.js';

/** 江阴 city centre, near 澄江街道. */
const ORIGIN: LonLatPair = [120.2853, 31.9208];
const METERS_PER_DEGREE_LAT = (6_371_008.8 * Math.PI) / 180;
const north = (meters: number): LonLatPair => [ORIGIN[0], ORIGIN[1] + meters / METERS_PER_DEGREE_LAT];
const east = (meters: number): LonLatPair => [
  ORIGIN[0] + meters / (METERS_PER_DEGREE_LAT * Math.cos((ORIGIN[1] * Math.PI) / 180)),
  ORIGIN[1],
];

describe('haversineMeters', () => {
  it('measures metre-scale offsets', () => {
    expect(haversineMeters(ORIGIN, north(30))).toBeCloseTo(30, 6);
    expect(haversineMeters(ORIGIN, east(40))).toBeCloseTo(40, 6);
    expect(haversineMeters(ORIGIN, ORIGIN)).toBe(0);
  });

  it('is about 111 km per degree of latitude', () => {
    expect(haversineMeters([120, 31], [120, 32]) / 1000).toBeCloseTo(111.195, 2);
  });
});
