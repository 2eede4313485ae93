import type { Decision, Meeting, NoticeList, Registration, Topic } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import type { Client } from '../../test/app.js';
import { createTestApp } from '../../test/app.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
  uploadPhoto,
} from '../cases/cases.test-helpers.js';
import { expireTopics } from './use-cases/topics.js';

let w: CaseWorld;
let neighbours: Client[];
let point: { lon: number; lat: number };

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  neighbours = await Promise.all(['resident2', 'resident3', 'resident4'].map((u) => w.t.login(u)));
  const [grid] = await baseGridsOf(w, DEMO_COMMUNITY);
  if (!grid) throw new Error('no base grid');
  point = at(grid.point, 11, -7);
});
afterAll(() => w.t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(w.t.database.db, query);
const put = (client: Client, url: string, payload?: object) =>
  client.request({ method: 'PUT', url, ...(payload ? { payload } : {}) });

async function demoMeeting(client: Client): Promise<Meeting> {
  const list = (await client.get('/api/meetings')).json().items as Meeting[];
  const meeting = list.find((m) => m.title === '文定社区第四季度议事会');
  if (!meeting) throw new Error('demo meeting missing');
  return meeting;
}

describe('the demo community', () => {
  it('has a topic past its threshold on the next meeting’s agenda, one gathering support, one expired (still listed)', async () => {
    const topics = (await w.resident.get('/api/topics')).json().items as Topic[];
    expect(topics.map((t) => [t.title, t.state, t.supportCount, t.threshold])).toEqual(
      expect.arrayContaining([
        ['文定花园6幢加装电梯', 'on_agenda', 5, 5],
        ['小区南门增设非机动车停车棚', 'open', 2, 5],
        ['广场舞音乐晚上九点后停止', 'expired', 1, 5],
      ]),
    );
    const meeting = await demoMeeting(w.resident);
    expect(meeting.agenda.map((i) => i.title)).toEqual(['文定花园6幢加装电梯', '社区公共收益使用计划']);
    expect(meeting.rules).toEqual({ voteUnit: 'person', quorumPercent: 67, majorityPercent: 50, majorityBase: 'cast' });
  });
});

describe('a topic, from support to a decision carried out as a case', () => {
  let topic: Topic;
  let meeting: Meeting;
  let decision: Decision;

  it('the workstation raises a topic with a threshold of 3; support is once per person and withdrawable', async () => {
    const r = await w.workstation.post('/api/topics', {
      title: '3幢楼道安装声控灯',
      body: '3幢楼道晚上很黑，老人上下楼容易摔倒。',
      regionCode: DEMO_COMMUNITY,
      threshold: 3,
    });
    expect(r.statusCode, r.body).toBe(201);
    topic = r.json();
    expect(topic).toMatchObject({
      state: 'open',
      threshold: 3,
      supportCount: 0,
      percent: 0,
      missing: 3,
      raisedVia: 'desk',
    });

    const first = await put(neighbours[0] as Client, `/api/topics/${topic.id}/support`);
    expect(first.json()).toMatchObject({ supportCount: 1, percent: 33, supportedByMe: true });
    const again = await put(neighbours[0] as Client, `/api/topics/${topic.id}/support`);
    expect(again.json()).toMatchObject({ supportCount: 1 });
    const withdrawn = await (neighbours[0] as Client).delete(`/api/topics/${topic.id}/support`);
    expect(withdrawn.json()).toMatchObject({ supportCount: 0, supportedByMe: false });
  });

  it('three residents support it past the threshold: it joins the next meeting’s agenda and they are told', async () => {
    for (const n of neighbours) expect((await put(n, `/api/topics/${topic.id}/support`)).statusCode).toBe(200);
    const after = (await w.resident.get(`/api/topics/${topic.id}`)).json() as Topic;
    expect(after).toMatchObject({ state: 'on_agenda', supportCount: 3, percent: 100, missing: 0 });
    meeting = await demoMeeting(w.workstation);
    expect(after.meeting?.id).toBe(meeting.id);
    expect(meeting.agenda.map((i) => i.title)).toContain('3幢楼道安装声控灯');
    // Withdrawing after it went on the agenda is refused with the reason.
    const late = await (neighbours[0] as Client).delete(`/api/topics/${topic.id}/support`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('topic-support-closed');
    const notices = (await (neighbours[1] as Client).get('/api/notices/mine')).json() as NoticeList;
    expect(notices.items[0]?.title).toContain('3幢楼道安装声控灯');
  });

  it('registration codes, check-in at the door, online votes and 3 paper ballots; counted under the council’s rules', async () => {
    // resident2–4 registered in the demo; registering again answers the same code.
    const mine = (
      await (neighbours[0] as Client).post(`/api/meetings/${meeting.id}/registrations`, {})
    ).json() as Registration;
    const again = (
      await (neighbours[0] as Client).post(`/api/meetings/${meeting.id}/registrations`, {})
    ).json() as Registration;
    expect(again.code).toBe(mine.code);
    expect(mine.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    const me = await w.resident.post(`/api/meetings/${meeting.id}/registrations`, {});
    expect(me.statusCode, me.body).toBe(201);
    // Three neighbours without a phone, registered at the desk by name (the printed list).
    const walkIns: Registration[] = [];
    for (const name of ['王大爷', '李阿姨', '周奶奶']) {
      const r = await w.workstation.post(`/api/meetings/${meeting.id}/registrations`, { name });
      expect(r.statusCode, r.body).toBe(201);
      walkIns.push(r.json());
    }
    for (const r of walkIns) {
      const checked = await w.workstation.post(`/api/meetings/${meeting.id}/check-ins`, { code: r.code.toLowerCase() });
      expect(checked.statusCode, checked.body).toBe(200);
      expect(checked.json()).toMatchObject({ name: r.name, votedOnline: false });
    }
    const twice = await w.workstation.post(`/api/meetings/${meeting.id}/check-ins`, { code: walkIns[0]?.code });
    expect(twice.json().error.code).toBe('already-checked-in');
    const unknown = await w.workstation.post(`/api/meetings/${meeting.id}/check-ins`, { code: 'ZZZZZZ' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([422, 'code-unknown']);

    const item = meeting.agenda.find((i) => i.title === '3幢楼道安装声控灯');
    if (!item) throw new Error('item missing');
    const vote = (client: Client, choice: string) =>
      put(client, `/api/meetings/${meeting.id}/agenda/${item.id}/my-vote`, { choice });
    expect((await vote(neighbours[0] as Client, 'yes')).statusCode).toBe(200);
    expect((await vote(neighbours[1] as Client, 'yes')).statusCode).toBe(200);
    expect((await vote(w.resident, 'no')).statusCode).toBe(200);
    // A resident sees their own vote, not the running count.
    const seen = (await w.resident.get(`/api/meetings/${meeting.id}`)).json() as Meeting;
    expect(seen.agenda.find((i) => i.id === item.id)).toMatchObject({ myVote: 'no', online: null });
    // Desk staff do not vote online; a resident who did not register may not either.
    expect((await vote(w.workstation, 'yes')).statusCode).toBe(403);

    const tooMany = await put(w.workstation, `/api/meetings/${meeting.id}/agenda/${item.id}/paper-count`, {
      yes: 3,
      no: 1,
      abstain: 0,
    });
    expect([tooMany.statusCode, tooMany.json().error.code]).toEqual([422, 'paper-count-too-many']);
    const paper = await put(w.workstation, `/api/meetings/${meeting.id}/agenda/${item.id}/paper-count`, {
      yes: 2,
      no: 1,
      abstain: 0,
    });
    expect(paper.json()).toMatchObject({ online: { yes: 2, no: 1, abstain: 0 }, paper: { yes: 2, no: 1, abstain: 0 } });

    const counted = await w.workstation.post(`/api/meetings/${meeting.id}/agenda/${item.id}/count`, {
      decisionText: '3幢1至6层楼道安装声控灯，年底前完成。',
    });
    expect(counted.statusCode, counted.body).toBe(200);
    // Registered: 3 (demo) + me + 3 at the desk = 7; quorum 67 % → 5; participants 3 at the door + 3 online = 6.
    expect(counted.json().tally).toEqual({
      result: 'adopted',
      quorumNeeded: 5,
      quorumMet: true,
      participants: 6,
      registered: 7,
      yes: 4,
      no: 2,
      abstain: 0,
      cast: 6,
      yesNeeded: 4,
    });
    decision = (await w.workstation.get(`/api/decisions/${counted.json().decisionId}`)).json();
    expect(decision).toMatchObject({
      title: '3幢楼道安装声控灯',
      body: '3幢1至6层楼道安装声控灯，年底前完成。',
      progress: 0,
    });
    const late = await vote(neighbours[2] as Client, 'yes');
    expect(late.json().error.code).toBe('agenda-counted');
  });

  it('the decision becomes a case that runs the loop; the task follows it and every supporter is told at each change', async () => {
    const r = await w.workstation.post(`/api/decisions/${decision.id}/tasks`, {
      kind: 'case',
      title: '安装声控灯',
      matterCode: 'CG-0105',
      formAnswers: { hazard: 'none' },
      description: '居民议事会决议：3幢楼道安装声控灯',
      point: { lon: point.lon, lat: point.lat },
    });
    expect(r.statusCode, r.body).toBe(201);
    const task = (r.json() as Decision).tasks[0];
    const code = task?.caseCode;
    if (!code) throw new Error('no case');
    const caseRow = await rows<{ channel: string }>(
      sql`SELECT channel FROM case_reports WHERE external_id = ${task.id}`,
    );
    expect(caseRow[0]?.channel).toBe('consultation');

    expect(await commandOk(w.operator, code, { type: 'register' })).toBe('registered');
    expect(await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') })).toBe(
      'dispatched',
    );
    expect(await commandOk(w.handler, code, { type: 'accept' })).toBe('accepted');
    const midway = (await w.resident.get(`/api/decisions/${decision.id}`)).json() as Decision;
    expect(midway.tasks[0]).toMatchObject({ status: 'in_progress', progress: 50 });
    expect(midway.progress).toBe(50);
    const photoId = await uploadPhoto(w.handler);
    expect(await commandOk(w.handler, code, { type: 'submit_feedback', text: '已安装', photoIds: [photoId] })).toBe(
      'handled',
    );
    expect(await commandOk(w.gridworker, code, { type: 'verify_pass', note: '现场灯已亮' })).toBe('closed');

    const done = (await (neighbours[2] as Client).get(`/api/decisions/${decision.id}`)).json() as Decision;
    expect(done).toMatchObject({ state: 'done', progress: 100 });
    expect(done.tasks[0]?.updates.map((u) => [u.status, u.progress])).toEqual([
      ['not_started', 0],
      ['in_progress', 10],
      ['in_progress', 25],
      ['in_progress', 50],
      ['in_progress', 75],
      ['done', 100],
    ]);
    // Each supporter: on the agenda, adopted, the task, five case steps, fully carried out.
    for (const n of neighbours) {
      const notices = (await n.get('/api/notices/mine')).json() as NoticeList;
      const ofDecision = notices.items.filter((x) => x.decisionId === decision.id);
      expect(ofDecision.map((x) => x.title)).toHaveLength(8);
    }
    const logged = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notices WHERE decision_id = ${decision.id} AND sent_via = 'sms-logged'`,
    );
    expect(logged[0]?.n).toBeGreaterThanOrEqual(8 * 3);
  });

  it('a community task with an owner reports its progress; a case task does not take manual progress', async () => {
    const r = await w.workstation.post(`/api/decisions/${decision.id}/tasks`, {
      kind: 'community',
      title: '张贴用电安全提示',
      ownerName: '楼长王建华',
    });
    const community = (r.json() as Decision).tasks.find((t) => t.kind === 'community');
    if (!community) throw new Error('no community task');
    const moved = await w.workstation.post(`/api/decisions/${decision.id}/tasks/${community.id}/progress`, {
      status: 'in_progress',
      progress: 40,
      note: '已张贴一半',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ state: 'in_progress', progress: 70 });
    const caseTask = (moved.json() as Decision).tasks.find((t) => t.kind === 'case');
    const refused = await w.workstation.post(`/api/decisions/${decision.id}/tasks/${caseTask?.id}/progress`, {
      status: 'done',
      progress: 100,
      note: 'x',
    });
    expect(refused.json().error.code).toBe('task-follows-case');
  });

  it('every list exports to Excel, and the exports are audited', async () => {
    for (const url of [
      '/api/topics/export.xlsx',
      '/api/meetings/export.xlsx',
      '/api/decisions/export.xlsx',
      `/api/meetings/${meeting.id}/registrations/export.xlsx`,
    ]) {
      const r = await w.workstation.get(url);
      expect(r.statusCode, url).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]?.rowCount, url).toBeGreaterThan(1);
    }
    const audits = await rows<{ action: string }>(
      sql`SELECT DISTINCT action FROM audit_log WHERE action IN ('topic.export', 'meeting.export', 'decision.export')`,
    );
    expect(audits.map((a) => a.action).sort()).toEqual(['decision.export', 'meeting.export', 'topic.export']);
  });
});

describe('scope', () => {
  it('a resident of another community does not see this one’s topics, meetings or decisions (404)', async () => {
    const signUp = await w.t.app.inject({
      method: 'POST',
      url: '/api/auth/register-resident',
      payload: { phone: '13912345678', displayName: '外社区居民', password: 'password1234' },
    });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const outsider = await w.t.login('13912345678', 'password1234');
    expect((await outsider.get('/api/topics')).statusCode).toBe(409);
    const joined = await put(outsider, '/api/consultation/my-community', { regionCode: OTHER_TOWN_COMMUNITY });
    expect(joined.statusCode, joined.body).toBe(200);
    const wending = (await w.resident.get('/api/topics')).json().items as Topic[];
    const lift = wending.find((t) => t.title === '文定花园6幢加装电梯');
    expect((await outsider.get(`/api/topics/${lift?.id}`)).statusCode).toBe(404);
    expect((await put(outsider, `/api/topics/${lift?.id}/support`)).statusCode).toBe(404);
    expect((await outsider.get('/api/topics')).json().items).toEqual([]);
    const meeting = await demoMeeting(w.resident);
    expect((await outsider.get(`/api/meetings/${meeting.id}`)).statusCode).toBe(404);
    // Its own topic is out of the 文定 workstation's scope.
    const own = await outsider.post('/api/topics', { title: '外社区议题', body: '内容' });
    expect(own.statusCode, own.body).toBe(201);
    expect((await w.workstation.get(`/api/topics/${own.json().id}`)).statusCode).toBe(404);
    expect(
      (await w.workstation.post('/api/topics', { title: 'x', body: 'y', regionCode: OTHER_TOWN_COMMUNITY })).statusCode,
    ).toBe(422);
  });

  it('the expiry job marks open topics past their date expired; they stay listed', async () => {
    const r = await w.workstation.post('/api/topics', {
      title: '短期议题',
      body: '一天',
      regionCode: DEMO_COMMUNITY,
      days: 1,
    });
    const id = r.json().id as string;
    expect(await expireTopics(w.t.database.db, new Date(Date.now() + 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const after = (await w.resident.get(`/api/topics/${id}`)).json() as Topic;
    expect(after.state).toBe('expired');
    expect(after.expiredAt).not.toBeNull();
    const support = await put(w.resident, `/api/topics/${id}/support`);
    expect(support.json().error.code).toBe('topic-expired');
  });
});
