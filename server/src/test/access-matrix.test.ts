import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from './app.js';

/**
 * Role × scope × endpoint. Scopes of the demo accounts:
 *   admin, leader, city-operator, handler: county 320281
 *   operator: town 澄江街道 320281001
 *   workstation, gridworker, resident: community 文定社区 320281001001
 * An object outside the caller's scope answers 404 (not 403): its existence is not disclosed.
 */
const ACCOUNTS = [
  'admin',
  'leader',
  'city-operator',
  'operator',
  'handler',
  'workstation',
  'gridworker',
  'resident',
] as const;
type Account = (typeof ACCOUNTS)[number] | 'anonymous';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (ids: Ids) => string;
  body?: (ids: Ids, who: Account) => unknown;
  expect: Partial<Record<Account, number>> & { default: number };
}
interface Ids {
  cityOperatorId: string;
  workstationUserId: string;
  otherTownUnitId: string;
  ownTownUnitId: string;
}

const CASES: Case[] = [
  {
    name: 'county region',
    method: 'GET',
    url: () => '/api/regions/320281',
    expect: {
      default: 404,
      admin: 200,
      leader: 200,
      'city-operator': 200,
      handler: 200,
      resident: 403,
      anonymous: 401,
    },
  },
  {
    name: 'own town',
    method: 'GET',
    url: () => '/api/regions/320281001',
    expect: { default: 200, workstation: 404, gridworker: 404, resident: 403, anonymous: 401 },
  },
  {
    name: 'community in own town',
    method: 'GET',
    url: () => '/api/regions/320281001001',
    expect: { default: 200, resident: 403, anonymous: 401 },
  },
  {
    name: 'sibling community',
    method: 'GET',
    url: () => '/api/regions/320281001003',
    expect: { default: 200, workstation: 404, gridworker: 404, resident: 403, anonymous: 401 },
  },
  {
    name: 'community of another town',
    method: 'GET',
    url: () => '/api/regions/320281004001',
    expect: { default: 200, operator: 404, workstation: 404, gridworker: 404, resident: 403, anonymous: 401 },
  },
  {
    name: 'assessment indicators of my scope',
    method: 'GET',
    url: () => '/api/assessment/indicators?level=town&period=day',
    expect: { default: 200, handler: 403, gridworker: 403, resident: 403, anonymous: 401 },
  },
  {
    name: 'user list',
    method: 'GET',
    url: () => '/api/users',
    expect: {
      default: 403,
      admin: 200,
      leader: 200,
      'city-operator': 200,
      operator: 200,
      workstation: 200,
      anonymous: 401,
    },
  },
  {
    name: 'county-level user',
    method: 'GET',
    url: (i) => `/api/users/${i.cityOperatorId}`,
    expect: {
      default: 403,
      admin: 200,
      leader: 200,
      'city-operator': 200,
      operator: 404,
      workstation: 404,
      anonymous: 401,
    },
  },
  {
    name: 'community-level user',
    method: 'GET',
    url: (i) => `/api/users/${i.workstationUserId}`,
    expect: {
      default: 403,
      admin: 200,
      leader: 200,
      'city-operator': 200,
      operator: 200,
      workstation: 200,
      anonymous: 401,
    },
  },
  {
    name: 'unit of another town',
    method: 'GET',
    url: (i) => `/api/units/${i.otherTownUnitId}`,
    expect: { default: 200, operator: 404, workstation: 404, gridworker: 403, resident: 403, anonymous: 401 },
  },
  {
    name: 'unit of own town',
    method: 'GET',
    url: (i) => `/api/units/${i.ownTownUnitId}`,
    expect: { default: 200, workstation: 404, gridworker: 403, resident: 403, anonymous: 401 },
  },
  {
    name: 'create unit',
    method: 'POST',
    url: () => '/api/units',
    body: (_i, who) => ({ code: `M-${who}`, name: `矩阵${who}`, kind: 'department', regionCode: '320281001' }),
    expect: { default: 403, admin: 201, anonymous: 401 },
  },
  {
    name: 'update user',
    method: 'PATCH',
    url: (i) => `/api/users/${i.workstationUserId}`,
    body: () => ({ displayName: '文定社区工作站' }),
    expect: { default: 403, admin: 200, anonymous: 401 },
  },
  { name: 'audit log', method: 'GET', url: () => '/api/audit', expect: { default: 403, admin: 200, anonymous: 401 } },
  { name: 'api keys', method: 'GET', url: () => '/api/api-keys', expect: { default: 403, admin: 200, anonymous: 401 } },
];

let t: TestApp;
const clients = new Map<Account, Client>();
let ids: Ids;

beforeAll(async () => {
  t = await createTestApp();
  for (const account of ACCOUNTS) clients.set(account, await t.login(account));
  const admin = clients.get('admin') as Client;
  const users = (await admin.get('/api/users?limit=100')).json().items as { id: string; username: string }[];
  const units = (await admin.get('/api/units?limit=500')).json().items as { id: string; code: string }[];
  const find = <T extends { id: string }>(rows: T[], pred: (r: T) => boolean) => (rows.find(pred) as T).id;
  ids = {
    cityOperatorId: find(users, (u) => u.username === 'city-operator'),
    workstationUserId: find(users, (u) => u.username === 'workstation'),
    otherTownUnitId: find(units, (u) => u.code === '320281004-CC'),
    ownTownUnitId: find(units, (u) => u.code === '320281001-CC'),
  };
});
afterAll(() => t.close());

describe('access matrix: role × scope × endpoint', () => {
  const rows = CASES.flatMap((c) => [...ACCOUNTS, 'anonymous' as const].map((who) => ({ c, who })));
  it.each(rows.map(({ c, who }) => [c.name, who, c.expect[who] ?? c.expect.default, c] as const))(
    '%s as %s → %i',
    async (_name, who, status, c) => {
      const client = who === 'anonymous' ? undefined : clients.get(who);
      const options = { method: c.method, url: c.url(ids), ...(c.body ? { payload: c.body(ids, who) as object } : {}) };
      const response = client ? await client.request(options) : await t.app.inject(options);
      expect(response.statusCode, response.body).toBe(status);
    },
  );
});

describe('lists are filtered by scope in the query', () => {
  it('a town operator sees only accounts and units of its town', async () => {
    const operator = clients.get('operator') as Client;
    const users = (await operator.get('/api/users?limit=500')).json();
    const usernames = users.items.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['gridworker', 'operator', 'resident', 'workstation']));
    expect(usernames).not.toContain('admin');
    expect(usernames).not.toContain('city-operator');
    expect(users.items.every((u: { scopeRegionCode: string }) => u.scopeRegionCode.startsWith('320281001'))).toBe(true);
    const units = (await operator.get('/api/units?limit=500')).json();
    expect(units.total).toBeGreaterThan(1);
    expect(units.items.every((u: { regionCode: string }) => u.regionCode.startsWith('320281001'))).toBe(true);
  });

  it('a community user sees only its community in the region tree', async () => {
    const root = (await (clients.get('workstation') as Client).get('/api/regions/root')).json();
    expect(root.region.code).toBe('320281001001');
    expect(root.ancestors).toEqual([]);
    const search = (await (clients.get('workstation') as Client).get('/api/regions/search?q=社区')).json();
    expect(search.items.map((r: { code: string }) => r.code)).toEqual(['320281001001']);
  });
});

describe('a town-scoped administrator', () => {
  it('manages its town only and cannot grant a wider scope', async () => {
    const admin = clients.get('admin') as Client;
    const created = await admin.post('/api/users', {
      username: 'town-admin',
      displayName: '南闸街道管理员',
      password: 'Password123',
      roles: ['admin'],
      scopeRegionCode: '320281004',
    });
    expect(created.statusCode).toBe(201);
    const townAdmin = await t.login('town-admin', 'Password123');
    const wider = await townAdmin.post('/api/users', {
      username: 'too-wide',
      displayName: 'x',
      password: 'Password123',
      roles: ['operator'],
      scopeRegionCode: '320281',
    });
    expect(wider.statusCode).toBe(403);
    expect(wider.json().error.code).toBe('scope-exceeded');
    expect((await townAdmin.get(`/api/users/${ids.cityOperatorId}`)).statusCode).toBe(404);
    expect((await townAdmin.patch(`/api/users/${ids.workstationUserId}`, { disabled: true })).statusCode).toBe(404);
    const inside = await townAdmin.post('/api/users', {
      username: 'nanzha-ws',
      displayName: '紫金社区工作站',
      password: 'Password123',
      roles: ['workstation_staff'],
      scopeRegionCode: '320281004001',
    });
    expect(inside.statusCode).toBe(201);
  });
});
