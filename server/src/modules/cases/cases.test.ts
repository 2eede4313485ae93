import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp } from '../../test/app.js';
import type { Position } from '../grids/geometry/index.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  command,
  commandOk,
  DEMO_COMMUNITY,
  detail,
  OTHER_TOWN_COMMUNITY,
  reportOk,
  uploadPhoto,
} from './cases.test-helpers.js';
import { addWorkingDays, addWorkingHours } from './domain/work-calendar.js';

let w: CaseWorld;
let workerGrid: { code: string; point: Position };
let otherGrid: { code: string; point: Position };
let otherTownGrid: { code: string; point: Position };
let urban: string;
let power: string;
let police: string;
/** Each test reports at its own spot so that no report is taken for another's duplicate. */
let spot = 0;
const nextPoint = (grid = workerGrid) => {
  spot += 1;
  return at(grid.point, (spot % 5) * 80 - 160, Math.floor(spot / 5) * 80 - 160);
};

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [workerGrid, otherGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof workerGrid, typeof otherGrid];
  [otherTownGrid] = (await baseGridsOf(w, OTHER_TOWN_COMMUNITY)) as [typeof otherTownGrid];
  urban = w.unitId('320281-urban');
  power = w.unitId('320281-power');
  police = w.unitId('320281-police');
});
afterAll(() => w.t.close());

/** A missing manhole cover (town level, checked on site) reported in 文定社区, registered by the town. */
async function registeredCoverCase(reporter = w.resident): Promise<string> {
  const intake = await reportOk(reporter, {
    matterCode: 'CG-0101',
    description: '小区门口井盖缺失',
    point: nextPoint(),
    formAnswers: { hazard: 'risk' },
  });
  expect(await commandOk(w.operator, intake.case.code, { type: 'register' })).toBe('registered');
  return intake.case.code;
}

async function acceptedByUrban(): Promise<string> {
  const code = await registeredCoverCase();
  await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
  await commandOk(w.handler, code, { type: 'accept' });
  return code;
}

describe('the whole loop through the API', () => {
  it('report → register → dispatch → accept → feedback → verify → rate → archive, every step on the timeline', async () => {
    const intake = await reportOk(w.resident, {
      matterCode: 'CG-0101',
      description: '文定路小区门口井盖缺失，夜里很危险',
      point: nextPoint(),
      formAnswers: { hazard: 'risk', cover_type: 'sewage' },
    });
    expect(intake.outcome).toBe('created');
    const code = intake.case.code;
    expect(code).toMatch(/^YW\d{8}-\d{6}$/);
    expect(intake.case).toMatchObject({
      state: 'reported',
      channel: 'resident',
      level: 'town',
      gridCode: workerGrid.code,
      regionCode: DEMO_COMMUNITY,
      commandUnit: { code: '320281001-CC' },
      matter: { code: 'CG-0101', version: 1, name: '井盖缺失' },
      stage: 'register',
      timeState: 'normal',
    });
    // The intake queue of the town command center.
    const queue = (await w.operator.get('/api/cases?inbox=command&state=reported')).json();
    expect(queue.items.map((c: { code: string }) => c.code)).toContain(code);

    // The operator sees where 六定 routing would send it, and why.
    const before = await detail(w.operator, code);
    expect(before.routing).toMatchObject({ ok: true, via: 'rule', unit: { id: urban, code: '320281-urban' } });
    expect(before.routing?.reason).toContain('命中派单规则');

    expect(await commandOk(w.operator, code, { type: 'register' })).toBe('registered');
    const dispatched = await command(w.operator, code, { type: 'dispatch', unitId: urban });
    expect(dispatched.json().case).toMatchObject({ state: 'dispatched', assignedUnit: { id: urban }, stage: 'handle' });
    // Four working hours (urgent) from now on the work calendar.
    const dispatchedAt = new Date(dispatched.json().events[0].at);
    expect(dispatched.json().case.handleDueAt).toBe(addWorkingHours(dispatchedAt, 4).toISOString());
    expect(dispatched.json().case.stageDueAt).toBe(dispatched.json().case.handleDueAt);

    const inbox = (await w.handler.get('/api/cases?inbox=unit')).json();
    expect(inbox.items.map((c: { code: string }) => c.code)).toContain(code);
    expect(await commandOk(w.handler, code, { type: 'accept' })).toBe('accepted');

    const photoId = await uploadPhoto(w.handler);
    expect(await commandOk(w.handler, code, { type: 'submit_feedback', text: '已补装井盖', photoIds: [photoId] })).toBe(
      'handled',
    );
    expect(await commandOk(w.gridworker, code, { type: 'verify_pass', note: '现场核实已补装' })).toBe('closed');
    expect(await commandOk(w.resident, code, { type: 'rate', rating: 'satisfied', comment: '很快' })).toBe('rated');
    expect(await commandOk(w.operator, code, { type: 'archive' })).toBe('archived');

    const final = await detail(w.operator, code);
    expect(final.timeline.map((e) => e.type)).toEqual([
      'reported',
      'registered',
      'dispatched',
      'accepted',
      'feedback_submitted',
      'verification_passed',
      'closed',
      'rated',
      'archived',
    ]);
    expect(final.timeline.every((e) => typeof e.at === 'string')).toBe(true);
    expect(final.timeline.find((e) => e.type === 'rated')?.actorName).toBe('居民李明');
    expect(final.timeline.find((e) => e.type === 'dispatched')?.actorName).toBe('澄江街道指挥中心值班员');
    // The resident reads it through the public view and their list (residents module), not the desk's.
    expect((await w.resident.get(`/api/cases/${code}`)).statusCode).toBe(403);
    expect(final.case).toMatchObject({ state: 'archived', stage: null });
    expect(final.case.closedAt).not.toBeNull();
    expect(final.case.archivedAt).not.toBeNull();
    expect(final.workflow.feedback).toMatchObject({ text: '已补装井盖', photoIds: [photoId] });
    expect(final.workflow.ratings).toMatchObject([{ rating: 'satisfied', comment: '很快' }]);
    // The feedback photo now belongs to the case: whoever sees the case sees it.
    expect((await w.gridworker.get(`/api/photos/${photoId}`)).statusCode).toBe(200);
    // Audit rows for every step, in the same transactions.
    const audit = (await w.admin.get(`/api/audit?objectType=case&objectId=${code}&limit=50`)).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(
      [
        'case.report',
        'case.register',
        'case.dispatch',
        'case.accept',
        'case.submit_feedback',
        'case.verify_pass',
        'case.rate',
        'case.archive',
      ].sort(),
    );
  });
});

describe('the case page reads names and answers, not codes', () => {
  it('names the region and grid, and gives the questions of the matter version the answers were given to', async () => {
    const intake = await reportOk(w.resident, {
      matterCode: 'CG-0101',
      description: '井盖松动，踩上去晃',
      point: nextPoint(),
      formAnswers: { hazard: 'risk', cover_type: 'sewage' },
    });
    expect(intake.case).toMatchObject({ regionCode: DEMO_COMMUNITY, regionName: '文定社区居委会' });
    expect(intake.case.gridName).toMatch(/网格/);
    const seen = await detail(w.operator, intake.case.code);
    expect(seen.case).toMatchObject({
      regionName: '文定社区居委会',
      regionNameEn: expect.any(String),
      gridName: intake.case.gridName,
    });
    expect(seen.reports[0]?.formAnswers).toEqual({ hazard: 'risk', cover_type: 'sewage' });
    const hazard = seen.matterForm.find((f) => f.code === 'hazard');
    expect(hazard).toMatchObject({ description: '是否有安全隐患', descriptionEn: 'Is anyone at risk?' });
    expect(hazard?.values?.find((v) => v.key === 'risk')).toMatchObject({ name: '存在安全隐患' });
    expect(seen.matterForm.map((f) => f.code)).toContain('cover_type');
  });
});

describe('side paths of the workflow', () => {
  it('return, review and redispatch (退单/改派)', async () => {
    const code = await registeredCoverCase();
    await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
    expect(await commandOk(w.handler, code, { type: 'return', reason: '井盖权属为供电公司' })).toBe('returned');
    const inQueue = (await w.operator.get('/api/cases?inbox=command&state=returned')).json();
    expect(inQueue.items.map((c: { code: string }) => c.code)).toContain(code);
    expect(
      await commandOk(w.operator, code, { type: 'redispatch', unitId: power, reason: '电力井盖，改派供电公司' }),
    ).toBe('dispatched');
    const d = await detail(w.operator, code);
    expect(d.case.assignedUnit?.id).toBe(power);
    expect(d.workflow).toMatchObject({ returnCount: 1, redispatchCount: 1 });
    expect(d.timeline.map((e) => e.type)).toEqual(['reported', 'registered', 'dispatched', 'returned', 'redispatched']);
    // The bureau no longer has it in its inbox, and cannot even see it any more.
    const inbox = (await w.handler.get('/api/cases?inbox=unit')).json();
    expect(inbox.items.map((c: { code: string }) => c.code)).not.toContain(code);
    expect((await w.handler.get(`/api/cases/${code}`)).statusCode).toBe(404);
  });

  it('a rejected return obliges the unit to handle', async () => {
    const code = await registeredCoverCase();
    await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
    await commandOk(w.handler, code, { type: 'return', reason: '不属于本单位' });
    const blank = await command(w.operator, code, { type: 'review_return', decision: 'reject' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().error.code).toBe('case-text-required');
    expect(
      await commandOk(w.operator, code, { type: 'review_return', decision: 'reject', note: '市政井盖属城管职责' }),
    ).toBe('accepted');
  });

  it('verification fails: back to handling as rework, with a fresh limit', async () => {
    const code = await acceptedByUrban();
    await commandOk(w.handler, code, {
      type: 'submit_feedback',
      text: '已处理',
      photoIds: [await uploadPhoto(w.handler)],
    });
    const failed = await command(w.gridworker, code, { type: 'verify_fail', reason: '井盖未固定，仍有松动' });
    expect(failed.statusCode).toBe(200);
    const failedAt = new Date(failed.json().events[0].at);
    expect(failed.json().case).toMatchObject({ state: 'accepted', stage: 'handle' });
    expect(failed.json().case.handleDueAt).toBe(addWorkingHours(failedAt, 4).toISOString());
    await commandOk(w.handler, code, {
      type: 'submit_feedback',
      text: '已加固',
      photoIds: [await uploadPhoto(w.handler)],
    });
    expect(await commandOk(w.gridworker, code, { type: 'verify_pass' })).toBe('closed');
    const d = await detail(w.operator, code);
    expect(d.workflow.reworkCount).toBe(1);
    expect(d.timeline.filter((e) => e.type === 'verification_failed')).toHaveLength(1);
  });

  it('an on-site matter needs feedback photos, and the desk cannot verify it', async () => {
    const code = await acceptedByUrban();
    const noPhotos = await command(w.handler, code, { type: 'submit_feedback', text: '已处理' });
    expect(noPhotos.statusCode).toBe(422);
    expect(noPhotos.json().error.message).toContain('照片');
    await commandOk(w.handler, code, {
      type: 'submit_feedback',
      text: '已处理',
      photoIds: [await uploadPhoto(w.handler)],
    });
    const desk = await command(w.operator, code, { type: 'verify_pass' });
    expect(desk.statusCode).toBe(403);
    expect(desk.json().error.code).toBe('case-on-site-verification-required');
  });

  it('hold and resume (挂账): no clock runs while parked', async () => {
    const code = await acceptedByUrban();
    const reviewAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const held = await command(w.operator, code, { type: 'hold', reason: '需列入年度维修计划', reviewAt });
    expect(held.json().case).toMatchObject({ state: 'on_hold', stage: null, stageDueAt: null });
    // No clock: only the review date's reminder waits.
    const pending = await queryRows<{ kind: string }>(
      w.t.database.db,
      sql`SELECT t.kind FROM case_timers t JOIN cases c ON c.id = t.case_id
          WHERE c.code = ${code} AND t.status = 'pending'`,
    );
    expect(pending.map((t) => t.kind)).toEqual(['hold_review']);
    const resumed = await command(w.operator, code, { type: 'resume' });
    expect(resumed.json().case).toMatchObject({ state: 'accepted', stage: 'handle' });
    const d = await detail(w.operator, code);
    expect(d.timeline.slice(-2).map((e) => e.type)).toEqual(['held', 'resumed']);
  });

  it('extension requested by the unit and approved by the command unit (延期)', async () => {
    const code = await acceptedByUrban();
    const due = (await detail(w.operator, code)).case.handleDueAt as string;
    const requested = await command(w.handler, code, {
      type: 'request_extension',
      extra: { unit: 'working_days', amount: 1 },
      reason: '需采购配件',
    });
    expect(requested.statusCode).toBe(200);
    const twice = await command(w.handler, code, {
      type: 'request_extension',
      extra: { unit: 'working_days', amount: 1 },
      reason: '再延一天',
    });
    expect(twice.json().error.code).toBe('case-extension-pending');
    const approved = await command(w.operator, code, { type: 'approve_extension', note: '同意' });
    expect(approved.statusCode).toBe(200);
    // One working day after the old limit: the close of office hours on the next workday.
    expect(approved.json().case.handleDueAt).toBe(addWorkingDays(new Date(due), 1).toISOString());
    expect(approved.json().case.stageDueAt).toBe(approved.json().case.handleDueAt);
    const d = await detail(w.operator, code);
    expect(d.workflow.extensions).toMatchObject([{ status: 'approved', reason: '需采购配件' }]);

    await commandOk(w.handler, code, {
      type: 'request_extension',
      extra: { unit: 'working_hours', amount: 2 },
      reason: '天气原因',
    });
    await commandOk(w.operator, code, { type: 'reject_extension', note: '可先设置围挡' });
    expect((await detail(w.operator, code)).workflow.extensions.map((e) => e.status)).toEqual(['approved', 'rejected']);
  });

  it('escalate one level up: the city command center takes over (上报升级)', async () => {
    const code = await registeredCoverCase();
    const escalated = await command(w.operator, code, { type: 'escalate', reason: '涉及多部门，街道无法协调' });
    expect(escalated.json().case).toMatchObject({
      state: 'registered',
      level: 'city',
      commandUnit: { code: '320281-CC' },
      stage: 'dispatch',
    });
    const again = await command(w.operator, code, { type: 'dispatch', unitId: urban });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('case-not-authorized');
    expect(await commandOk(w.cityOperator, code, { type: 'dispatch', unitId: urban })).toBe('dispatched');
    const top = await command(w.cityOperator, code, { type: 'escalate', reason: '再上报' });
    expect(top.json().error.code).toBe('case-already-top-level');
  });

  it('the whistle (街乡吹哨、部门报到): summoned units report arrival and their part before feedback', async () => {
    const policeHandler = await createHandler('police-handler', police);
    const code = await registeredCoverCase();
    const blown = await command(w.operator, code, { type: 'whistle', unitIds: [urban, police], note: '联合执法' });
    expect(blown.statusCode, blown.body).toBe(200);
    const whistle = (await detail(w.operator, code)).workflow.whistle;
    expect(whistle?.units.map((u) => u.unitId).sort()).toEqual([urban, police].sort());
    // Summoned units see the case in their inbox.
    const inbox = (await policeHandler.get('/api/cases?inbox=unit')).json();
    expect(inbox.items.map((c: { code: string }) => c.code)).toContain(code);
    const early = await command(w.handler, code, { type: 'record_part', text: '现场处置' });
    expect(early.json().error.code).toBe('case-not-arrived');
    await commandOk(w.handler, code, { type: 'report_arrival' });
    await commandOk(w.handler, code, { type: 'record_part', text: '城管负责设置围挡' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
    await commandOk(w.handler, code, { type: 'accept' });
    const photo = await uploadPhoto(w.handler);
    const tooSoon = await command(w.handler, code, { type: 'submit_feedback', text: '已处理', photoIds: [photo] });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error.code).toBe('case-summoned-units-outstanding');
    await commandOk(policeHandler, code, { type: 'report_arrival' });
    await commandOk(policeHandler, code, { type: 'record_part', text: '交警维持交通秩序' });
    expect(await commandOk(w.handler, code, { type: 'submit_feedback', text: '已处理', photoIds: [photo] })).toBe(
      'handled',
    );
    const types = (await detail(w.operator, code)).timeline.map((e) => e.type);
    expect(types.filter((t) => t === 'unit_arrived')).toHaveLength(2);
    expect(types).toContain('whistle_blown');
  });

  it('refusals are coded, translated and change nothing', async () => {
    const code = await registeredCoverCase();
    const again = await inEnglish(w.operator, () => command(w.operator, code, { type: 'register' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'case-not-allowed-in-state' });
    expect(again.json().error.message).toContain('registered, waiting for dispatch');
    const zh = await command(w.operator, code, { type: 'register' });
    expect(zh.json().error.message).toContain('已立案待派遣');
    // A role that may never dispatch is stopped before the workflow.
    expect((await command(w.handler, code, { type: 'dispatch', unitId: urban })).statusCode).toBe(403);
    // The workstation may accept cases, but not this one: it is not assigned to it.
    await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
    const notMine = await command(w.workstation, code, { type: 'accept' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('case-not-authorized');
    expect((await detail(w.operator, code)).case.state).toBe('dispatched');
  });

  it('If-Match with a stale version is refused (optimistic concurrency)', async () => {
    const code = await registeredCoverCase();
    const version = (await detail(w.operator, code)).case.version;
    const stale = await command(
      w.operator,
      code,
      { type: 'supervise', note: '请加快' },
      { 'if-match': `"${version - 1}"` },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('case-version-conflict');
    const fresh = await command(
      w.operator,
      code,
      { type: 'supervise', note: '请加快' },
      { 'if-match': `"${version}"` },
    );
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().case.version).toBe(version + 1);
  });

  it('a dispatch to an unknown unit is a clear 422', async () => {
    const code = await registeredCoverCase();
    const r = await command(w.operator, code, { type: 'dispatch', unitId: '00000000-0000-4000-8000-000000000000' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('invalid-reference');
  });
});

/** Runs `fn` with the account's language set to English (the account's setting wins over Accept-Language). */
async function inEnglish<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.request({ method: 'PUT', url: '/api/auth/preferences', payload: { locale: 'en-US' } });
  try {
    return await fn();
  } finally {
    await client.request({ method: 'PUT', url: '/api/auth/preferences', payload: { locale: 'zh-CN' } });
  }
}

async function createHandler(username: string, unitId: string) {
  const r = await w.admin.post('/api/users', {
    username,
    displayName: `${username} 办件员`,
    password: 'yiwang2026demo',
    roles: ['handler'],
    scopeRegionCode: '320281',
    unitId,
  });
  expect(r.statusCode, r.body).toBe(201);
  return w.t.login(username, 'yiwang2026demo');
}

describe('who sees which cases', () => {
  it('a case in another town is not found by the town operator', async () => {
    const intake = await reportOk(w.cityOperator, {
      matterCode: 'CG-0104',
      description: '另一个镇的路灯不亮',
      point: at(otherTownGrid.point),
      formAnswers: { hazard: 'none' },
    });
    const code = intake.case.code;
    expect(intake.case.commandUnit.code).toBe('320281004-CC');
    expect((await w.operator.get(`/api/cases/${code}`)).statusCode).toBe(404);
    expect((await command(w.operator, code, { type: 'register' })).statusCode).toBe(404);
    const list = (await w.operator.get('/api/cases?limit=500')).json();
    expect(list.items.map((c: { code: string }) => c.code)).not.toContain(code);
    expect((await w.cityOperator.get(`/api/cases/${code}`)).statusCode).toBe(200);
    // The workstation of 文定社区 and its grid worker do not see it either.
    expect((await w.workstation.get(`/api/cases/${code}`)).statusCode).toBe(404);
    expect((await w.gridworker.get(`/api/cases/${code}`)).statusCode).toBe(404);
  });

  it('a department handler sees only its unit’s cases, and its inbox only what it must handle', async () => {
    const assigned = await acceptedByUrban();
    const notYet = await registeredCoverCase();
    const all = (await w.handler.get('/api/cases?limit=500')).json();
    const codes = all.items.map((c: { code: string }) => c.code);
    expect(codes).toContain(assigned);
    expect(codes).not.toContain(notYet);
    expect((await w.handler.get(`/api/cases/${notYet}`)).statusCode).toBe(404);
    const inbox = (await w.handler.get('/api/cases?inbox=unit&limit=500')).json();
    expect(inbox.items.every((c: { assignedUnit: { id: string } | null }) => c.assignedUnit?.id === urban)).toBe(true);
    expect(inbox.items.map((c: { code: string }) => c.code)).toContain(assigned);
  });

  it('residents see the cases they reported, and nobody else’s', async () => {
    const mine = await reportOk(w.resident, {
      matterCode: 'CG-0302',
      description: '垃圾桶满了',
      point: nextPoint(otherGrid),
    });
    const theirs = await registeredCoverCase(w.gridworker);
    const list = (await w.resident.get('/api/residents/me/reports?limit=100')).json();
    const codes = list.items.map((c: { code: string }) => c.code);
    expect(codes).toContain(mine.case.code);
    expect(codes).not.toContain(theirs);
    // The desk's lists and case page are not for residents (a merged report must not open the case).
    expect((await w.resident.get('/api/cases?limit=500')).statusCode).toBe(403);
    expect((await w.resident.get(`/api/cases/${theirs}`)).statusCode).toBe(403);
    expect((await w.resident.get(`/api/cases/${mine.case.code}`)).statusCode).toBe(403);
    expect(mine.duplicateSuggestions).toEqual([]);
  });

  it('filters by state, level, grid, matter, time state and text', async () => {
    const code = await registeredCoverCase();
    const q = (query: string) =>
      w.operator.get(`/api/cases?${query}&limit=500`).then((r) => r.json().items.map((c: { code: string }) => c.code));
    expect(await q('state=registered&level=town')).toContain(code);
    expect(await q('state=reported')).not.toContain(code);
    expect(await q(`gridCode=${workerGrid.code}`)).toContain(code);
    expect(await q(`gridCode=${otherGrid.code}`)).not.toContain(code);
    expect(await q('gridCode=32028100100100')).toContain(code); // the community's level-2 grid
    expect(await q(`regionCode=${DEMO_COMMUNITY}`)).toContain(code);
    expect(await q('matterCode=CG-0101')).toContain(code);
    expect(await q('matterCode=CG-0102')).not.toContain(code);
    expect(await q('timeState=normal')).toContain(code);
    expect(await q('timeState=overdue')).not.toContain(code);
    expect(await q(`q=${encodeURIComponent('井盖缺失')}`)).toContain(code);
    expect(await q(`q=${code.toLowerCase()}`)).toContain(code);
    expect(await q('state=registered&state=dispatched')).toContain(code);
  });
});

describe('routing (六定)', () => {
  it('goes to the grid-worker post of the rule, and to the backup (B) while the holder (A) is away', async () => {
    const intake = await reportOk(w.workstation, {
      matterCode: 'CG-0302',
      description: '垃圾满溢',
      point: nextPoint(),
    });
    const code = intake.case.code;
    expect(intake.case.commandUnit.code).toBe(`${DEMO_COMMUNITY}-WS`);
    const routing = (await w.workstation.get(`/api/cases/${code}/routing`)).json();
    expect(routing).toMatchObject({ ok: true, via: 'rule', ruleCode: 'R0001', person: { displayName: '网格员王芳' } });
    expect(routing.reason).toContain('A 岗');
    // People read the post, grid and matter by name: no post id, no grid code.
    expect(routing.reason).toContain(`岗位 ${intake.case.gridName}网格员 由 A 岗承办`);
    expect(routing.reason).toContain(`网格 ${intake.case.gridName}`);
    expect(routing.reason).toContain('事项 垃圾满溢');
    expect(routing.reason).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|\d{14}/);

    const me = w.gridworker.session.user.id;
    const absent = await w.workstation.post('/api/staffing/absences', {
      userId: me,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      reason: '年休假',
    });
    expect(absent.statusCode, absent.body).toBe(201);
    const backup = (await w.workstation.get(`/api/cases/${code}/routing`)).json();
    expect(backup.person.id).not.toBe(me);
    expect(backup.reason).toContain('B 岗');
    await w.workstation.delete(`/api/staffing/absences/${absent.json().id}`);
  });

  it('falls back to the command center of the level when no rule matches', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'QT-0205',
      description: '其他问题咨询',
      point: nextPoint(),
    });
    await w.t.database.db.execute(sql`UPDATE routing_rules SET active = false WHERE matter_code = 'QT-0205'`);
    const routing = (await w.operator.get(`/api/cases/${intake.case.code}/routing`)).json();
    expect(routing).toMatchObject({ ok: true, via: 'fallback', unit: { code: '320281001-CC' }, ruleCode: null });
    expect(routing.reason).toContain('（澄江街道）');
    expect(routing.reason).not.toContain('QT-0205');
    const en = await inEnglish(w.operator, () => w.operator.get(`/api/cases/${intake.case.code}/routing`));
    expect(en.json().reason).toContain('No dispatch rule matched');
    expect(en.json().reason).not.toMatch(/region \d+/);
  });

  it('lists the dispatch rules in order', async () => {
    const rules = (await w.operator.get('/api/cases/routing-rules')).json();
    expect(rules.items[0]).toMatchObject({ code: 'R0001', place: { gridCode: workerGrid.code } });
    // Named for people: the grid, the post (grid + role); the codes stay beside them.
    const [first] = rules.items;
    expect(first.placeName).toMatch(/网格$/);
    expect(first.postName).toBe(`${first.placeName}网格员`);
    const byRegion = rules.items.find(
      (r: { place: unknown }) => typeof r.place === 'object' && 'regionCode' in (r.place as object),
    );
    expect(byRegion?.placeName).toBeTruthy();
    expect(byRegion?.placeName).not.toMatch(/^\d+$/);
    expect(rules.total).toBeGreaterThan(100);
    expect((await w.handler.get('/api/cases/routing-rules')).statusCode).toBe(403);
  });
});
