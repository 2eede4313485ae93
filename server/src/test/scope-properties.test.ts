import type { Role } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { can, type Permission } from '../modules/accounts/permissions.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  reportOk,
  uploadPhoto,
} from '../modules/cases/cases.test-helpers.js';
import { isCountyWide, isPathWithin } from '../platform/scope.js';
import type { Client } from './app.js';
import { createTestApp } from './app.js';

/**
 * R2, the scope property: for a caller with any role on any region of the (demo) tree,
 * every list holds exactly the objects whose region lies in the caller's scope, every read
 * of one outside answers 404 and every update of one outside too. The expected sets are
 * computed from the database rows with the pure `isPathWithin`, independently of the
 * repositories' SQL. Objects: cases (list, read, export), photos, audit rows, grids, users,
 * units, regions, visits and 六定 rules (editable within the scope, a change outside 404).
 * Patrol tracks are cut by the same path filter per fix (patrols.test.ts).
 * One database for the whole property; a fixed seed (printed by fast-check on failure,
 * override with FC_SEED) keeps CI deterministic.
 */
const SEED = Number(process.env.FC_SEED ?? 20261202);
const RUNS = 20;
/** Desk and field roles whose scope is the region tree (handlers and residents have their own rules, tested apart). */
const ROLES: readonly Role[] = ['admin', 'operator', 'leader', 'grid_head', 'grid_worker', 'workstation_staff'];
/** Communities across three towns, so that every scope holds some of the objects and misses others. */
const COMMUNITIES = ['320281001001', '320281001003', '320281004001', '320281002001'] as const;

let w: CaseWorld;
let regionPaths: Map<string, string>;
/** The objects made for the property: cases (each with a photo), in the communities above. */
const made: { code: string; photoId: string }[] = [];

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  const regions = await queryRows<{ code: string; path: string }>(w.t.database.db, sql`SELECT code, path FROM regions`);
  regionPaths = new Map(regions.map((r) => [r.code, r.path]));
  let n = 0;
  for (const community of COMMUNITIES) {
    const grids = await baseGridsOf(w, community);
    for (const grid of grids.slice(0, 2)) {
      n += 1;
      const photoId = await uploadPhoto(w.cityOperator);
      const intake = await reportOk(w.cityOperator, {
        matterCode: 'CG-0302',
        description: `垃圾满溢 ${n}`,
        point: at(grid.point, 20 * n, 0),
        photoIds: [photoId],
      });
      made.push({ code: intake.case.code, photoId });
    }
  }
  // The demo county brings visits and 六定 rules of narrower places; without them the property would say little.
  const t = await truth();
  expect(t.visits.length).toBeGreaterThan(0);
  expect(t.rules.some((rule) => rule.path !== '320281')).toBe(true);
}, 120_000);
afterAll(() => w.t.close());

const pathOf = (regionCode: string): string => {
  const path = regionPaths.get(regionCode);
  if (!path) throw new Error(`region ${regionCode} unknown`);
  return path;
};

/** The truth, straight from the rows: every scoped object with its path. */
async function truth() {
  const db = w.t.database.db;
  const [cases, photos, users, units, grids, audit, visits, rules] = await Promise.all([
    queryRows<{ code: string; path: string }>(db, sql`SELECT code, path FROM cases`),
    queryRows<{ id: string; path: string }>(
      db,
      sql`SELECT p.id, c.path FROM photos p JOIN cases c ON c.id = p.case_id`,
    ),
    queryRows<{ id: string; region: string }>(db, sql`SELECT id, scope_region_code AS region FROM users`),
    queryRows<{ id: string; region: string }>(db, sql`SELECT id, region_code AS region FROM units`),
    queryRows<{ code: string; path: string }>(db, sql`SELECT code, path FROM grids WHERE valid_to IS NULL`),
    queryRows<{ id: string | number; path: string | null }>(
      db,
      sql`SELECT id, scope_path AS path FROM audit_log WHERE action = 'case.report'`,
    ),
    queryRows<{ id: string; path: string }>(db, sql`SELECT id, path FROM visits`),
    // A rule's place: a region (and below), one grid, or the whole county.
    queryRows<{ code: string; path: string }>(
      db,
      sql`SELECT r.code, COALESCE(r.region_path_prefix, g.path, '320281') AS path FROM routing_rules r
          LEFT JOIN grids g ON g.code = r.grid_code AND g.valid_to IS NULL WHERE r.active`,
    ),
  ]);
  return { cases, photos, users, units, grids, audit, visits, rules };
}

let userSeq = 0;
async function viewer(role: Role, regionCode: string): Promise<Client> {
  userSeq += 1;
  const username = `prop-${userSeq}`;
  const created = await w.admin.post('/api/users', {
    username,
    displayName: `性质 ${userSeq}`,
    password: 'Property-2026',
    roles: [role],
    scopeRegionCode: regionCode,
  });
  expect(created.statusCode, created.body).toBe(201);
  return w.t.login(username, 'Property-2026');
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** A list read page by page: the ids the caller gets, or the status when refused. */
async function listAll(client: Client, url: string, id: (item: Record<string, unknown>) => string, page = 500) {
  const ids: string[] = [];
  for (let offset = 0; ; offset += page) {
    const r = await client.get(`${url}${url.includes('?') ? '&' : '?'}limit=${page}&offset=${offset}`);
    if (r.statusCode !== 200) return { status: r.statusCode, ids: [] as string[] };
    const body = r.json() as { items: Record<string, unknown>[]; total: number };
    ids.push(...body.items.map(id));
    if (offset + page >= body.total) return { status: 200, ids: sorted(ids) };
  }
}

const allowed = (role: Role, permission: Permission) => can([role], permission);

describe('R2: every list, read and update returns exactly what lies in the caller’s scope', () => {
  it('holds for random roles on random regions of the tree', { timeout: 120_000 }, async () => {
    const regionCodes = [...regionPaths.keys()].sort();
    // Weighted towards towns and communities, where scopes cut the county in pieces.
    const region = fc.oneof(
      { weight: 1, arbitrary: fc.constant('320281') },
      { weight: 3, arbitrary: fc.constantFrom(...regionCodes.filter((c) => c.length === 9)) },
      { weight: 4, arbitrary: fc.constantFrom(...regionCodes.filter((c) => c.length === 12)) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROLES),
        region,
        fc.subarray([...made.keys()], { minLength: 1, maxLength: 3 }),
        async (role, regionCode, sample) => {
          const scope = pathOf(regionCode);
          const client = await viewer(role, regionCode);
          const t = await truth();
          const inScope = (path: string) => isPathWithin(path, scope);

          // Cases: the list, each read.
          const caseList = await listAll(client, '/api/cases', (c) => String(c.code));
          if (allowed(role, 'cases.read')) {
            expect(caseList.ids).toEqual(sorted(t.cases.filter((c) => inScope(c.path)).map((c) => c.code)));
          } else {
            expect(caseList.status).toBe(403);
          }
          if (allowed(role, 'cases.read')) {
            const exported = await client.get('/api/cases/export.xlsx');
            expect(exported.statusCode).toBe(200);
            const workbook = new ExcelJS.Workbook();
            await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
            const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
            const codes = (sheet.getColumn(1).values as unknown[]).slice(2).map(String);
            expect(sorted(codes)).toEqual(caseList.ids);
          }
          for (const i of sample) {
            const { code, photoId } = made[i] as (typeof made)[number];
            const path = t.cases.find((c) => c.code === code)?.path as string;
            const expected = !allowed(role, 'cases.read') ? 403 : inScope(path) ? 200 : 404;
            expect((await client.get(`/api/cases/${code}`)).statusCode, `case ${code}`).toBe(expected);
            // A photo is readable exactly when its case is.
            const photoExpected = inScope(path) && allowed(role, 'cases.read') ? 200 : 404;
            for (const variant of ['', '/thumbnail']) {
              const r = await client.get(`/api/photos/${photoId}${variant}`);
              expect(r.statusCode, `photo ${photoId}${variant}`).toBe(
                allowed(role, 'photos.read') ? photoExpected : 403,
              );
            }
          }

          // Grids, units, users: lists, and updates of one outside the scope.
          const grids = await listAll(client, '/api/grids', (g) => String(g.code), 2000);
          expect(grids.ids).toEqual(sorted(t.grids.filter((g) => inScope(g.path)).map((g) => g.code)));
          const units = await listAll(client, '/api/units', (u) => String(u.id));
          if (allowed(role, 'units.read')) {
            expect(units.ids).toEqual(sorted(t.units.filter((u) => inScope(pathOf(u.region))).map((u) => u.id)));
          }
          const users = await listAll(client, '/api/users', (u) => String(u.id));
          if (allowed(role, 'users.read')) {
            expect(users.ids).toEqual(sorted(t.users.filter((u) => inScope(pathOf(u.region))).map((u) => u.id)));
          } else {
            expect(users.status).toBe(403);
          }
          if (allowed(role, 'units.manage')) {
            const outside = t.units.find((u) => !inScope(pathOf(u.region)));
            if (outside) {
              const r = await client.request({
                method: 'PATCH',
                url: `/api/units/${outside.id}`,
                payload: { name: 'x' },
              });
              expect(r.statusCode).toBe(404);
            }
            const outsideUser = t.users.find((u) => !inScope(pathOf(u.region)));
            if (outsideUser) {
              const r = await client.request({
                method: 'PATCH',
                url: `/api/users/${outsideUser.id}`,
                payload: { displayName: 'x' },
              });
              expect(r.statusCode).toBe(404);
            }
          }

          // Visits (notes about households): the desk's list of the scope.
          if (allowed(role, 'visits.read')) {
            const r = await client.get('/api/visits');
            expect(r.statusCode, r.body).toBe(200);
            const ids = sorted((r.json().items as { id: string }[]).map((v) => v.id));
            expect(t.visits.length).toBeLessThan(500); // the list's cap: all of them fit
            expect(ids).toEqual(sorted(t.visits.filter((v) => inScope(v.path)).map((v) => v.id)));
          }

          // 六定 rules: read by every dispatcher, editable exactly within the scope; a change outside is 404.
          if (allowed(role, 'cases.operate')) {
            const r = await client.get('/api/cases/routing-rules');
            expect(r.statusCode, r.body).toBe(200);
            const editable = (r.json().items as { code: string; editable: boolean }[])
              .filter((rule) => rule.editable)
              .map((rule) => rule.code);
            expect(sorted(editable)).toEqual(sorted(t.rules.filter((rule) => inScope(rule.path)).map((x) => x.code)));
            const outside = t.rules.find((rule) => !inScope(rule.path));
            if (outside && allowed(role, 'routing.manage')) {
              const moved = await client.post(`/api/cases/routing-rules/${outside.code}/move`, { before: null });
              expect(moved.statusCode, moved.body).toBe(404);
            }
          }

          // Regions: each read.
          for (const code of [regionCode, '320281', '320281004', '320281001001']) {
            const r = await client.get(`/api/regions/${code}`);
            expect(r.statusCode, `region ${code}`).toBe(inScope(pathOf(code)) ? 200 : 404);
          }

          // Audit rows (auditors): the case reports of the scope; county-only rows for the county alone.
          if (allowed(role, 'audit.read')) {
            const audit = await listAll(client, '/api/audit?action=case.report', (r) => String(r.id));
            const expected = t.audit.filter((r) =>
              isCountyWide(scope) ? true : r.path !== null && isPathWithin(r.path, scope),
            );
            expect(audit.ids).toEqual(sorted(expected.map((r) => String(r.id))));
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
