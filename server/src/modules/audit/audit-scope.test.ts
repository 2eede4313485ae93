import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
  reportOk,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';

let w: CaseWorld;
let ownGrid: { code: string; point: Position };
let otherTownGrid: { code: string; point: Position };

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [ownGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof ownGrid];
  [otherTownGrid] = (await baseGridsOf(w, OTHER_TOWN_COMMUNITY)) as [typeof otherTownGrid];
});
afterAll(() => w.t.close());

const coverCase = (point: Position) => ({
  matterCode: 'CG-0101',
  description: '井盖缺失',
  point: at(point, 60, 60),
  formAnswers: { hazard: 'none' },
});

describe('the audit log is scoped by the region of what it is about (finding 3a)', () => {
  it('shows a town administrator the rows of their town only, in the list and the export; verify is county-wide', async () => {
    const townAdmin = await w.admin.post('/api/users', {
      username: 'town-admin',
      displayName: '镇管理员',
      password: 'TownAdmin2026!',
      roles: ['admin'],
      scopeRegionCode: '320281001',
    });
    expect(townAdmin.statusCode, townAdmin.body).toBe(201);
    const town = await w.t.login('town-admin', 'TownAdmin2026!');
    const inTown = await reportOk(w.operator, coverCase(ownGrid.point));
    const elsewhere = await reportOk(w.cityOperator, coverCase(otherTownGrid.point));

    const county = (await w.admin.get('/api/audit?action=case.report&limit=500')).json();
    const countyCodes = county.items.map((r: { objectId: string }) => r.objectId);
    expect(countyCodes).toEqual(expect.arrayContaining([inTown.case.code, elsewhere.case.code]));

    const listed = (await town.get('/api/audit?action=case.report&limit=500')).json();
    const codes = listed.items.map((r: { objectId: string }) => r.objectId);
    expect(codes).toContain(inTown.case.code);
    expect(codes).not.toContain(elsewhere.case.code);
    expect(listed.total).toBe(listed.items.length);
    // Rows about the county itself (the demo load, the county admin's own sign-in) stay county-only.
    const logins = (await town.get('/api/audit?action=auth.login&limit=500')).json();
    expect(logins.items.map((r: { actorLabel: string }) => r.actorLabel)).not.toContain('admin');
    expect((await town.get(`/api/audit?objectId=${elsewhere.case.code}`)).json().total).toBe(0);

    const exported = await town.get('/api/audit/export.xlsx?action=case.report');
    expect(exported.statusCode, exported.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const objects = sheet.getColumn(6).values.slice(2);
    expect(objects).toContain(inTown.case.code);
    expect(objects).not.toContain(elsewhere.case.code);

    // The chain is one log: walking it is for the county only.
    const verify = await town.post('/api/audit/verify', {});
    expect(verify.statusCode).toBe(403);
    expect(verify.json().error.code).toBe('county-scope-required');
    expect((await w.admin.post('/api/audit/verify', {})).statusCode).toBe(200);
  });

  it('scopes the rows about accounts by the account’s region', async () => {
    const town = await w.t.login('town-admin', 'TownAdmin2026!');
    const create = async (username: string, scopeRegionCode: string) => {
      const r = await w.admin.post('/api/users', {
        username,
        displayName: username,
        password: 'Someone-2026',
        roles: ['grid_worker'],
        scopeRegionCode,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const ours = await create('worker-in-town', '320281001003');
    const theirs = await create('worker-elsewhere', '320281004001');
    const seen = async (id: string) => (await town.get(`/api/audit?objectId=${id}`)).json().total;
    expect(await seen(ours)).toBe(1);
    expect(await seen(theirs)).toBe(0);
    // Moved into the town, the account's later rows are the town's.
    const moved = await w.admin.request({
      method: 'PATCH',
      url: `/api/users/${theirs}`,
      payload: { scopeRegionCode: '320281001001' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await seen(theirs)).toBe(1);
  });
});
