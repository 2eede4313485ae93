import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db/client.js';
import { createTestApp } from '../../test/app.js';
import { recordAudits } from '../audit/index.js';
import type { Position } from '../grids/geometry/index.js';
import { casesRepository } from './cases.repository.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  detail,
  report,
  reportOk,
} from './cases.test-helpers.js';
import { addWorkingDays } from './domain/work-calendar.js';
import { prepareIntake, type ReportCaseOutcome, reportCase } from './use-cases/report-case.js';
import { runCaseCommand } from './use-cases/run-case-command.js';
import { intakeBatcherOf } from './use-cases/write-intakes.js';

let w: CaseWorld;
let workerGrid: { code: string; point: Position };
let otherGrid: { code: string; point: Position };

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [workerGrid, otherGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof workerGrid, typeof otherGrid];
});
afterAll(() => w.t.close());

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

describe('intake from the desk, the resident portal and the worker app', () => {
  it('records the channel of each report and who entered it', async () => {
    const desk = await reportOk(w.operator, {
      matterCode: 'CG-0104',
      description: '来电：路灯不亮',
      point: at(workerGrid.point, -300, 300),
      reporter: { name: '王女士', phone: '138 1234 5678' },
      formAnswers: { hazard: 'none', lamp_count: '2' },
    });
    expect(desk.case.channel).toBe('desk');
    const worker = await reportOk(w.gridworker, {
      matterCode: 'CG-0501',
      description: '电线杆上小广告',
      point: at(workerGrid.point, 300, -300),
    });
    expect(worker.case).toMatchObject({
      channel: 'worker',
      level: 'community',
      commandUnit: { code: `${DEMO_COMMUNITY}-WS` },
    });
    const resident = await reportOk(w.resident, {
      matterCode: 'CG-0502',
      description: '墙上乱涂乱画',
      point: at(otherGrid.point),
    });
    expect(resident.case.channel).toBe('resident');
    // A resident cannot pretend to be the desk.
    const pretend = await report(w.resident, {
      matterCode: 'CG-0502',
      description: 'x',
      point: at(otherGrid.point),
      channel: 'desk',
    });
    expect(pretend.statusCode).toBe(400);

    const d = await detail(w.operator, desk.case.code);
    // The answer is built before writing (one statement writes the case); it must be what the database holds.
    expect(desk.case).toEqual(d.case);
    expect(d.reports[0]).toMatchObject({
      channel: 'desk',
      reporterName: '王女士',
      reporterPhone: '138****5678',
      formAnswers: { hazard: 'none', lamp_count: 2 },
    });
  });

  it('checks the matter and its form answers', async () => {
    const unknown = await report(w.operator, { matterCode: 'CG-9999', description: 'x', point: at(workerGrid.point) });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('invalid-reference');
    const missing = await report(w.operator, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: at(workerGrid.point, 200, 200),
      formAnswers: { cover_type: 'nonsense', extra_field: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    const fields = missing.json().error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'formAnswers.hazard:required',
        'formAnswers.cover_type:enum',
        'formAnswers.extra_field:additionalProperties',
      ]),
    );
    const nowhere = await report(w.operator, { matterCode: 'CG-0302', description: '没有位置' });
    expect(nowhere.statusCode).toBe(400);
  });

  it('answers a point outside the county with a clear 400 and stores nothing', async () => {
    const before = (await w.admin.get('/api/cases?limit=1')).json().total;
    const r = await report(w.operator, {
      matterCode: 'CG-0302',
      description: '北京天安门',
      point: { lon: 116.397, lat: 39.909, crs: 'WGS84' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('outside-county');
    expect((await w.admin.get('/api/cases?limit=1')).json().total).toBe(before);
  });

  it('takes a report by address only; the operator places it on the map before registering it', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0201',
      description: '来电：某小区门口路面坑洼',
      address: '澄江街道文定路18号',
      formAnswers: { hazard: 'risk' },
    });
    expect(intake.case).toMatchObject({
      state: 'reported',
      gridCode: null,
      location: null,
      regionCode: '320281001',
      address: '澄江街道文定路18号',
      commandUnit: { code: '320281001-CC' },
    });
    const code = intake.case.code;
    const early = await w.operator.post(`/api/cases/${code}/commands`, { type: 'register' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('case-not-located');
    const placed = await w.operator.post(`/api/cases/${code}/location`, { point: at(otherGrid.point, 40, 0) });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json()).toMatchObject({ gridCode: otherGrid.code, regionCode: DEMO_COMMUNITY });
    expect(await commandOk(w.operator, code, { type: 'register' })).toBe('registered');
    expect((await detail(w.gridworker, code)).timeline.map((e) => e.type)).toEqual([
      'reported',
      'located',
      'registered',
    ]);
  });

  it('a community-level matter reported by address at the town goes to the town until it is placed', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0302',
      description: '来电：垃圾桶满溢',
      address: '文定社区某小区',
    });
    expect(intake.case).toMatchObject({ level: 'town', commandUnit: { code: '320281001-CC' } });
    const placed = await w.operator.post(`/api/cases/${intake.case.code}/location`, {
      point: at(otherGrid.point, -40, 40),
    });
    expect(placed.json()).toMatchObject({ level: 'community', commandUnit: { code: `${DEMO_COMMUNITY}-WS` } });
  });
});

describe('reporters’ identities', () => {
  it('masks phone numbers, hides anonymous reporters from handlers, and reveals a number only for a stated, audited purpose', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0101',
      description: '来电：井盖缺失',
      point: at(workerGrid.point, 120, -220),
      reporter: { name: '李先生', phone: '13912345678', anonymous: true },
      formAnswers: { hazard: 'risk' },
    });
    const code = intake.case.code;
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
    const desk = (await detail(w.operator, code)).reports[0];
    expect(desk).toMatchObject({ reporterName: '李先生', reporterPhone: '139****5678', anonymous: true });
    const handler = (await detail(w.handler, code)).reports[0];
    expect(handler).toMatchObject({ reporterName: null, reporterPhone: null, anonymous: true });
    const handlerView = JSON.stringify(await detail(w.handler, code));
    expect(handlerView).not.toContain('13912345678');
    expect(handlerView).not.toContain('李先生');

    const reportId = desk?.id as string;
    const url = `/api/cases/${code}/reports/${reportId}/reveal-phone`;
    expect((await w.handler.post(url, { purpose: '回访' })).statusCode).toBe(403);
    const revealed = await w.operator.post(url, { purpose: '回访核实办理结果' });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ phone: '13912345678' });
    const audit = (await w.admin.get(`/api/audit?action=case.reporter-phone.reveal&objectId=${reportId}`)).json();
    expect(audit.items[0].details).toEqual({ case: code, purpose: '回访核实办理结果' });
  });
});

describe('duplicates (并单)', () => {
  it('two reports of the same matter 30 m and 2 h apart end as one case with two reporters', async () => {
    const first = await reportCase(
      w.deps,
      { actor: null, requestId: 'test' },
      {
        channel: 'resident',
        matterCode: 'CG-0704',
        description: '小区门口有车乱停，挡住消防通道',
        point: { ...at(otherGrid.point, 150, 150) },
        reporter: { userId: w.resident.session.user.id, name: '居民李明', phone: null, anonymous: false },
        fallbackRegionCode: DEMO_COMMUNITY,
        photoScopePath: `320281/320281001/${DEMO_COMMUNITY}`,
        reporterScopePath: '320281',
      },
      { now: hoursAgo(2), showSuggestions: false },
    );
    expect(first.value.outcome).toBe('created');
    const second = await report(w.gridworker, {
      matterCode: 'CG-0704',
      description: '消防通道被占用',
      point: at(otherGrid.point, 150 + 30, 150),
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      outcome: 'merged',
      case: { code: first.value.case.code, supporterCount: 1 },
    });
    const d = await detail(w.operator, first.value.case.code);
    expect(d.reports).toHaveLength(2);
    expect(d.reports.map((r) => r.channel)).toEqual(['resident', 'worker']);
    expect(d.reports.map((r) => r.reporterName)).toEqual(['居民李明', '网格员王芳']);
    const merged = d.timeline.find((e) => e.type === 'report_merged');
    expect(merged?.details).toMatchObject({ channel: 'worker', automatic: true });
    const { distanceMeters, hoursApart } = (merged?.details ?? {}) as { distanceMeters: number; hoursApart: number };
    expect(distanceMeters).toBeCloseTo(30, 0);
    expect(hoursApart).toBeCloseTo(2, 1);
    // Both reporters follow the case.
    const followed = (await w.resident.get('/api/residents/me/reports?limit=100')).json();
    expect(followed.items.map((i: { code: string }) => i.code)).toContain(first.value.case.code);
    expect((await detail(w.gridworker, first.value.case.code)).reports.filter((r) => r.mine)).toHaveLength(1);
  });

  it('a possible duplicate is suggested; the operator merges it, or keeps two cases apart', async () => {
    const first = await reportOk(w.operator, {
      matterCode: 'CG-0306',
      description: '路边有动物尸体',
      point: at(workerGrid.point, -150, -150),
    });
    // 40 m away: within the matter's 50 m radius but beyond the confident 30 m.
    const second = await reportOk(w.operator, {
      matterCode: 'CG-0306',
      description: '死猫',
      point: at(workerGrid.point, -150 + 40, -150),
    });
    expect(second.outcome).toBe('created');
    expect(second.duplicateSuggestions).toMatchObject([{ caseCode: first.case.code, confidence: 'possible' }]);
    const seen = await detail(w.workstation, second.case.code);
    expect(seen.duplicateSuggestions.map((s) => s.caseCode)).toEqual([first.case.code]);
    // Residents get no suggestions (other people's cases are not theirs to see).
    const third = await reportOk(w.resident, {
      matterCode: 'CG-0306',
      description: '又看到死猫',
      point: at(workerGrid.point, -150 - 40, -150),
    });
    expect(third.duplicateSuggestions).toEqual([]);

    // Community-level matter: the workstation is the command unit that merges.
    const merged = await w.workstation.post(`/api/cases/${second.case.code}/merge`, { intoCaseCode: first.case.code });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ code: first.case.code, supporterCount: 1 });
    const voided = await detail(w.workstation, second.case.code);
    expect(voided.case.state).toBe('voided');
    expect(voided.workflow.duplicateOfCaseId).not.toBeNull();
    expect((await detail(w.workstation, first.case.code)).reports).toHaveLength(2);

    const apart = await w.workstation.post(`/api/cases/${third.case.code}/keep-apart`, { caseCode: first.case.code });
    expect(apart.statusCode).toBe(204);
    expect((await detail(w.workstation, third.case.code)).duplicateSuggestions).toEqual([]);
    expect((await detail(w.workstation, first.case.code)).duplicateSuggestions).toEqual([]);
  });

  it('two reports arriving at the same moment still end as one case (intake is serialized near a point)', async () => {
    const point = at(otherGrid.point, 220, 220);
    const [a, b] = await Promise.all([
      report(w.gridworker, { matterCode: 'CG-0303', description: '渣土堆积', point }),
      report(w.operator, { matterCode: 'CG-0303', description: '路边渣土', point: at(otherGrid.point, 225, 220) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().case.code).toBe(b.json().case.code);
    expect((await detail(w.operator, a.json().case.code)).reports).toHaveLength(2);
  });

  it('does not merge across matters or beyond the window', async () => {
    const point = at(otherGrid.point, -200, 100);
    const old = await reportCase(
      w.deps,
      { actor: null, requestId: 'test' },
      {
        channel: 'desk',
        matterCode: 'CG-0703',
        description: '流动摊贩',
        point,
        reporter: { userId: null, name: null, phone: null, anonymous: false },
        fallbackRegionCode: DEMO_COMMUNITY,
        photoScopePath: '320281',
        reporterScopePath: '320281',
      },
      { now: hoursAgo(13), showSuggestions: true },
    );
    const later = await reportOk(w.operator, { matterCode: 'CG-0703', description: '流动摊贩', point });
    expect(later.outcome).toBe('created'); // the matter's window is 12 h
    expect(later.case.code).not.toBe(old.value.case.code);
  });

  it('searches a batch’s duplicates through the spatial index of open cases, not by category and time', async () => {
    // The B-tree this replaced (category, time, lon, lat) read every open case of the category
    // in the window: a search cost what the county had reported, and intake slowed as it grew.
    const { lon, lat } = at(workerGrid.point, 120, -80);
    const { statement } = casesRepository.duplicateCandidatesOfEach([
      {
        categories: ['urban_management'],
        since: hoursAgo(72),
        box: { minLon: lon - 0.001, minLat: lat - 0.001, maxLon: lon + 0.001, maxLat: lat + 0.001 },
      },
    ]);
    const plan = await w.t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN ${statement}`);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan using cases_duplicates_idx[^\n]*\n\s+Index Cond: \(point\(lon, lat\) <@ box/);
  });
});

describe('Idempotency-Key', () => {
  it('same key and body: the first answer, nothing created; same key, other body: 422', async () => {
    const body = { matterCode: 'CG-0309', description: '垃圾混投', point: at(otherGrid.point, 200, -200) };
    const headers = { 'idempotency-key': 'worker-app-7f3a-0001' };
    const first = await report(w.gridworker, body, headers);
    expect(first.statusCode).toBe(201);
    const total = (await w.admin.get('/api/cases?limit=1')).json().total;
    const again = await report(w.gridworker, body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await w.admin.get('/api/cases?limit=1')).json().total).toBe(total);
    expect((await detail(w.operator, first.json().case.code)).reports).toHaveLength(1);

    const other = await report(w.gridworker, { ...body, description: '另一件事' }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency-key-reused');
    // A retry racing the original: one case, one answer.
    const raceBody = { ...body, matterCode: 'CG-0310', description: '焚烧垃圾' };
    const raceHeaders = { 'idempotency-key': 'worker-app-7f3a-0002' };
    const [r1, r2] = await Promise.all([
      report(w.gridworker, raceBody, raceHeaders),
      report(w.gridworker, raceBody, raceHeaders),
    ]);
    expect(r1.json()).toEqual(r2.json());
    expect([r1.headers['idempotent-replayed'], r2.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    // Keys belong to their caller.
    expect((await report(w.operator, body, headers)).statusCode).toBe(200); // merged into the first case
  });
});

describe('time limits on the work calendar', () => {
  it('3 working days from 2026-09-30 end on Saturday 2026-10-10 17:30, the make-up workday after National Day', async () => {
    const [operator] = await queryRows<{ id: string; unit_id: string | null }>(
      w.t.database.db,
      sql`SELECT id, unit_id FROM users WHERE username = 'operator'`,
    );
    const actor = {
      kind: 'user' as const,
      id: operator?.id as string,
      label: 'operator',
      roles: ['operator' as const],
      scopeRegionCode: '320281001',
      scopePath: '320281/320281001',
      unitId: operator?.unit_id ?? null,
      locale: 'zh-CN' as const,
      sessionId: null,
      csrfToken: null,
      totpEnrollmentRequired: false,
    };
    const start = new Date('2026-09-30T02:00:00Z'); // Wednesday 10:00 China time
    const intake = await reportCase(
      w.deps,
      { actor: null, requestId: 'test' },
      {
        channel: 'desk',
        matterCode: 'QT-0205', // 其他事项: a help request, 3 working days
        description: '咨询事项',
        point: at(workerGrid.point, 260, 0),
        reporter: { userId: null, name: '来访群众', phone: null, anonymous: false },
        fallbackRegionCode: '320281001',
        photoScopePath: actor.scopePath,
        reporterScopePath: actor.scopePath,
      },
      { now: new Date(start.getTime() - 30 * 60_000), showSuggestions: true },
    );
    const code = intake.value.case.code;
    const context = { actor: { id: actor.id, label: actor.label }, requestId: 'test' };
    await runCaseCommand(w.deps, actor, context, { code, command: { type: 'register' }, now: start });
    const dispatched = await runCaseCommand(w.deps, actor, context, {
      code,
      command: { type: 'dispatch', unitId: w.unitId('320281-petition') },
      now: start,
    });
    expect(dispatched.case.stageDueAt).toBe('2026-10-10T09:30:00.000Z');
    expect(dispatched.case.stageDueAt).toBe(addWorkingDays(start, 3).toISOString());
    expect((await detail(w.operator, code)).case).toMatchObject({
      stage: 'handle',
      stageDueAt: '2026-10-10T09:30:00.000Z',
      handleDueAt: '2026-10-10T09:30:00.000Z',
    });
  });

  it('a case keeps the rules of the matter version it was opened under', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0105',
      description: '灯杆倾斜',
      point: at(otherGrid.point, 0, -120),
      formAnswers: { hazard: 'risk' },
    });
    const changed = await w.admin.patch('/api/catalog/matters/CG-0105', {
      timeLimits: { registerHours: 1, dispatchHours: 1, handle: { unit: 'working_hours', amount: 3 }, verifyHours: 2 },
      reason: '缩短时限',
    });
    expect(changed.json().matter.version).toBe(2);
    const code = intake.case.code;
    await commandOk(w.operator, code, { type: 'register' });
    const r = await w.operator.post(`/api/cases/${code}/commands`, {
      type: 'dispatch',
      unitId: w.unitId('320281-urban'),
    });
    const c = r.json().case;
    expect(c.matter.version).toBe(1);
    // Version 1: two working days, i.e. 17:30 China time on a workday.
    expect(new Date(c.handleDueAt).getUTCHours() * 60 + new Date(c.handleDueAt).getUTCMinutes()).toBe(9 * 60 + 30);
    // A new report of the matter runs under version 2.
    const fresh = await reportOk(w.operator, {
      matterCode: 'CG-0105',
      description: '另一根灯杆倾斜',
      point: at(workerGrid.point, 0, 350),
      formAnswers: { hazard: 'risk' },
    });
    expect(fresh.case.matter.version).toBe(2);
  });
});

describe('intakes written together (group commit)', () => {
  /** Dependencies of their own, so their batcher writes one batch at a time and the rest queue behind it. */
  const batchedDeps = () => {
    const deps = { ...w.deps, auditAll: recordAudits };
    intakeBatcherOf(deps, { maxInFlight: 1 });
    return deps;
  };
  const input = (matterCode: string, description: string, point: ReturnType<typeof at>, photoIds: string[] = []) => ({
    channel: 'desk' as const,
    matterCode,
    description,
    point,
    reporter: { userId: null, name: '测试', phone: '13800000000', anonymous: false },
    photoIds,
    fallbackRegionCode: DEMO_COMMUNITY,
    photoScopePath: '320281',
    reporterScopePath: '320281',
  });
  const auditRowsOf = async (codes: string[]) =>
    (
      await queryRows<{ object_id: string; lane: number; lane_seq: string | number }>(
        w.t.database.db,
        sql`SELECT object_id, lane, lane_seq FROM audit_log WHERE object_id IN ${codes} ORDER BY lane, lane_seq`,
      )
    ).map((r) => ({ code: r.object_id, lane: r.lane, seq: Number(r.lane_seq) }));

  /** A batcher of its own, and intakes prepared a millisecond apart, as reports come. */
  const timedBatch = (requestId: string) => {
    const deps = batchedDeps();
    const context = { actor: null, requestId };
    const start = Date.now();
    const prepare = (job: ReturnType<typeof input>, i: number) =>
      prepareIntake(deps, context, job, { now: new Date(start + i), showSuggestions: false });
    return { batcher: intakeBatcherOf(deps), prepare };
  };

  it('answers each intake of a batch as if it came alone: new cases, a duplicate joining its batch-mate, a replayed key', async () => {
    const deps = batchedDeps();
    const context = { actor: null, requestId: 'batch-test' };
    const now = new Date();
    const key = { actorId: 'batch-test', key: 'batch-key-1', requestHash: 'h1' };
    const jobs = [
      input('CG-0501', '批次一：垃圾满溢', at(workerGrid.point, -150, -150)),
      input('CG-0502', '批次二：道路积水', at(workerGrid.point, 150, -150)),
      input('CG-0303', '批次三：渣土堆积', at(workerGrid.point, -150, 150)),
      // The same matter 4 m from the third: the same problem.
      input('CG-0303', '批次四：还是那堆渣土', at(workerGrid.point, -146, 150)),
      input('CG-0703', '批次五：井盖缺失', at(otherGrid.point, 150, 150)),
    ];
    // Prepared first, then handed over in one go: the first is written alone, the others queue
    // behind it and share the next batch.
    const prepared = await Promise.all([
      ...jobs.map((job, i) =>
        prepareIntake(deps, context, job, { now, showSuggestions: true, ...(i === 1 ? { idempotency: key } : {}) }),
      ),
      prepareIntake(deps, context, jobs[1] as (typeof jobs)[1], { now, showSuggestions: true, idempotency: key }),
    ]);
    const batcher = intakeBatcherOf(deps);
    const outcomes = await Promise.all(prepared.map((job) => batcher.submit(job)));
    const [one, two, three, four, five, twoAgain] = outcomes as [
      ReportCaseOutcome,
      ReportCaseOutcome,
      ReportCaseOutcome,
      ReportCaseOutcome,
      ReportCaseOutcome,
      ReportCaseOutcome,
    ];
    expect([one, two, three, five].map((o) => o.value.outcome)).toEqual(['created', 'created', 'created', 'created']);
    expect(new Set([one, two, three, five].map((o) => o.value.case.code)).size).toBe(4);
    expect(four.value).toMatchObject({ outcome: 'merged', case: { code: three.value.case.code, supporterCount: 1 } });
    expect(twoAgain).toMatchObject({ replayed: true, value: two.value });
    // Each answer is what the database holds (the third has since been joined by the fourth).
    for (const o of [one, two, five]) {
      const d = await detail(w.operator, o.value.case.code);
      expect(d.case).toEqual(o.value.case);
      expect(d.timeline.map((e: { type: string }) => e.type)).toContain('reported');
    }
    expect((await detail(w.operator, three.value.case.code)).reports).toHaveLength(2);
    // A batch's audit rows follow each other on one lane; the chain still verifies.
    const rows = await auditRowsOf([two, three, five].map((o) => o.value.case.code));
    expect(rows).toHaveLength(4);
    const lanes = new Set(rows.map((r) => r.lane));
    expect(lanes.size).toBe(1);
    expect(rows.map((r) => r.seq - (rows[0]?.seq ?? 0))).toEqual([0, 1, 2, 3]);
    expect((await w.admin.post('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('two reports of one batch join a case written before it: each answer counts its own supporter', async () => {
    // A millisecond apart, as reports come: the case's reports read in that order.
    const { batcher, prepare } = timedBatch('batch-test-3');
    const first = await batcher.submit(
      await prepare(input('CG-0309', '先报：垃圾混投', at(otherGrid.point, -200, -200)), 0),
    );
    expect(first.value.outcome).toBe('created');
    // A report elsewhere is written alone; the two that queue behind it share the next batch.
    const prepared = await Promise.all(
      [
        input('CG-0502', '别处：乱堆物料', at(workerGrid.point, 200, 200)),
        input('CG-0309', '又报：垃圾混投', at(otherGrid.point, -197, -200)),
        input('CG-0309', '再报：还是垃圾混投', at(otherGrid.point, -200, -197)),
      ].map((job, i) => prepare(job, i + 1)),
    );
    const [, again, third] = await Promise.all(prepared.map((job) => batcher.submit(job)));
    const code = first.value.case.code;
    expect(again?.value).toMatchObject({ outcome: 'merged', case: { code, supporterCount: 1 } });
    expect(third?.value).toMatchObject({ outcome: 'merged', case: { code, supporterCount: 2 } });
    const d = await detail(w.operator, code);
    // The last answer is the case as stored: count, version and time of the last change.
    expect(d.case).toEqual(third?.value.case);
    expect(d.case.version).toBe(first.value.case.version + 2);
    expect(d.reports.map((r: { description: string }) => r.description)).toEqual([
      '先报：垃圾混投',
      '又报：垃圾混投',
      '再报：还是垃圾混投',
    ]);
    expect(
      d.timeline
        .filter((e: { type: string }) => e.type === 'report_merged')
        .map((e) => (e.details as { supporterCount: number }).supporterCount),
    ).toEqual([1, 2]);
    expect((await w.admin.post('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  /** The texts one connection sends for the next batch it begins, up to its COMMIT (on PGlite: none). */
  const batchTrips = () => {
    const byClient = new Map<pg.Client, string[]>();
    const original = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string };
      const text = typeof config === 'string' ? config : config.text;
      const texts = byClient.get(this) ?? [];
      byClient.set(this, [...texts, text]);
      return original.apply(this, args as never);
    });
    return () => {
      vi.restoreAllMocks();
      const texts = [...byClient.values()].find((t) => t.some((text) => text.includes('intake_begin'))) ?? [];
      const from = texts.findIndex((text) => text.includes('intake_begin'));
      const to = texts.findIndex((text, i) => i >= from && /commit$/i.test(text));
      return texts.slice(from, to + 1);
    };
  };

  it('writes a batch in two round trips, three when its reports join a case written before it', async () => {
    const { batcher, prepare } = timedBatch('batch-trips');
    const onServer = w.t.database.kind === 'postgres';

    let trips = batchTrips();
    const first = await batcher.submit(
      await prepare(input('CG-0501', '两趟：占道经营', at(workerGrid.point, 260, -260)), 0),
    );
    const alone = trips();
    if (onServer) {
      expect(alone).toHaveLength(2);
      // A connection that has not run a statement yet sends its PREPARE in the same trip (the `s` flag: the
      // prepared texts span lines).
      expect(alone[0]).toMatch(
        /^BEGIN; .*EXECUTE yw_intake_begin_.*; EXECUTE yw_duplicate_search_.*; EXECUTE yw_audit_lane_/s,
      );
      expect(alone[1]).toMatch(/^(PREPARE .*)?EXECUTE yw_intake_write_.*; EXECUTE yw_audit_append_.*; commit$/s);
    }
    trips = batchTrips();
    const joining = await batcher.submit(
      await prepare(input('CG-0501', '三趟：还是占道经营', at(workerGrid.point, 262, -260)), 1),
    );
    const joined = trips();
    if (onServer) {
      expect(joined).toHaveLength(3);
      expect(joined[1]).toMatch(/for update of "cases" nowait/i);
    }
    expect(joining.value).toMatchObject({
      outcome: 'merged',
      case: { code: first.value.case.code, supporterCount: 1 },
    });
    const rows = await auditRowsOf([first.value.case.code]);
    expect(rows.map((r) => r.seq - (rows[0]?.seq ?? 0))).toEqual([0, 1]);
    expect((await w.admin.post('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('a batch of replays only gives back the audit places it took: the lane goes on without a gap', async () => {
    const deps = batchedDeps();
    const context = { actor: null, requestId: 'batch-replays' };
    const key = { actorId: 'batch-replays', key: 'replay-key-1', requestHash: 'h-replay' };
    const job = input('CG-0502', '重放：乱堆物料', at(otherGrid.point, 260, 260));
    const now = new Date();
    const batcher = intakeBatcherOf(deps);
    const first = await batcher.submit(
      await prepareIntake(deps, context, job, { now, showSuggestions: false, idempotency: key }),
    );
    const replays = await Promise.all(
      [1, 2].map(async () =>
        batcher.submit(await prepareIntake(deps, context, job, { now, showSuggestions: false, idempotency: key })),
      ),
    );
    expect(replays.map((r) => r.replayed)).toEqual([true, true]);
    const next = await batcher.submit(
      await prepareIntake(deps, context, input('CG-0502', '重放之后：乱堆物料', at(otherGrid.point, -260, 260)), {
        now,
        showSuggestions: false,
      }),
    );
    expect(next.value.outcome).toBe('created');
    // Whatever lanes they took, every lane's rows still follow each other: the verifier finds no gap.
    expect((await w.admin.post('/api/audit/verify')).json()).toMatchObject({ ok: true });
    expect(await auditRowsOf([first.value.case.code])).toHaveLength(1);
  });

  // Another transaction holding a case needs a second connection: PGlite has one.
  if (process.env.TEST_DATABASE_URL) {
    it('joins a case another transaction holds: without waiting while it holds a lane, then with the lane taken last', async () => {
      const { batcher, prepare } = timedBatch('batch-held');
      const first = await batcher.submit(
        await prepare(input('CG-0309', '被占：垃圾混投', at(otherGrid.point, 280, -280)), 0),
      );
      const code = first.value.case.code;
      let held!: () => void;
      let release!: () => void;
      const holding = new Promise<void>((resolve) => {
        held = resolve;
      });
      const holder = w.t.database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT id FROM cases WHERE code = ${code} FOR UPDATE`);
        held();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      await holding;
      const trips = batchTrips();
      let settled = false;
      const joining = batcher
        .submit(await prepare(input('CG-0309', '又报：被占的垃圾混投', at(otherGrid.point, 282, -280)), 1))
        .finally(() => {
          settled = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      release();
      await holder;
      expect((await joining).value).toMatchObject({ outcome: 'merged', case: { code, supporterCount: 1 } });
      const texts = trips();
      expect(texts.some((text) => /for update of "cases" nowait/i.test(text))).toBe(true);
      expect(texts.some((text) => /for update of "cases"$/i.test(text))).toBe(true);
      expect((await w.admin.post('/api/audit/verify')).json()).toMatchObject({ ok: true });
    });
  }

  it('a batch the database refuses at its COMMIT is written again one by one: two reports of one work order', async () => {
    const deps = batchedDeps();
    const context = { actor: null, requestId: 'batch-commit-refused' };
    const now = new Date();
    const batcher = intakeBatcherOf(deps);
    const order = (point: ReturnType<typeof at>) => ({
      ...input('CG-0309', '工单：垃圾混投', point),
      externalId: 'WO-COMMIT-1',
    });
    // The second delivery of the work order placed elsewhere, so that no cell lock holds it back from the batch.
    const prepared = await Promise.all(
      [
        input('CG-0703', '先行：井盖缺失', at(workerGrid.point, 0, -60)),
        order(at(workerGrid.point, 60, 60)),
        order(at(otherGrid.point, 60, 60)),
      ].map((job) => prepareIntake(deps, context, job, { now, showSuggestions: false })),
    );
    // The first is written alone; the same work order twice shares the next batch: its rows go
    // with the COMMIT, whose unique index refuses the second. Nothing of the batch was stored,
    // so each is written again alone.
    const [other, first, again] = await Promise.all(prepared.map((job) => batcher.submit(job)));
    expect(other?.value.outcome).toBe('created');
    expect(first?.value.outcome).toBe('created');
    expect(again).toMatchObject({
      kind: 'existing',
      replayed: true,
      value: { case: { code: first?.value.case.code } },
    });
    const stored = await queryRows<{ n: number }>(
      w.t.database.db,
      sql`SELECT count(*)::int AS n FROM case_reports WHERE external_id = 'WO-COMMIT-1'`,
    );
    expect(stored[0]?.n).toBe(1);
    expect((await w.admin.post('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('one bad intake fails alone: the rest of its batch is written, nothing of it is', async () => {
    const deps = batchedDeps();
    const context = { actor: null, requestId: 'batch-test-2' };
    const now = new Date();
    const prepared = await Promise.all(
      [
        input('CG-0501', '批次甲：占道经营', at(otherGrid.point, -120, -60)),
        input('CG-0502', '批次乙：乱堆物料', at(otherGrid.point, 60, -120)),
        input('CG-0310', '批次丙：照片不存在', at(otherGrid.point, -60, 120), ['00000000-0000-4000-8000-000000000000']),
        input('CG-0309', '批次丁：垃圾混投', at(otherGrid.point, 120, 60)),
      ].map((job) => prepareIntake(deps, context, job, { now, showSuggestions: false })),
    );
    const batcher = intakeBatcherOf(deps);
    const results = await Promise.allSettled(prepared.map((job) => batcher.submit(job)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'invalid-reference' });
    const stored = await queryRows<{ description: string }>(
      w.t.database.db,
      sql`SELECT description FROM cases WHERE description LIKE '批次%' AND description NOT LIKE '批次_：%渣土%' ORDER BY description`,
    );
    expect(stored.map((r) => r.description)).not.toContain('批次丙：照片不存在');
    expect(stored.map((r) => r.description)).toEqual(
      expect.arrayContaining(['批次甲：占道经营', '批次乙：乱堆物料', '批次丁：垃圾混投']),
    );
  });
});
