import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import { auditLog } from '../audit/audit.tables.js';
import { caseEvents, caseReports, cases } from '../cases/cases.tables.js';
import { at, baseGridsOf, type CaseWorld, caseWorld, commandOk, DEMO_COMMUNITY } from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';
import { hotlineRepository } from './hotline.repository.js';
import type { HotlineCallbackPayload } from './hotline.tables.js';
import { signHotline, verifyHotlineSignature } from './signature.js';
import { deliverHotlineCallbacks } from './use-cases/deliver-callbacks.js';

const SECRET = 'test-hotline-secret';

/** The 12345 platform's end: checks each callback's signature, fails the very first delivery with 500. */
interface Received {
  status: number;
  verified: boolean;
  payload: HotlineCallbackPayload;
}
const received: Received[] = [];
let receiver: Server;
let w: CaseWorld;
let grid: { code: string; point: Position };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const check = verifyHotlineSignature({
        secret: SECRET,
        signature: req.headers['x-hotline-signature'] as string | undefined,
        timestamp: req.headers['x-hotline-timestamp'] as string | undefined,
        body,
        now: new Date(),
        maxSkewSeconds: 300,
      });
      const status = received.length === 0 ? 500 : check.ok ? 204 : 401;
      received.push({ status, verified: check.ok, payload: JSON.parse(body.toString('utf8')) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  w = await caseWorld(
    await createTestApp({
      env: {
        YIWANG_HOTLINE_SECRET: SECRET,
        YIWANG_HOTLINE_CALLBACK_URL: `http://127.0.0.1:${port}/callbacks`,
        YIWANG_HOTLINE_CALLBACK_RETRY_MS: '0',
        YIWANG_HOTLINE_CALLBACK_MAX_ATTEMPTS: '3',
      },
    }),
  );
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
});
afterAll(async () => {
  await w.t.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const URL_PATH = '/api/integrations/hotline/work-orders';
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

function send(body: string, headers: Record<string, string>) {
  return w.t.app.inject({
    method: 'POST',
    url: URL_PATH,
    headers: { 'content-type': 'application/json', ...headers },
    payload: body,
  });
}
function sendSigned(order: object, secret = SECRET, timestamp = nowSeconds()) {
  const body = JSON.stringify(order);
  return send(body, { 'x-hotline-timestamp': timestamp, 'x-hotline-signature': signHotline(secret, timestamp, body) });
}

const db = () => w.t.database.db;
const countRows = async () => {
  const [c] = await db().select({ n: sql<number>`count(*)::int` }).from(cases);
  const [r] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(caseReports)
    .where(eq(caseReports.channel, 'hotline'));
  return { cases: c?.n, hotlineReports: r?.n };
};

const order = (orderNo: string, extra: object = {}) => ({
  orderNo,
  receivedAt: new Date().toISOString(),
  caller: { name: '赵先生', phone: '13812345678' },
  description: '小区门口垃圾桶满了，好几天没人清运',
  category: '市容环境/垃圾满溢',
  location: { ...at(grid.point, 50, 50) },
  urgency: 'normal',
  ...extra,
});

describe('12345 hotline webhook', () => {
  it('answers a bad, missing or stale signature with 401 and keeps nothing but an audit row', async () => {
    const before = await countRows();
    const body = JSON.stringify(order('GD-BAD-1'));
    const attempts: { reason: string; headers: Record<string, string> }[] = [
      {
        reason: 'bad-signature',
        headers: {
          'x-hotline-timestamp': nowSeconds(),
          'x-hotline-signature': signHotline('wrong', nowSeconds(), body),
        },
      },
      { reason: 'missing-signature', headers: {} },
      {
        reason: 'stale-timestamp',
        headers: {
          'x-hotline-timestamp': String(Number(nowSeconds()) - 600),
          'x-hotline-signature': signHotline(SECRET, String(Number(nowSeconds()) - 600), body),
        },
      },
    ];
    for (const attempt of attempts) {
      const r = await send(body, attempt.headers);
      expect(r.statusCode).toBe(401);
      const [audit] = await db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({
        action: 'hotline.rejected',
        outcome: 'denied',
        actorLabel: 'hotline:12345',
        details: { reason: attempt.reason },
      });
      expect(JSON.stringify(audit?.details)).not.toContain('13812345678');
    }
    // A body tampered with after signing.
    const ts = nowSeconds();
    const tampered = await send(body.replace('赵先生', '钱先生'), {
      'x-hotline-timestamp': ts,
      'x-hotline-signature': signHotline(SECRET, ts, body),
    });
    expect(tampered.statusCode).toBe(401);
    // Garbage that is not even JSON is still refused for its signature first.
    expect((await send('{not json', {})).statusCode).toBe(401);
    expect(await countRows()).toEqual(before);
  });

  it('turns a signed work order into a hotline case in the desk queue; a redelivery returns the same case', async () => {
    const first = await sendSigned(order('GD-2026-0001'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ orderNo: 'GD-2026-0001', matterCode: 'CG-0302', outcome: 'created' });
    const code = first.json().caseCode;
    const again = await sendSigned(order('GD-2026-0001'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseCode: code, outcome: 'replayed' });

    const queue = (await w.operator.get('/api/cases?channel=hotline')).json();
    expect(queue.items.find((c: { code: string }) => c.code === code)).toMatchObject({ channel: 'hotline' });
    const detail = (await w.operator.get(`/api/cases/${code}`)).json();
    expect(detail.reports).toHaveLength(1);
    expect(detail.reports[0]).toMatchObject({
      channel: 'hotline',
      reporterName: '赵先生',
      reporterPhone: '138****5678',
    });
  });

  it('falls back to 其他事项 for a category it cannot map, and takes an address without a point', async () => {
    const r = await sendSigned(
      order('GD-2026-0002', {
        category: '意见',
        description: '反映一件难以归类的事情',
        location: undefined,
        address: '澄江街道',
      }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().matterCode).toBe('QT-0205');
    const explicit = await sendSigned(order('GD-2026-0003', { matterCode: 'XX-0000' }));
    expect(explicit.statusCode).toBe(422);
    const invalid = await sendSigned({ orderNo: 'GD-2026-0004' });
    expect(invalid.statusCode).toBe(400);
  });

  it('refuses a work order holding a NUL byte with 400 naming the field, keeping nothing, so the corrected resend is taken', async () => {
    const before = await countRows();
    const bad = await sendSigned(order('GD-2026-0300', { description: '井盖缺失\u0000（复制时带入的控制字符）' }));
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'description', code: 'nul' })]);
    const surrogate = JSON.stringify(order('GD-2026-0300')).replace('"小区', '"\\ud800小区');
    const ts = nowSeconds();
    const lone = await send(surrogate, {
      'x-hotline-timestamp': ts,
      'x-hotline-signature': signHotline(SECRET, ts, surrogate),
    });
    expect(lone.statusCode, lone.body).toBe(400);
    expect(await countRows()).toEqual(before);
    const corrected = await sendSigned(order('GD-2026-0300', { description: '井盖缺失' }));
    // Taken as new (created, or joined to an open case nearby), not replayed: the refused delivery left nothing.
    expect([200, 201], corrected.body).toContain(corrected.statusCode);
    expect(corrected.json()).toMatchObject({
      orderNo: 'GD-2026-0300',
      outcome: expect.stringMatching(/^(created|merged)$/),
    });
  });
});

describe('12345 status callbacks', () => {
  it('pushes every timeline event of a hotline case, signed, once each, in order, retrying a 500', async () => {
    const created = await sendSigned(
      order('GD-2026-0100', { matterCode: 'CG-0501', location: { ...at(grid.point, -120, 90) } }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json().caseCode as string;
    await commandOk(w.workstation, code, { type: 'register' } as never);

    const run = await deliverHotlineCallbacks(db(), w.t.config.hotline);
    expect(run.retried).toBe(1);
    expect(run.failed).toBe(0);
    await commandOk(w.workstation, code, { type: 'void', reason: '重复来电' } as never);
    await deliverHotlineCallbacks(db(), w.t.config.hotline);
    // Nothing new: nothing is sent again.
    const quiet = await deliverHotlineCallbacks(db(), w.t.config.hotline);
    expect(quiet).toEqual({ queued: 0, delivered: 0, retried: 0, failed: 0 });

    expect(received[0]?.status).toBe(500);
    expect(received.every((r) => r.verified)).toBe(true);
    const [caseRow] = await db().select().from(cases).where(eq(cases.code, code));
    const eventIds = (
      await db()
        .select({ id: caseEvents.id })
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseRow?.id as string))
    )
      .map((e) => e.id)
      .sort((a, b) => a - b);
    const accepted = received.filter((r) => r.status === 204 && r.payload.orderNo === 'GD-2026-0100');
    expect(accepted.map((r) => r.payload.eventId)).toEqual(eventIds);
    expect(accepted.map((r) => r.payload.event)).toEqual(['reported', 'registered', 'voided']);
    expect(accepted.at(-1)?.payload).toMatchObject({
      caseCode: code,
      state: 'voided',
      status: 'closed',
      note: '重复来电',
    });
    // Every work order heard of its own events exactly once.
    const delivered = received.filter((r) => r.status === 204).map((r) => `${r.payload.orderNo}:${r.payload.eventId}`);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toEqual(
      expect.arrayContaining(['GD-2026-0001', 'GD-2026-0002'].map((o) => expect.stringContaining(o))),
    );

    const rows = await hotlineRepository.callbacksOfCase(db(), caseRow?.id as string);
    expect(rows.every((r) => r.deliveredAt !== null && r.failedAt === null)).toBe(true);
  });

  it('gives up after the maximum attempts and moves on to the next event', async () => {
    const created = await sendSigned(
      order('GD-2026-0200', { matterCode: 'CG-0502', location: { ...at(grid.point, 110, -100) } }),
    );
    const code = created.json().caseCode as string;
    await commandOk(w.workstation, code, { type: 'register' } as never);
    let calls = 0;
    const run = await deliverHotlineCallbacks(db(), w.t.config.hotline, {
      send: async () => {
        calls++;
        return calls <= 3 ? 503 : 200;
      },
    });
    expect(run).toMatchObject({ retried: 2, failed: 1, delivered: 1 });
    const [caseRow] = await db().select().from(cases).where(eq(cases.code, code));
    const rows = await hotlineRepository.callbacksOfCase(db(), caseRow?.id as string);
    expect(rows.map((r) => [r.payload.event, r.attempts, r.failedAt !== null, r.deliveredAt !== null])).toEqual([
      ['reported', 3, true, false],
      ['registered', 1, false, true],
    ]);
    expect(rows[0]?.lastError).toBe('HTTP 503');
  });
});
