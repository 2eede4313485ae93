import type { Patrol, TrackPointInput } from '@yiwang/contracts';
import { expect } from 'vitest';
import type { Client, TestApp } from '../../test/app.js';
import {
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';
import { offsetMeters } from '../grids/index.js';

/** Shared factories of the field tests (patrols, visits, the worker's day): accounts, grids, tracks. */

export const NEW_PASSWORD = 'FieldTest2026';
export const OTHER_TOWN = OTHER_TOWN_COMMUNITY.slice(0, 9);

export interface FieldWorld extends CaseWorld {
  /** gridworker's grid (the first of 文定社区) and the second grid of 文定社区 with its worker. */
  workerGrid: { code: string; point: Position };
  otherGrid: { code: string; point: Position };
  otherTownGrid: { code: string; point: Position };
  otherWorker: Client;
  /** A town command-center operator of another town (no scope over 文定社区). */
  otherTownOperator: Client;
}

export async function fieldWorld(t: TestApp): Promise<FieldWorld> {
  const w = await caseWorld(t);
  const [workerGrid, otherGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [
    FieldWorld['workerGrid'],
    FieldWorld['otherGrid'],
  ];
  const [otherTownGrid] = (await baseGridsOf(w, OTHER_TOWN_COMMUNITY)) as [FieldWorld['otherTownGrid']];
  const created = await w.admin.post('/api/users', {
    username: 'operator-other-town',
    displayName: '另一个街道的值班员',
    password: NEW_PASSWORD,
    roles: ['operator'],
    scopeRegionCode: OTHER_TOWN,
  });
  expect(created.statusCode, created.body).toBe(201);
  const otherTownOperator = await t.login('operator-other-town', NEW_PASSWORD);
  const otherWorker = await t.login(`gw-${otherGrid.code}`);
  return { ...w, workerGrid, otherGrid, otherTownGrid, otherWorker, otherTownOperator };
}

/** A walk of `count` fixes, 10 m and 15 s apart heading east from `start`, the last one `endsAgoMs` before now. */
export function walk(start: Position, count: number, endsAgoMs = 60_000, northOffset = 0): TrackPointInput[] {
  const last = Date.now() - endsAgoMs;
  return Array.from({ length: count }, (_, i) => {
    const [lon, lat] = offsetMeters(start, i * 10, northOffset);
    return { at: new Date(last - (count - 1 - i) * 15_000).toISOString(), lon, lat, accuracyM: 8 };
  });
}

export async function startPatrolOk(client: Client, body: { startedAt?: string } = {}): Promise<Patrol> {
  const r = await client.post('/api/patrols', body);
  expect([200, 201], r.body).toContain(r.statusCode);
  return r.json();
}

export function postPoints(
  client: Client,
  patrolId: string,
  points: TrackPointInput[],
  headers: Record<string, string> = {},
) {
  return client.request({ method: 'POST', url: `/api/patrols/${patrolId}/points`, payload: { points }, headers });
}
