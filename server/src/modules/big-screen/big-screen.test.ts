import type { AddressInfo } from 'node:net';
import type { BigScreen } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { at, baseGridsOf, type CaseWorld, caseWorld, DEMO_COMMUNITY } from '../cases/cases.test-helpers.js';

let t: TestApp;
let w: CaseWorld;
let base: string;
let screenKey: string;
const TOWN = DEMO_COMMUNITY.slice(0, 9); // 澄江街道

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  w = await caseWorld(t);
  const created = await w.admin.post('/api/api-keys', {
    name: '澄江大屏',
    roles: ['screen_viewer'],
    scopeRegionCode: TOWN,
  });
  expect(created.statusCode, created.body).toBe(201);
  screenKey = created.json().secret;
});
afterAll(() => t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);
const withKey = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { 'x-api-key': screenKey }, ...(payload ? { payload } : {}) });

/** Every piece of personal text the demo county holds: names, phones, descriptions, addresses. */
async function personalTexts(): Promise<string[]> {
  const people = await rows<{ v: string | null }>(sql`
    SELECT reporter_name AS v FROM case_reports UNION SELECT reporter_phone_masked FROM case_reports
    UNION SELECT description FROM case_reports UNION SELECT address FROM case_reports
    UNION SELECT display_name FROM users UNION SELECT description FROM cases UNION SELECT address FROM cases`);
  return [...new Set(people.map((p) => p.v).filter((v): v is string => !!v && v.length >= 2))];
}

describe('GET /api/big-screen', () => {
  it('answers the figures of the caller’s scope with no personal data in them', async () => {
    const r = await w.operator.get('/api/big-screen');
    expect(r.statusCode, r.body).toBe(200);
    const screen = r.json<BigScreen>();
    expect(screen.region.code).toBe(TOWN);
    expect(screen.trend).toHaveLength(30);
    expect(screen.trend.at(-1)?.day).toBe(screen.today);
    expect(screen.open.total).toBe(screen.open.normal + screen.open.warning + screen.open.overdue);
    expect(screen.open.total).toBeGreaterThan(0);
    expect(screen.map.openCases.length).toBeGreaterThan(0);
    expect(screen.topMatters.length).toBeGreaterThan(0);
    expect(screen.hotSpots.length).toBeGreaterThan(0);
    expect(screen.channels.reduce((n, c) => n + c.count, 0)).toBe(screen.map.heat.length);

    const texts = await personalTexts();
    expect(texts.length).toBeGreaterThan(50);
    const leaked = texts.filter((text) => r.body.includes(text));
    expect(leaked).toEqual([]);
    // A mobile number stands alone; the same digits inside an id's hex (a unit's key) are not one.
    expect(r.body).not.toMatch(/(?<![0-9a-f])1[3-9][0-9]{9}(?![0-9a-f])/);
  });

  it('counts a case reported now in today’s figures, the open cases and the map', async () => {
    const before = (await w.operator.get('/api/big-screen')).json<BigScreen>();
    const [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [{ code: string; point: [number, number] }];
    const intake = await w.operator.post('/api/cases', {
      matterCode: 'CG-0101',
      description: '大屏测试：井盖缺失',
      point: at(grid.point, 15, 15),
      formAnswers: { hazard: 'risk' },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const after = (await w.operator.get('/api/big-screen')).json<BigScreen>();
    expect(after.counts.today.reported).toBe(before.counts.today.reported + 1);
    expect(after.counts.month.reported).toBe(before.counts.month.reported + 1);
    expect(after.open.total).toBe(before.open.total + 1);
    expect(after.map.openCases.length).toBe(before.map.openCases.length + 1);
    expect(JSON.stringify(after)).not.toContain('大屏测试');
  });

  it('is refused to roles without the screen: department handlers and residents', async () => {
    expect((await w.handler.get('/api/big-screen')).statusCode).toBe(403);
    expect((await w.resident.get('/api/big-screen')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/big-screen' })).statusCode).toBe(401);
  });
});

describe('a read-only screen key', () => {
  it('opens the screen of its region, and its first read is audited (not every re-read)', async () => {
    const r = await withKey('GET', '/api/big-screen');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<BigScreen>().region.code).toBe(TOWN);
    expect((await withKey('GET', '/api/big-screen')).statusCode).toBe(200);
    const audits = await rows<{ action: string; actor_label: string; details: { via: string } }>(
      sql`SELECT action, actor_label, details FROM audit_log WHERE action IN ('api-key.create', 'big-screen.view') AND actor_label LIKE 'api-key:%' ORDER BY id`,
    );
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'big-screen.view',
        actor_label: 'api-key:澄江大屏',
        details: expect.objectContaining({ via: 'api-key' }),
      }),
    ]);
    const creation = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'api-key.create'`,
    );
    expect(creation[0]?.n).toBeGreaterThanOrEqual(1);
  });

  it('reads the grid outlines of its region only', async () => {
    const r = await withKey('GET', '/api/big-screen/grids');
    expect(r.statusCode, r.body).toBe(200);
    const features = r.json().features as { properties: { code: string } }[];
    expect(features.length).toBeGreaterThan(0);
    const paths = await rows<{ path: string }>(
      sql`SELECT path FROM grids WHERE valid_to IS NULL AND code = ${features[0]?.properties.code}`,
    );
    expect(paths[0]?.path.startsWith(`320281/${TOWN}`)).toBe(true);
  });

  it('cannot write or read cases: 403', async () => {
    const [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [{ code: string; point: [number, number] }];
    const write = await withKey('POST', '/api/cases', {
      matterCode: 'CG-0101',
      description: '大屏密钥不能上报',
      point: at(grid.point, 5, 5),
      formAnswers: { hazard: 'risk' },
    });
    expect(write.statusCode).toBe(403);
    expect((await withKey('GET', '/api/cases')).statusCode).toBe(403);
    expect((await withKey('GET', '/api/patrols/live')).statusCode).toBe(403);
    expect(
      (await withKey('POST', '/api/api-keys', { name: 'x', roles: ['admin'], scopeRegionCode: TOWN })).statusCode,
    ).toBe(403);
  });

  it('streams a ping, with no case in it, when a case of its region changes', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/big-screen/stream`, {
      headers: { 'x-api-key': screenKey },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [{ code: string; point: [number, number] }];
    const intake = await w.operator.post('/api/cases', {
      matterCode: 'CG-0101',
      description: '大屏流测试',
      point: at(grid.point, 25, 10),
      formAnswers: { hazard: 'risk' },
    });
    // A new case or a report merged into the one above: either is a change of the region.
    expect([200, 201], intake.body).toContain(intake.statusCode);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline && !text.includes('event: changed')) {
      const next = await Promise.race([
        reader.read(),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), deadline - Date.now())),
      ]);
      if (next === 'timeout' || next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
    controller.abort();
    expect(text).toMatch(/id: \d+\nevent: changed\ndata: \{\}/);
    expect(text).not.toContain(intake.json().case.code);
  });
});
