import type {
  GridQuality,
  HouseholdList,
  HouseholdPage,
  HouseholdVisit,
  PersonPage,
  QualityMissing,
  RegistryQuality,
  VisitReviewList,
} from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { demoWorkerGrid } from '../grids/index.js';
import { demoRegistry } from './demo/load-demo-registry.js';
import { makeIdNumber } from './domain/id-number.js';

let t: TestApp;
let gridworker: Client;
let workstation: Client;
let mine: HouseholdList['items'];

beforeAll(async () => {
  t = await createTestApp();
  gridworker = await t.login('gridworker');
  workstation = await t.login('workstation');
  await demoRegistry(t.database.db);
  const list = await gridworker.get('/api/registry/households');
  expect(list.statusCode, list.body).toBe(200);
  mine = list.json<HouseholdList>().items;
}, 120_000);
afterAll(() => t.close());

const visit = (client: Client, householdId: string, body: object, key?: string) =>
  client.request({
    method: 'POST',
    url: `/api/registry/households/${householdId}/visits`,
    payload: body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
const page = async (client: Client, id: string) => {
  const response = await client.get(`/api/registry/households/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<HouseholdPage>();
};
const myGridQuality = async () => {
  const response = await gridworker.get('/api/registry/quality');
  expect(response.statusCode, response.body).toBe(200);
  const quality = response.json<RegistryQuality>();
  return quality.communities.flatMap((c) => c.grids).find((g) => g.code === demoWorkerGrid()?.code) as GridQuality;
};

describe('household visits (走访)', () => {
  it('lists only the households of the worker’s grid; another grid’s household is 404', async () => {
    expect(mine.length).toBeGreaterThan(3);
    const all = (await workstation.get('/api/registry/households?limit=500')).json<HouseholdList>().items;
    const elsewhere = all.find((h) => !mine.some((m) => m.id === h.id));
    if (!elsewhere) throw new Error('the community has one grid only');
    expect((await gridworker.get(`/api/registry/households/${elsewhere.id}`)).statusCode).toBe(404);
    const response = await visit(gridworker, elsewhere.id, {
      visitedAt: new Date().toISOString(),
      outcome: 'confirmed',
    });
    expect(response.statusCode).toBe(404);
    expect(
      (await gridworker.get(`/api/registry/households?q=${encodeURIComponent(mine[0]?.address ?? '')}`))
        .json<HouseholdList>()
        .items.map((h) => h.id),
    ).toContain(mine[0]?.id);
  });

  it('applies a newborn and a member moving out once, however often the same visit is replayed, with history', async () => {
    const household = mine.find((h) => h.members >= 2) ?? mine[0];
    if (!household) throw new Error('no household');
    const before = await page(gridworker, household.id);
    const leaving = before.household.members.find((m) => m.relation !== 'head' && m.movedOutOn === null);
    if (!leaving) throw new Error('no member to move out');
    const body = {
      visitedAt: new Date().toISOString(),
      outcome: 'updated',
      newMembers: [
        { name: '王小宝', sex: 'female', birthDate: '2026-11-20', relation: 'grandchild', residence: 'registered' },
      ],
      movedOut: [{ personId: leaving.id, movedOutOn: '2026-11-30' }],
      dwellingUse: 'rented',
    };
    const first = await visit(gridworker, household.id, body, 'visit-replay-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await visit(gridworker, household.id, body, 'visit-replay-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<HouseholdVisit>().id).toBe(first.json<HouseholdVisit>().id);
    // The same key with another body is refused, never applied.
    expect((await visit(gridworker, household.id, { ...body, note: '改了' }, 'visit-replay-1')).statusCode).toBe(422);

    const after = await page(gridworker, household.id);
    expect(after.household.members.filter((m) => m.name === '王小宝')).toHaveLength(1);
    expect(after.household.members.find((m) => m.id === leaving.id)?.movedOutOn).toBe('2026-11-30');
    expect(after.dwelling.use).toBe('rented');
    expect(after.visits).toHaveLength(1);
    const recorded = after.visits[0];
    expect(recorded?.changes.map((c) => [c.kind, c.applied])).toEqual(
      before.dwelling.use === 'rented'
        ? [
            ['add-member', true],
            ['move-out', true],
          ]
        : [
            ['add-member', true],
            ['move-out', true],
            ['dwelling-use', true],
          ],
    );
    const fromVisit = after.history.filter((h) => h.visitId === recorded?.id);
    expect(fromVisit.map((h) => [h.recordKind, h.recordId])).toContainEqual(['person', leaving.id]);
    expect(fromVisit.find((h) => h.recordId === leaving.id)?.state.movedOutOn).toBeNull();
    const audits = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.visit.record' AND object_id = ${household.id}`,
    );
    expect(audits[0]?.n).toBe(1);

    // The desk's person page of the member who moved out lists the household's one visit.
    const person = (await gridworker.get(`/api/registry/people/${leaving.id}`)).json<PersonPage>();
    expect(person.visits.map((v) => [v.id, v.outcome, v.changes.length])).toEqual([
      [recorded?.id, recorded?.outcome, recorded?.changes.length],
    ]);
  });

  it('sends a new head and an ID number to the community desk; applied on approval, kept on rejection', async () => {
    const household = mine.find((h) => h.members >= 2 && h.lastVisitedAt === null && h.id !== mine[0]?.id);
    if (!household) throw new Error('no household');
    const before = await page(gridworker, household.id);
    const head = before.household.members.find((m) => m.relation === 'head');
    const next = before.household.members.find((m) => m.relation !== 'head' && m.movedOutOn === null);
    if (!head || !next) throw new Error('no members');
    const idNumber = makeIdNumber('320281', '19900506', 977);
    const response = await visit(gridworker, household.id, {
      visitedAt: new Date().toISOString(),
      outcome: 'updated',
      newHead: { personId: next.id, formerHeadRelation: 'parent' },
      idNumbers: [{ personId: next.id, idNumber }],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<HouseholdVisit>().changes.every((c) => !c.applied && c.reviewId)).toBe(true);
    // Nothing changed yet.
    expect((await page(gridworker, household.id)).household.members.find((m) => m.id === head.id)?.relation).toBe(
      'head',
    );
    // A grid worker does not review; the community desk does.
    expect((await gridworker.get('/api/registry/visit-reviews')).statusCode).toBe(403);
    const reviews = (await workstation.get('/api/registry/visit-reviews'))
      .json<VisitReviewList>()
      .items.filter((r) => r.householdId === household.id);
    expect(reviews.map((r) => r.kind).sort()).toEqual(['id-number', 'new-head']);
    expect(JSON.stringify(reviews)).not.toContain(idNumber);
    const headReview = reviews.find((r) => r.kind === 'new-head');
    const idReview = reviews.find((r) => r.kind === 'id-number');
    const approved = await workstation.post(`/api/registry/visit-reviews/${headReview?.id}/decide`, {
      decision: 'approved',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<{ state: string }>().state).toBe('approved');
    expect(
      (await workstation.post(`/api/registry/visit-reviews/${headReview?.id}/decide`, { decision: 'approved' }))
        .statusCode,
    ).toBe(409);
    const rejected = await workstation.post(`/api/registry/visit-reviews/${idReview?.id}/decide`, {
      decision: 'rejected',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const after = await page(gridworker, household.id);
    expect(after.household.members.find((m) => m.id === next.id)?.relation).toBe('head');
    expect(after.household.members.find((m) => m.id === head.id)?.relation).toBe('parent');
    expect(after.household.members.find((m) => m.id === next.id)?.idNumberMasked).toBe(next.idNumberMasked);
    expect(after.visits[0]?.changes.map((c) => [c.kind, c.applied])).toEqual([
      ['new-head', true],
      ['id-number', false],
    ]);
    expect(
      after.history
        .filter((h) => h.visitId === after.visits[0]?.id)
        .map((h) => h.recordId)
        .sort(),
    ).toEqual([head.id, next.id].sort());
  });

  it('refuses bad visits with the field at fault and writes nothing', async () => {
    const household = mine[2];
    if (!household) throw new Error('no household');
    const response = await visit(gridworker, household.id, {
      visitedAt: new Date().toISOString(),
      outcome: 'updated',
      newMembers: [{ name: '错户主', sex: 'male', birthDate: '2026-11-20', relation: 'head', residence: 'registered' }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field)).toEqual([
      'newMembers.0.relation',
    ]);
    expect((await page(gridworker, household.id)).visits).toHaveLength(0);
  });
});

describe('data quality per grid', () => {
  it('counts the grid’s records against the map, and accuracy of the visits in the window', async () => {
    const grid = await myGridQuality();
    const path = (
      await queryRows<{ path: string; households: number; people: number }>(
        t.database.db,
        sql`SELECT path, households, people FROM grids WHERE code = ${grid.code} AND valid_to IS NULL`,
      )
    )[0];
    const [counted] = await queryRows<{ households: number; people: number; no_id: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM registry_households WHERE path = ${path?.path}) AS households,
            (SELECT count(*)::int FROM registry_people WHERE path = ${path?.path} AND moved_out_on IS NULL) AS people,
            (SELECT count(*)::int FROM registry_people WHERE path = ${path?.path} AND moved_out_on IS NULL AND id_number_index IS NULL) AS no_id`,
    );
    expect(grid).toMatchObject({
      expectedHouseholds: path?.households,
      expectedPeople: path?.people,
      households: counted?.households,
      people: counted?.people,
      peopleWithoutIdNumber: counted?.no_id,
      // Two households visited above: one updated, one with changes sent to review (also "updated").
      visited: 2,
      confirmed: 0,
      accuracy: 0,
      householdsNeverVisited: (counted?.households ?? 0) - 2,
    });
    expect(grid.householdCollectionRate).toBeCloseTo(Math.min(1, (counted?.households ?? 0) / (path?.households ?? 1)));

    const fresh = (await gridworker.get('/api/registry/households')).json<HouseholdList>().items;
    const household = fresh.find((h) => h.lastVisitedAt === null);
    const confirmed = await visit(gridworker, household?.id ?? '', {
      visitedAt: new Date().toISOString(),
      outcome: 'confirmed',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const next = await myGridQuality();
    expect(next).toMatchObject({ visited: 3, confirmed: 1, householdsNeverVisited: (counted?.households ?? 0) - 3 });
    expect(next.accuracy).toBeCloseTo(1 / 3);

    const missing = await gridworker.get(`/api/registry/quality/${grid.code}/missing`);
    expect(missing.statusCode, missing.body).toBe(200);
    const items = missing.json<QualityMissing>().items;
    expect(items.filter((i) => i.kind === 'household-never-visited')).toHaveLength((counted?.households ?? 0) - 3);
    expect(items.filter((i) => i.kind === 'person-without-id').map((i) => i.label)).toContain('王小宝');
    // A grid of another community is outside the worker's scope.
    expect((await gridworker.get('/api/registry/quality/32028100100301/missing')).statusCode).toBe(404);
  });
});

describe('tags on a visit', () => {
  it('lists the tags the worker is granted and sets those on a visit; an ungranted one is refused and writes nothing', async () => {
    const admin = await t.login('admin');
    const household = mine.at(-1);
    if (!household) throw new Error('no household');
    expect((await page(gridworker, household.id)).grantedTags).toEqual([]);
    const grant = await admin.post('/api/registry/tag-grants', { tag: 'elderly_alone', role: 'grid_worker' });
    expect(grant.statusCode, grant.body).toBe(201);

    const before = await page(gridworker, household.id);
    expect(before.grantedTags).toEqual(['elderly_alone']);
    const member = before.household.members[0];
    if (!member) throw new Error('no member');
    const body = (tag: string) => ({
      visitedAt: new Date().toISOString(),
      outcome: 'updated',
      tags: [{ personId: member.id, tag }],
    });
    const refused = await visit(gridworker, household.id, body('community_correction'));
    expect(refused.statusCode, refused.body).toBe(403);
    expect((await page(gridworker, household.id)).visits).toHaveLength(before.visits.length);

    const applied = await visit(gridworker, household.id, body('elderly_alone'));
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json<HouseholdVisit>().changes.map((c) => [c.kind, c.personId, c.applied])).toEqual([
      ['tag', member.id, true],
    ]);
    const person = await gridworker.get(`/api/registry/people/${member.id}`);
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json<PersonPage>().person.tags).toEqual(['elderly_alone']);

    const revoked = await admin.post(`/api/registry/tag-grants/${grant.json<{ id: string }>().id}/revoke`, {});
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await page(gridworker, household.id)).grantedTags).toEqual([]);
  });
});
