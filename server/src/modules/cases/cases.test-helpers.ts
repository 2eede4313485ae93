import type { CaseCommandBody, CaseDetail, IntakeResult, ReportCaseBody } from '@yiwang/contracts';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Client, TestApp } from '../../test/app.js';
import { recordAudit } from '../audit/record-audit.js';
import type { AreaGeometry, Position } from '../grids/geometry/index.js';
import { gridLocatorFor } from '../grids/grid-locator.js';
import { interiorPointOf, offsetMeters } from '../grids/index.js';
import type { CaseDeps } from './case-deps.js';
import { DEFAULT_CASE_SETTINGS } from './cases.settings.js';

/** Shared factories of the case tests: the demo accounts, places, photos, reports and commands. */

export const DEMO_COMMUNITY = '320281001001'; // 文定社区, 澄江街道
export const OTHER_TOWN_COMMUNITY = '320281004001';

export interface CaseWorld {
  t: TestApp;
  admin: Client;
  operator: Client;
  cityOperator: Client;
  handler: Client;
  workstation: Client;
  gridworker: Client;
  resident: Client;
  unitId: (code: string) => string;
  deps: CaseDeps;
}

export async function caseWorld(t: TestApp): Promise<CaseWorld> {
  const [admin, operator, cityOperator, handler, workstation, gridworker, resident] = await Promise.all(
    ['admin', 'operator', 'city-operator', 'handler', 'workstation', 'gridworker', 'resident'].map((u) => t.login(u)),
  );
  const units = (await (admin as Client).get('/api/units?limit=500')).json().items as { id: string; code: string }[];
  const unitId = (code: string) => {
    const unit = units.find((u) => u.code === code);
    if (!unit) throw new Error(`unit ${code} not found`);
    return unit.id;
  };
  return {
    t,
    admin: admin as Client,
    operator: operator as Client,
    cityOperator: cityOperator as Client,
    handler: handler as Client,
    workstation: workstation as Client,
    gridworker: gridworker as Client,
    resident: resident as Client,
    unitId,
    deps: {
      db: t.database.db,
      locator: gridLocatorFor(t.database),
      secretKey: t.config.secretKey,
      settings: DEFAULT_CASE_SETTINGS,
      audit: recordAudit,
    },
  };
}

/** The base grids of a community, first (…01) first. */
export async function baseGridsOf(w: CaseWorld, communityCode: string): Promise<{ code: string; point: Position }[]> {
  const list = (await w.admin.get(`/api/grids?level=3&regionCode=${communityCode}&limit=100`)).json().items as {
    code: string;
  }[];
  const grids = [];
  for (const { code } of list) {
    const detail = (await w.admin.get(`/api/grids/${code}`)).json() as { grid: { geometry: AreaGeometry } };
    grids.push({ code, point: interiorPointOf(detail.grid.geometry) });
  }
  return grids.sort((a, b) => a.code.localeCompare(b.code));
}

export const at = (point: Position, east = 0, north = 0) => {
  const [lon, lat] = offsetMeters(point, east, north);
  return { lon, lat, crs: 'WGS84' as const };
};

export async function report(
  client: Client,
  body: ReportCaseBody,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return client.request({ method: 'POST', url: '/api/cases', payload: body, headers });
}

/** Reports and expects success; answers the intake result. */
export async function reportOk(client: Client, body: ReportCaseBody): Promise<IntakeResult> {
  const r = await report(client, body);
  expect([200, 201], r.body).toContain(r.statusCode);
  return r.json();
}

export async function command(
  client: Client,
  code: string,
  body: CaseCommandBody,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return client.request({ method: 'POST', url: `/api/cases/${code}/commands`, payload: body, headers });
}

/** Runs a command and expects it to pass; answers the new case state. */
export async function commandOk(client: Client, code: string, body: CaseCommandBody): Promise<string> {
  const r = await command(client, code, body);
  expect(r.statusCode, `${body.type}: ${r.body}`).toBe(200);
  return r.json().case.state;
}

export async function detail(client: Client, code: string): Promise<CaseDetail> {
  const r = await client.get(`/api/cases/${code}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

let photoSeed = 0;
/** Uploads a small JPEG (different bytes each time) and answers its id. */
export async function uploadPhoto(client: Client): Promise<string> {
  photoSeed += 1;
  const jpeg = await sharp({
    create: { width: 32, height: 24, channels: 3, background: { r: (photoSeed * 37) % 256, g: 80, b: 160 } },
  })
    .jpeg()
    .toBuffer();
  const r = await client.request({
    method: 'POST',
    url: '/api/photos',
    headers: { 'content-type': 'image/jpeg' },
    payload: jpeg,
  });
  expect([200, 201], r.body).toContain(r.statusCode);
  return r.json().id;
}
