import { describe, expect, it } from 'vitest';
import { boxAround, facilityOfCase } from './case-facility-match.js';

// 1e-5 degrees of latitude is about 1.11 m; at 31.9° N, 1e-5 of longitude is about 0.94 m.
const P = { lon: 120.285, lat: 31.92 };
const lamp = (id: string, dLonE5: number, dLatE5: number, classCode = '0201') => ({
  id,
  classCode,
  lon: P.lon + dLonE5 * 1e-5,
  lat: P.lat + dLatE5 * 1e-5,
});

describe('facilityOfCase', () => {
  it('links a lamp case to the one lamp within 10 m', () => {
    expect(facilityOfCase({ matterCode: 'CG-0104', point: P }, [lamp('a', 3, 3), lamp('b', 0, 200)])?.id).toBe('a');
  });
  it('leaves it to the desk when two lamps are within 10 m, or none is', () => {
    expect(facilityOfCase({ matterCode: 'CG-0104', point: P }, [lamp('a', 3, 0), lamp('b', 0, 5)])).toBeNull();
    expect(facilityOfCase({ matterCode: 'CG-0104', point: P }, [lamp('a', 0, 12)])).toBeNull();
  });
  it('counts only the classes the matter names', () => {
    const hydrant = lamp('h', 1, 1, '0110');
    expect(facilityOfCase({ matterCode: 'CG-0104', point: P }, [hydrant])).toBeNull();
    expect(facilityOfCase({ matterCode: 'CG-0107', point: P }, [hydrant, lamp('a', 1, 0)])?.id).toBe('h');
  });
  it('never links an event matter, a matter about no single object, or a case off the map', () => {
    expect(facilityOfCase({ matterCode: 'CG-0303', point: P }, [lamp('a', 0, 0)])).toBeNull();
    expect(facilityOfCase({ matterCode: 'CG-0201', point: P }, [lamp('a', 0, 0)])).toBeNull();
    expect(facilityOfCase({ matterCode: 'CG-0104', point: null }, [lamp('a', 0, 0)])).toBeNull();
  });
});

describe('boxAround', () => {
  it('holds every point within the distance', () => {
    const box = boxAround(P, 10);
    // 9 m east and 9 m north lie inside; 12 m north does not.
    expect(P.lon + 9.5e-5).toBeLessThan(box.maxLon);
    expect(P.lat + 8e-5).toBeLessThan(box.maxLat);
    expect(P.lat + 11e-5).toBeGreaterThan(box.maxLat);
  });
});
