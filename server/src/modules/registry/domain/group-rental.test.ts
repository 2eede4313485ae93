import { describe, expect, it } from 'vitest';
import { GROUP_RENTAL_RULE_SETTINGS, judgeGroupRental } from './group-rental.js';

const { beijing, nanjing } = GROUP_RENTAL_RULE_SETTINGS;
/** `n` adults, each their own household (strangers sharing a flat). */
const strangers = (n: number) => Array.from({ length: n }, (_, i) => ({ householdId: `h${i}`, adult: true }));
const family = (id: string, adults: number, children: number) => [
  ...Array.from({ length: adults }, () => ({ householdId: id, adult: true })),
  ...Array.from({ length: children }, () => ({ householdId: id, adult: false })),
];

describe('Beijing: at least 5 m² per person, at most 2 people per room', () => {
  it('a 60 m² two-room flat with a family of four is fine (15 m², 2 per room)', () => {
    const v = judgeGroupRental(beijing, { areaM2: 60, rooms: 2, occupants: family('a', 2, 2) });
    expect(v).toMatchObject({ suspected: false, reasons: [], peoplePerRoom: 2, areaPerPerson: 15 });
  });
  it('7 people in 30 m² and 3 rooms: 4.29 m² each and 2.33 per room, both limits broken', () => {
    const v = judgeGroupRental(beijing, { areaM2: 30, rooms: 3, occupants: strangers(7) });
    expect(v.suspected).toBe(true);
    expect(v.reasons).toEqual(['area-per-person', 'people-per-room']);
  });
  it('exactly 5 m² and exactly 2 per room pass (the limits are inclusive)', () => {
    expect(judgeGroupRental(beijing, { areaM2: 20, rooms: 2, occupants: strangers(4) }).suspected).toBe(false);
  });
  it('5 people in 3 rooms of 100 m²: only the room limit (1.67 per room passes; 5 in 2 rooms does not)', () => {
    expect(judgeGroupRental(beijing, { areaM2: 100, rooms: 3, occupants: strangers(5) }).suspected).toBe(false);
    expect(judgeGroupRental(beijing, { areaM2: 100, rooms: 2, occupants: strangers(5) }).reasons).toEqual([
      'people-per-room',
    ]);
  });
  it('an empty dwelling is never suspected', () => {
    expect(judgeGroupRental(beijing, { areaM2: 1, rooms: 1, occupants: [] }).suspected).toBe(false);
  });
});

describe('Nanjing: 4+ unrelated adults or 2+ families with under 10 m² per person', () => {
  it('4 strangers in 36 m² (9 m² each) are suspected; in 40 m² (10 m² each) they are not', () => {
    expect(judgeGroupRental(nanjing, { areaM2: 36, rooms: 2, occupants: strangers(4) }).reasons).toEqual([
      'unrelated-adults',
      'area-per-person',
    ]);
    expect(judgeGroupRental(nanjing, { areaM2: 40, rooms: 2, occupants: strangers(4) }).suspected).toBe(false);
  });
  it('3 strangers in 20 m² are crowded but not 4 unrelated adults', () => {
    expect(judgeGroupRental(nanjing, { areaM2: 20, rooms: 1, occupants: strangers(3) }).suspected).toBe(false);
  });
  it('two families of three in 50 m² (8.3 m² each) are suspected; one family of six is not', () => {
    const two = [...family('a', 2, 1), ...family('b', 2, 1)];
    expect(judgeGroupRental(nanjing, { areaM2: 50, rooms: 2, occupants: two }).reasons).toEqual([
      'families',
      'area-per-person',
    ]);
    expect(judgeGroupRental(nanjing, { areaM2: 50, rooms: 2, occupants: family('a', 2, 4) }).suspected).toBe(false);
  });
  it('a family of two and 3 single adults in 45 m²: 4 unrelated adults (9 m² each), one family', () => {
    const v = judgeGroupRental(nanjing, {
      areaM2: 45,
      rooms: 3,
      occupants: [...family('a', 2, 0), ...strangers(3)],
    });
    expect(v.reasons).toEqual(['unrelated-adults', 'area-per-person']);
  });
});
