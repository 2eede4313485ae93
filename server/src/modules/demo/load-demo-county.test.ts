import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { loadDemoCountyIfEmpty } from './load-demo-county.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the demo county', () => {
  it('is loaded by the modules’ demo loaders, counted in one audit row', async () => {
    const rows = await queryRows<{ details: Record<string, number> }>(
      t.database.db,
      sql`SELECT details FROM audit_log WHERE action = 'demo.load'`,
    );
    expect(rows.map((r) => r.details)).toEqual([
      {
        towns: 21,
        communities: 282,
        units: 328,
        accounts: 2432,
        grids: 1861,
        posts: 4674,
        matters: 150,
        routingRules: 151,
        cases: 4,
        patrols: 2,
        topics: 3,
        meetings: 1,
        fundRules: 4,
        fundTransactions: 2,
        volunteers: 2,
        volunteerActivities: 1,
        serviceProviders: 5,
        partyOrganizations: 1,
        partyMembers: 1,
        servicePosts: 3,
        // One community (文定社区) fully populated; the rest of the county by `npm run registry:generate`.
        registryAddresses: 411,
        registryBuildings: 17,
        registryDwellings: 384,
        registryHouseholds: 365,
        registryPeople: 1073,
        registryOrganizations: 11,
        registryFacilities: 24,
      },
    ]);
  });

  it('holds the same people, units, posts, rules, cases, patrols and visits on every load (fingerprints)', async () => {
    const fingerprint = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ digest: string }>(t.database.db, query))[0]?.digest;
    const digests = {
      users: await fingerprint(sql`SELECT md5(string_agg(concat_ws('|', u.username, u.display_name, u.roles::text,
        u.scope_region_code, un.code), ',' ORDER BY u.username)) AS digest FROM users u LEFT JOIN units un ON un.id = u.unit_id`),
      units: await fingerprint(
        sql`SELECT md5(string_agg(concat_ws('|', code, name, kind, region_code), ',' ORDER BY code)) AS digest FROM units`,
      ),
      posts:
        await fingerprint(sql`SELECT md5(string_agg(concat_ws('|', p.grid_code, p.role, h.username, b.username), ','
        ORDER BY p.grid_code, p.role)) AS digest FROM grid_posts p JOIN users h ON h.id = p.holder_user_id
        JOIN users b ON b.id = p.backup_user_id`),
      rules:
        await fingerprint(sql`SELECT md5(string_agg(concat_ws('|', r.code, r.matter_code, r.grid_code, r.region_path_prefix,
        u.code, r.position), ',' ORDER BY r.code)) AS digest FROM routing_rules r JOIN units u ON u.id = r.unit_id`),
      cases: await fingerprint(sql`SELECT md5(string_agg(concat_ws('|', matter_code, state, description, lon, lat), ','
        ORDER BY description)) AS digest FROM cases`),
      points: await fingerprint(sql`SELECT count(*)::text AS digest FROM patrol_points`),
      visits: await fingerprint(sql`SELECT md5(string_agg(concat_ws('|', v.address, v.lon, v.lat, v.grid_code,
        v.patrol_id = (SELECT id FROM patrols ORDER BY started_at DESC LIMIT 1)), ',')) AS digest FROM visits v`),
      plans: await fingerprint(
        sql`SELECT string_agg(concat_ws('|', address, grid_code), ',') AS digest FROM visit_plans`,
      ),
      county: await fingerprint(sql`SELECT md5(geometry::text) AS digest FROM regions WHERE code = '320281'`),
    };
    // Taken from the demo as the county's own loader made it, before each module loaded its own part.
    expect(digests).toEqual({
      // Five residents of 文定社区 (resident2–resident6) take part in its consultation demo.
      users: 'b09b14c2c5f77f9f891c6cb0ddf54cc9',
      units: 'fa20bf245ebc01fc47aa238d719e725d',
      posts: '33c9b5570942ff8244d4b94314f72455',
      rules: 'dbff24b6b9c2993d3a1323f43cff9d35',
      cases: '111f475b54ee5e875a132c5b48b0d753',
      points: '260',
      visits: '72bd48924adb3a8e29c2cbe20dbf420c',
      plans: '文定花园6幢102室|32028100100101',
      county: '1fd7e2ce7cddc811fe54dfee74203eb7',
    });
  });

  it('is loaded only into an empty database', async () => {
    expect(await loadDemoCountyIfEmpty(t.database.db, t.config.secretKey)).toBeNull();
  });
});
