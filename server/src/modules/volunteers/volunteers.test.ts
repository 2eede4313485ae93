import type { Activity, MyVolunteering, Signup } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';

const COMMUNITY = '320281001001';
const HOUR = 3_600_000;
let t: TestApp;
let workstation: Client;
let resident: Client;
const newcomers: Client[] = [];

beforeAll(async () => {
  t = await createTestApp();
  workstation = await t.login('workstation');
  resident = await t.login('resident');
  for (const [i, phone] of ['13800000101', '13800000102', '13800000103'].entries()) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register-resident',
      payload: { phone, displayName: `居民${i}`, password: 'volunteer2026' },
      remoteAddress: `10.0.0.${i + 1}`,
    });
    expect(r.statusCode, r.body).toBe(201);
    newcomers.push(await t.login(phone, 'volunteer2026'));
  }
  // Three sign-ups and sign-ins hash passwords on purpose slowly.
}, 240_000);
afterAll(() => t.close());

async function activity(shifts: { startsInHours: number; hours: number; capacity: number }[], capPoints?: number) {
  const r = await workstation.post('/api/volunteer-activities', {
    communityCode: COMMUNITY,
    title: '楼道清理',
    description: '清理楼道杂物',
    place: '文定花园3幢',
    ...(capPoints ? { capPoints } : {}),
    shifts: shifts.map((s) => ({
      startsAt: new Date(Date.now() + s.startsInHours * HOUR).toISOString(),
      endsAt: new Date(Date.now() + (s.startsInHours + s.hours) * HOUR).toISOString(),
      capacity: s.capacity,
    })),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Activity>();
}
const signUp = (client: Client, shiftId: string) => client.post(`/api/volunteer-shifts/${shiftId}/sign-ups`);
const verify = (signupId: string, minutes: number) =>
  workstation.post(`/api/volunteer-sign-ups/${signupId}/verify`, { minutes });
const mine = async (client = resident) => (await client.get('/api/volunteers/me')).json<MyVolunteering>();

describe('volunteers and the time bank', () => {
  it('a volunteer signs up for a shift, the organizer verifies 3 hours, the balance shows 3 points', async () => {
    const before = (await mine()).volunteer?.points ?? 0;
    // A shift under way (began an hour ago, ends in two): volunteers may still join, the organizer may verify.
    const a = await activity([{ startsInHours: -1, hours: 3, capacity: 5 }]);
    const shift = a.shifts[0];
    if (!shift) throw new Error('no shift');
    const r = await signUp(resident, shift.id);
    expect(r.statusCode, r.body).toBe(201);
    const signup: Signup = r.json();
    expect((await signUp(resident, shift.id)).json().error.code).toBe('shift-signed-up');

    const verified = await verify(signup.id, 180);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ verifiedMinutes: 180, creditedMinutes: 180 });
    expect((await verify(signup.id, 60)).json().error.code).toBe('hours-verified');

    const me = await mine();
    expect(me.volunteer?.points).toBe(before + 3);
    expect(me.timeBank[0]).toMatchObject({ minutes: 180, kind: 'earned' });
    const list = await workstation.get(`/api/volunteers?communityCode=${COMMUNITY}&q=李明`);
    expect(list.json().items[0]).toMatchObject({ name: '李明', points: before + 3 });
  });

  it('the activity’s cap limits the points one volunteer earns from it', async () => {
    const a = await activity(
      [
        { startsInHours: -2, hours: 3, capacity: 5 },
        { startsInHours: -1, hours: 3, capacity: 5 },
      ],
      4,
    );
    const [first, second] = a.shifts;
    if (!first || !second) throw new Error('no shifts');
    const body = { communityCode: COMMUNITY, name: '张三', skills: ['搬运'], availability: '周末', training: [] };
    expect((await workstation.post('/api/volunteers/me', body)).statusCode).toBe(403);
    const joined = await newcomers[0]?.post('/api/volunteers/me', body);
    expect(joined?.statusCode, joined?.body).toBe(201);
    const s1 = (await signUp(newcomers[0] as Client, first.id)).json<Signup>();
    const s2 = (await signUp(newcomers[0] as Client, second.id)).json<Signup>();
    expect((await verify(s1.id, 180)).json().creditedMinutes).toBe(180);
    expect((await verify(s2.id, 180)).json()).toMatchObject({ verifiedMinutes: 180, creditedMinutes: 60 });
    expect((await mine(newcomers[0])).volunteer?.points).toBe(4);
  });

  it('never overbooks a shift, even when volunteers sign up at the same moment', async () => {
    const a = await activity([{ startsInHours: 24, hours: 2, capacity: 2 }]);
    const shift = a.shifts[0];
    if (!shift) throw new Error('no shift');
    for (const [i, client] of newcomers.entries()) {
      if (i === 0) continue;
      const r = await client.post('/api/volunteers/me', {
        communityCode: COMMUNITY,
        name: `志愿者${i}`,
        skills: [],
        availability: '随时',
        training: [],
      });
      expect(r.statusCode).toBe(201);
    }
    const answers = await Promise.all([...newcomers, resident].map((c) => signUp(c, shift.id)));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 409, 409]);
    expect(answers.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual([
      'shift-full',
      'shift-full',
    ]);
    const [row] = await queryRows<{ taken: number; n: number }>(
      t.database.db,
      sql`SELECT taken, (SELECT count(*)::int FROM volunteer_signups WHERE shift_id = ${shift.id}) AS n FROM volunteer_shifts WHERE id = ${shift.id}`,
    );
    expect(row).toEqual({ taken: 2, n: 2 });
    // Hours are verified only once the shift has begun.
    const signups = (await workstation.get(`/api/volunteer-shifts/${shift.id}/sign-ups`)).json().items;
    expect((await verify(signups[0].id, 60)).json().error.code).toBe('shift-not-begun');
  });

  it('a resident who is no volunteer of the community cannot sign up; desks verify only in their scope', async () => {
    const a = await activity([{ startsInHours: 2, hours: 1, capacity: 3 }]);
    const shift = a.shifts[0];
    if (!shift) throw new Error('no shift');
    const other = await t.login('operator');
    expect((await signUp(other, shift.id)).statusCode).toBe(403);
    const [outside] = await queryRows<{ code: string }>(
      t.database.db,
      sql`SELECT code FROM regions WHERE level = 'community' AND code <> ${COMMUNITY} ORDER BY code DESC LIMIT 1`,
    );
    const r = await workstation.post('/api/volunteer-activities', {
      communityCode: outside?.code,
      title: 'x',
      description: '',
      place: 'y',
      shifts: [
        {
          startsAt: new Date(Date.now() + HOUR).toISOString(),
          endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
          capacity: 1,
        },
      ],
    });
    expect(r.statusCode).toBe(422);
    const backwards = await workstation.post('/api/volunteer-activities', {
      communityCode: COMMUNITY,
      title: 'x',
      description: '',
      place: 'y',
      shifts: [
        {
          startsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
          endsAt: new Date(Date.now() + HOUR).toISOString(),
          capacity: 1,
        },
      ],
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].field).toBe('shifts.0.endsAt');
  });

  it('prints a certificate of verified service, and exports the registry and the directory', async () => {
    const page = await resident.get('/api/volunteers/me/certificate');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('志愿服务证明');
    expect(page.body).toMatch(/累计服务 3 小时/);
    const xlsx = await workstation.get('/api/volunteers/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await workstation.get('/api/service-providers/export.xlsx')).statusCode).toBe(200);
    const [audits] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('volunteer.certificate', 'volunteer.export', 'service-provider.export')`,
    );
    expect(audits?.n).toBe(3);
  });

  it('residents search the service directory without signing in', async () => {
    const added = await workstation.post('/api/service-providers', {
      regionCode: COMMUNITY,
      kind: 'housekeeping',
      name: '好帮手家政',
      offers: '上门保洁、老人助浴',
      address: '文定路1号',
      contact: '0510-12345678',
    });
    expect(added.statusCode, added.body).toBe(201);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/public/service-directory?q=${encodeURIComponent('助浴')}&communityCode=${COMMUNITY}`,
    });
    expect(search.statusCode).toBe(200);
    const names = search.json().items.map((p: { name: string }) => p.name);
    expect(names).toContain('好帮手家政');
    const hospitals = await t.app.inject({ method: 'GET', url: '/api/public/service-directory?kind=hospital' });
    expect(hospitals.json().items.every((p: { kind: string }) => p.kind === 'hospital')).toBe(true);
    expect(hospitals.json().items.length).toBeGreaterThan(0);
  });
  it('points are spent on a service: a spent entry, audited; never below zero, even at the same moment', async () => {
    const me = await mine();
    const volunteer = me.volunteer;
    if (!volunteer) throw new Error('no volunteer');
    const balance = volunteer.points;
    expect(balance).toBeGreaterThanOrEqual(3);
    const spend = (points: number, note = '上门理发一次', client = workstation) =>
      client.post(`/api/volunteers/${volunteer.id}/redemptions`, { points, note });
    const entries = async () =>
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM time_bank_entries WHERE volunteer_id = ${volunteer.id}`,
        )
      )[0]?.n;

    // More than there is: refused with the balance named, nothing written, the refusal audited.
    const before = await entries();
    const tooMuch = await spend(Math.floor(balance) + 1);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({ code: 'time-bank-short' });
    expect(tooMuch.json().error.message).toContain(`现有 ${balance} 分`);
    expect(await entries()).toBe(before);

    const spent = await spend(2);
    expect(spent.statusCode, spent.body).toBe(200);
    expect(spent.json()).toMatchObject({ id: volunteer.id, points: balance - 2 });
    const after = await mine();
    expect(after.volunteer?.points).toBe(balance - 2);
    expect(after.timeBank[0]).toMatchObject({ kind: 'spent', minutes: -120, note: '上门理发一次' });

    // Two redemptions at once that together exceed what is left: exactly one goes through.
    const left = balance - 2;
    const each = Math.max(1, Math.ceil(left / 2 + 0.01));
    const both = await Promise.all([spend(each, '助浴'), spend(each, '助餐')]);
    const codes = both.map((r) => r.statusCode).sort();
    if (each <= left) expect(codes).toEqual([200, 409]);
    else expect(codes).toEqual([409, 409]);
    const final = (await mine()).volunteer?.points ?? -1;
    expect(final).toBeGreaterThanOrEqual(0);
    const [sum] = await queryRows<{ minutes: number }>(
      t.database.db,
      sql`SELECT sum(minutes)::int AS minutes FROM time_bank_entries WHERE volunteer_id = ${volunteer.id}`,
    );
    expect(sum?.minutes).toBeGreaterThanOrEqual(0);

    const audits = await queryRows<{ outcome: string }>(
      t.database.db,
      sql`SELECT outcome FROM audit_log WHERE action = 'volunteer-points.spend' AND object_id = ${volunteer.id} ORDER BY id`,
    );
    expect(audits.map((a) => a.outcome)).toEqual(expect.arrayContaining(['denied', 'success']));
    expect(audits.length).toBe(4);

    // Bad input is a 4xx; a resident does not spend at the desk; another scope does not find the volunteer.
    expect((await spend(0)).statusCode).toBe(400);
    expect((await spend(1, '')).statusCode).toBe(400);
    expect((await spend(1, 'x', resident)).statusCode).toBe(403);
    const [outside] = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM volunteers WHERE community_code <> ${COMMUNITY} LIMIT 1`,
    );
    if (outside) {
      const r = await workstation.post(`/api/volunteers/${outside.id}/redemptions`, { points: 1, note: 'x' });
      expect(r.statusCode).toBe(404);
    }
    const unknown = await workstation.post('/api/volunteers/00000000-0000-4000-8000-000000000000/redemptions', {
      points: 1,
      note: 'x',
    });
    expect(unknown.statusCode).toBe(404);
  });
});
