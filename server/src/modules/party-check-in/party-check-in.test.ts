import type { PartyCheckInOverview, PartyMember, ServicePost } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { quarterOf } from './domain/quarter.js';
import { partyCheckInRepository } from './party-check-in.repository.js';

const COMMUNITY = '320281001001'; // 文定社区, the workstation's scope
let t: TestApp;
let workstation: Client;
let resident: Client;
let other: { code: string; path: string };

beforeAll(async () => {
  t = await createTestApp();
  [workstation, resident] = await Promise.all([t.login('workstation'), t.login('resident')]);
  const [row] = await queryRows<{ code: string; path: string }>(
    t.database.db,
    sql`SELECT code, path::text AS path FROM regions WHERE level = 'community' AND code <> ${COMMUNITY} ORDER BY code LIMIT 1`,
  );
  if (!row) throw new Error('no other community');
  other = row;
});
afterAll(() => t.close());

const today = () => chinaDayOf(new Date());
const overview = async (client = workstation) => {
  const r = await client.get(`/api/party-check-in?communityCode=${COMMUNITY}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<PartyCheckInOverview>();
};
const audited = async (action: string, objectId: string) =>
  (
    await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`,
    )
  )[0]?.n;

describe('party-member check-in (党员双报到)', () => {
  let member: PartyMember;
  let post: ServicePost;

  it('an organization and a member check in to the community; both are audited and listed', async () => {
    const org = await workstation.post('/api/party-check-in/organizations', {
      communityCode: COMMUNITY,
      name: '江阴市教育局机关党支部',
      employer: '江阴市教育局',
      contact: '0510-86001234',
    });
    expect(org.statusCode, org.body).toBe(201);
    const m = await workstation.post('/api/party-check-in/members', {
      communityCode: COMMUNITY,
      name: '  周文静 ',
      employer: '江阴市教育局',
      organizationId: org.json().id,
    });
    expect(m.statusCode, m.body).toBe(201);
    member = m.json();
    expect(member).toMatchObject({
      name: '周文静',
      organizationName: '江阴市教育局机关党支部',
      postIds: [],
      minutesThisQuarter: 0,
    });
    expect(await audited('party-member.register', member.id)).toBe(1);
    const seen = await overview();
    expect(seen.members.map((x) => x.name)).toContain('周文静');
    expect(seen.organizations.find((o) => o.id === org.json().id)?.members).toBe(1);
  });

  it('a member chooses a post from the needs list; a full post is refused with its title', async () => {
    const added = await workstation.post('/api/party-check-in/posts', {
      communityCode: COMMUNITY,
      title: '社区图书角值守',
      description: '周末下午值守图书角',
      needed: 1,
    });
    expect(added.statusCode, added.body).toBe(201);
    post = added.json();
    const chosen = await workstation.post(`/api/party-check-in/members/${member.id}/posts`, { postId: post.id });
    expect(chosen.statusCode, chosen.body).toBe(201);
    // Choosing it again changes nothing.
    expect(
      (await workstation.post(`/api/party-check-in/members/${member.id}/posts`, { postId: post.id })).statusCode,
    ).toBe(200);
    const after = await overview();
    expect(after.members.find((x) => x.id === member.id)?.postIds).toEqual([post.id]);
    expect(after.posts.find((p) => p.id === post.id)).toMatchObject({ needed: 1, taken: 1 });

    const second = (
      await workstation.post('/api/party-check-in/members', {
        communityCode: COMMUNITY,
        name: '钱立新',
        employer: '江阴市财政局',
      })
    ).json<PartyMember>();
    const full = await workstation.post(`/api/party-check-in/members/${second.id}/posts`, { postId: post.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ code: 'service-post-full' });
    expect(full.json().error.message).toContain('社区图书角值守');
  });

  it('service is logged on a held post and counts in this quarter; not on a post not held, not in the future', async () => {
    const logged = await workstation.post(`/api/party-check-in/members/${member.id}/services`, {
      postId: post.id,
      servedOn: today(),
      minutes: 150,
      note: '整理图书，登记借阅',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json()).toMatchObject({ memberId: member.id, minutes: 150 });
    expect((await overview()).members.find((x) => x.id === member.id)?.minutesThisQuarter).toBe(150);

    const demoPost = (await overview()).posts.find((p) => p.title === '楼道长');
    const notHeld = await workstation.post(`/api/party-check-in/members/${member.id}/services`, {
      postId: demoPost?.id,
      servedOn: today(),
      minutes: 30,
      note: '',
    });
    expect([notHeld.statusCode, notHeld.json().error.code]).toEqual([409, 'service-post-not-held']);
    const future = await workstation.post(`/api/party-check-in/members/${member.id}/services`, {
      postId: post.id,
      servedOn: '2999-01-01',
      minutes: 30,
      note: '',
    });
    expect(future.statusCode).toBe(400);
    expect((await overview()).members.find((x) => x.id === member.id)?.minutesThisQuarter).toBe(150);
  });

  it('the quarterly service record exports for the employer, with the hours; the export is audited', async () => {
    const quarter = quarterOf(today());
    const r = await workstation.get(`/api/party-check-in/members/${member.id}/service-record.xlsx?quarter=${quarter}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const summary = book.worksheets[0];
    const cells = (summary?.getSheetValues() ?? []).flat().map(String);
    expect(cells).toEqual(expect.arrayContaining(['周文静', '江阴市教育局', quarter, '1', '2.5']));
    const lines = book.worksheets[1];
    expect(lines?.getRow(2).values).toEqual(
      expect.arrayContaining([today(), '社区图书角值守', 2.5, '整理图书，登记借阅']),
    );
    expect(await audited('party-service.export', member.id)).toBe(1);
  });

  it('another community is out of scope: its members are 404, registering there is refused', async () => {
    const stranger = await partyCheckInRepository.insertMember(t.database.db, {
      communityCode: other.code,
      path: other.path,
      name: '外社区党员',
      employer: '某单位',
      organizationId: null,
    });
    const quarter = quarterOf(today());
    const exported = await workstation.get(
      `/api/party-check-in/members/${stranger.id}/service-record.xlsx?quarter=${quarter}`,
    );
    expect(exported.statusCode).toBe(404);
    expect(
      (await workstation.post(`/api/party-check-in/members/${stranger.id}/posts`, { postId: post.id })).statusCode,
    ).toBe(404);
    const logged = await workstation.post(`/api/party-check-in/members/${stranger.id}/services`, {
      postId: post.id,
      servedOn: today(),
      minutes: 30,
      note: '',
    });
    expect(logged.statusCode).toBe(404);
    expect((await overview()).members.map((m) => m.id)).not.toContain(stranger.id);
    const elsewhere = await workstation.post('/api/party-check-in/members', {
      communityCode: other.code,
      name: '钱立新',
      employer: '江阴市财政局',
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.code).toBe('invalid-reference');
    expect((await workstation.get(`/api/party-check-in?communityCode=${other.code}`)).statusCode).toBe(422);
  });

  it('bad input is a 4xx in the caller’s language and writes nothing; residents may not manage', async () => {
    const before = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM party_members`);
    const blank = await workstation.post('/api/party-check-in/members', {
      communityCode: COMMUNITY,
      name: '',
      employer: 'x',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const extra = await workstation.post('/api/party-check-in/posts', {
      communityCode: COMMUNITY,
      title: '岗位',
      description: '',
      needed: 0,
    });
    expect(extra.statusCode).toBe(400);
    expect(
      (await workstation.get(`/api/party-check-in/members/${member.id}/service-record.xlsx?quarter=2026-Q5`))
        .statusCode,
    ).toBe(400);
    expect(
      (await workstation.post(`/api/party-check-in/members/not-a-uuid/posts`, { postId: post.id })).statusCode,
    ).toBe(400);
    const after = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM party_members`);
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(
      (
        await resident.post('/api/party-check-in/posts', {
          communityCode: COMMUNITY,
          title: 'x',
          description: '',
          needed: 1,
        })
      ).statusCode,
    ).toBe(403);
  });
});
