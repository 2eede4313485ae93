import type { HouseholdVisitBody } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { accuracy as accuracyOf, collectionRate, ratesOf, sumCounts } from './data-quality.js';
import { type MemberFacts, needsReview, visitChangeRequests, visitProblems } from './visit-changes.js';

const HEAD = '00000000-0000-4000-8000-000000000001';
const CHILD = '00000000-0000-4000-8000-000000000002';
const GONE = '00000000-0000-4000-8000-000000000003';
const members: MemberFacts[] = [
  { id: HEAD, relation: 'head', movedOut: false },
  { id: CHILD, relation: 'child', movedOut: false },
  { id: GONE, relation: 'spouse', movedOut: true },
];
const at = '2026-12-01T02:00:00.000Z';
const newborn = {
  name: '王小宝',
  sex: 'male',
  birthDate: '2026-11-20',
  relation: 'grandchild',
  residence: 'registered',
} as const;

describe('household visit changes: applied at once or reviewed', () => {
  it('applies a newborn, a member moving out, the dwelling use and a tag directly', () => {
    const body: HouseholdVisitBody = {
      visitedAt: at,
      outcome: 'updated',
      newMembers: [newborn],
      movedOut: [{ personId: CHILD, movedOutOn: '2026-11-30' }],
      dwellingUse: 'rented',
      tags: [{ personId: CHILD, tag: 'elderly_alone' }],
    };
    const changes = visitChangeRequests(body);
    expect(changes.map((c) => c.kind)).toEqual(['add-member', 'move-out', 'dwelling-use', 'tag']);
    expect(changes.map((c) => needsReview(c, members))).toEqual([false, false, false, false]);
    expect(visitProblems(body, members)).toEqual([]);
  });

  it('sends a new head, an ID number and the head moving out to review', () => {
    const body: HouseholdVisitBody = {
      visitedAt: at,
      outcome: 'updated',
      movedOut: [{ personId: HEAD, movedOutOn: '2026-11-30' }],
      newHead: { personId: CHILD, formerHeadRelation: 'parent' },
      idNumbers: [{ personId: CHILD, idNumber: '320281200001010011' }],
    };
    expect(visitChangeRequests(body).map((c) => [c.kind, needsReview(c, members)])).toEqual([
      ['move-out', true],
      ['new-head', true],
      ['id-number', true],
    ]);
  });

  it('names what is wrong: changes on a confirmed visit, none on an updated one, strangers, a new member as head', () => {
    expect(visitProblems({ visitedAt: at, outcome: 'confirmed', dwellingUse: 'vacant' }, members)).toEqual([
      { field: 'outcome', code: 'visit-confirmed-changes' },
    ]);
    expect(visitProblems({ visitedAt: at, outcome: 'updated' }, members)).toEqual([
      { field: 'outcome', code: 'visit-no-changes' },
    ]);
    expect(
      visitProblems(
        {
          visitedAt: at,
          outcome: 'updated',
          newMembers: [{ ...newborn, relation: 'head' }],
          movedOut: [{ personId: GONE, movedOutOn: '2026-11-30' }],
          newHead: { personId: HEAD, formerHeadRelation: 'other' },
        },
        members,
      ),
    ).toEqual([
      { field: 'newMembers.0.relation', code: 'visit-new-member-head' },
      { field: 'movedOut.0.personId', code: 'visit-not-member' },
      { field: 'newHead.personId', code: 'visit-already-head' },
    ]);
  });
});

describe('data quality formulas (worked by hand)', () => {
  it('collection rate is registered over expected, capped at 1, none without an expectation', () => {
    expect(collectionRate(30, 40)).toBe(0.75);
    expect(collectionRate(50, 40)).toBe(1);
    expect(collectionRate(3, 0)).toBeNull();
  });
  it('accuracy is confirmed over visited, none without visits', () => {
    expect(accuracyOf(3, 4)).toBe(0.75);
    expect(accuracyOf(0, 0)).toBeNull();
  });
  it('a community sums its grids first, then takes the rates (not an average of rates)', () => {
    const grid = (households: number, expected: number, visited: number, confirmed: number) => ({
      expectedHouseholds: expected,
      expectedPeople: expected * 3,
      households,
      people: households * 3,
      visited,
      confirmed,
      dwellingsWithoutHousehold: 1,
      householdsNeverVisited: households - visited,
      peopleWithoutIdNumber: 2,
    });
    // 10/10 and 10/30: the average of rates would be 2/3; the community has 20 of 40 = 1/2.
    const total = sumCounts([grid(10, 10, 4, 4), grid(10, 30, 6, 3)]);
    expect(total).toMatchObject({
      households: 20,
      expectedHouseholds: 40,
      visited: 10,
      confirmed: 7,
      dwellingsWithoutHousehold: 2,
    });
    expect(ratesOf(total)).toEqual({ householdCollectionRate: 0.5, peopleCollectionRate: 0.5, accuracy: 0.7 });
  });
});
