import type { PatrolTrackList, WorkerActivity } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { withinOneChinaDay } from './load-demo-patrols.js';

const WORKER_GRID = '32028100100101';
let t: TestApp;
let operator: Client;

beforeAll(async () => {
  t = await createTestApp();
  operator = await t.login('operator');
});
afterAll(() => t.close());

describe('the demo patrols', () => {
  it('two finished rounds of gridworker inside grid 32028100100101, with a visit, on the desk’s map and table', async () => {
    const rows = await queryRows<{ started_at: Date; ended_at: Date | null }>(
      t.database.db,
      sql`SELECT p.started_at, p.ended_at FROM patrols p JOIN users u ON u.id = p.user_id WHERE u.username = 'gridworker' ORDER BY p.started_at`,
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.ended_at !== null)).toBe(true);
    const day = chinaDayOf(new Date(rows[1]?.started_at as Date));

    const r = await operator.get(`/api/patrols/tracks?date=${day}&gridCode=${WORKER_GRID}`);
    expect(r.statusCode, r.body).toBe(200);
    const { items }: PatrolTrackList = r.json();
    expect(items.length).toBeGreaterThanOrEqual(1);
    for (const track of items) {
      expect(track.displayName).toBe('网格员王芳');
      expect(track.gridCodes).toEqual([WORKER_GRID]);
      expect(track.track.coordinates.length).toBeGreaterThan(60);
      expect(track.distanceM).toBeGreaterThan(1500);
    }
    expect(items.at(-1)?.visits).toHaveLength(1);

    const activity = await operator.get(`/api/field/activity?date=${day}&gridCode=${WORKER_GRID}`);
    const worker = activity.json().items.find((i: WorkerActivity) => i.displayName === '网格员王芳');
    expect(worker.patrolMinutes).toBeGreaterThan(0);
    expect(worker.visits).toBe(1);
  });
});

describe('a demo round and China’s midnight', () => {
  it('a round that would cross midnight ends five minutes before it; any other stays where it is', () => {
    // Loaded at 01:58 China time (17:58 UTC): the 60-minute round from 130 minutes ago would run 23:48–00:48.
    const crossing = withinOneChinaDay(new Date('2026-12-03T15:48:00Z'), 60);
    expect(crossing).toEqual({
      startedAt: new Date('2026-12-03T14:55:00Z'),
      endedAt: new Date('2026-12-03T15:55:00Z'),
    });
    const inside = withinOneChinaDay(new Date('2026-12-03T06:00:00Z'), 70);
    expect(inside).toEqual({ startedAt: new Date('2026-12-03T06:00:00Z'), endedAt: new Date('2026-12-03T07:10:00Z') });
  });
});
