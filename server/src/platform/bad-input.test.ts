import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../modules/audit/audit.tables.js';
import { type Client, createTestApp, type TestApp } from '../test/app.js';
import { loadConfig } from './config.js';

let t: TestApp;
let admin: Client;
let userId: string;
let matterCode: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  userId = (await admin.get('/api/users?q=operator')).json().items[0].id;
  matterCode = (await admin.get('/api/catalog/matters')).json().items[0].code;
});
afterAll(() => t.close());

const detailsOf = (r: { json: () => unknown }) =>
  (r.json() as { error: { details: { field: string; code: string; message: string }[] } }).error.details;
const raw = (method: string, url: string, payload: string, headers: Record<string, string> = {}) =>
  admin.request({
    method: method as 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });
const lastAudit = async () => (await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];

describe('strings PostgreSQL cannot keep', () => {
  it('refuses a NUL byte with 400 naming the field, in Chinese and in English', async () => {
    const r = await admin.patch(`/api/users/${userId}`, { displayName: '张\u0000三' });
    expect(r.statusCode, r.body).toBe(400);
    expect(detailsOf(r)).toEqual([{ field: 'displayName', code: 'nul', message: '不能含有空字符（\\u0000）' }]);
    // Signed out, the language comes from Accept-Language.
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin\u0000', password: 'x' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(detailsOf(en)).toEqual([
      { field: 'username', code: 'nul', message: 'must not contain the NUL character (\\u0000)' },
    ]);
  });

  it('refuses a NUL byte in a query string, a path parameter and an object key', async () => {
    expect((await admin.get('/api/users?q=a%00b')).statusCode).toBe(400);
    expect((await admin.get('/api/regions/%00')).statusCode).toBe(400);
    const key = await raw(
      'POST',
      '/api/cases',
      '{"matterCode":"CG-0101","description":"x","formAnswers":{"a\\u0000":"1"}}',
    );
    expect(key.statusCode, key.body).toBe(400);
    expect(detailsOf(key).map((d) => d.code)).toContain('nul');
  });

  it('refuses a lone UTF-16 surrogate with 400', async () => {
    const r = await raw('PATCH', `/api/users/${userId}`, '{"displayName":"a\\ud800b"}');
    expect(r.statusCode, r.body).toBe(400);
    expect(detailsOf(r)).toEqual([expect.objectContaining({ field: 'displayName', code: 'surrogate' })]);
    // A proper pair (an emoji) is fine.
    const ok = await raw('PATCH', `/api/users/${userId}`, '{"displayName":"Operator \\ud83d\\ude00"}');
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('numbers', () => {
  it('refuses limit and offset that are infinite or beyond any page (400, not 500)', async () => {
    for (const url of [
      '/api/cases?limit=1e309',
      '/api/cases?offset=12345678901234567890',
      '/api/audit?offset=12345678901234567890',
      '/api/audit?limit=1e309',
      '/api/users?offset=1e309',
    ]) {
      const r = await admin.get(url);
      expect(r.statusCode, `${url} ${r.body}`).toBe(400);
    }
    // Pages are bounded in the schemas: deeper than a million rows, filter.
    const deep = await admin.get('/api/cases?offset=1000001');
    expect(detailsOf(deep)).toEqual([{ field: 'offset', code: 'maximum', message: '不能大于 1000000' }]);
  });

  it('refuses numbers written as strings, and infinite numbers, in a JSON body', async () => {
    const asString = await admin.patch(`/api/catalog/matters/${matterCode}`, { difficulty: '3', reason: '调整难度' });
    expect(asString.statusCode).toBe(400);
    expect(detailsOf(asString)).toEqual([expect.objectContaining({ field: 'difficulty', code: 'type' })]);
    const infinite = await raw(
      'PATCH',
      `/api/catalog/matters/${matterCode}`,
      '{"difficulty":1e309,"reason":"调整难度"}',
    );
    expect(infinite.statusCode).toBe(400);
  });
});

describe('booleans', () => {
  it('takes only true or false in a body: null, 0, "true" and [true] are refused and change nothing', async () => {
    for (const active of [null, 0, 'true', [true], 'false']) {
      const r = await admin.patch(`/api/catalog/matters/${matterCode}`, { active, reason: '模糊测试' });
      expect(r.statusCode, `${JSON.stringify(active)} ${r.body}`).toBe(400);
      expect(detailsOf(r)).toEqual([expect.objectContaining({ field: 'active', code: 'type' })]);
    }
    const matter = (await admin.get(`/api/catalog/matters/${matterCode}`)).json().matter;
    expect(matter.active).toBe(true);
  });

  it('reads "true" and "false" from a query string, and nothing else', async () => {
    expect((await admin.get('/api/catalog/matters?includeInactive=true')).statusCode).toBe(200);
    expect((await admin.get('/api/catalog/matters?includeInactive=false')).statusCode).toBe(200);
    expect((await admin.get('/api/catalog/matters?includeInactive=yes')).statusCode).toBe(400);
  });
});

describe('unknown fields', () => {
  it('are refused with 400 naming them, and never reach the audit log', async () => {
    const before = await lastAudit();
    const r = await admin.patch(`/api/users/${userId}`, { displayName: '调度员', evil: '<script>' });
    expect(r.statusCode, r.body).toBe(400);
    expect(detailsOf(r)).toEqual([
      { field: 'evil', code: 'additionalProperties', message: expect.stringContaining('不允许') },
    ]);
    const unit = (await admin.get('/api/units')).json().items[0];
    const u = await admin.patch(`/api/units/${unit.id}`, { name: unit.name, nested: { x: 1 } });
    expect(u.statusCode, u.body).toBe(400);
    expect(detailsOf(u)[0]?.field).toBe('nested');
    expect((await lastAudit())?.id).toBe(before?.id);
  });
});

describe('errors raised by the framework', () => {
  const expectOurShape = (
    r: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
    code: string,
  ) => {
    expect(r.statusCode).toBe(status);
    const body = r.json() as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.requestId).toBe(r.headers['x-request-id']);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    return body.error;
  };

  it('answers a badly encoded URL and an over-long path parameter in the app’s shape, localized', async () => {
    const bad = await t.app.inject({ url: '/api/cases/%E0%A4%A', headers: { 'accept-language': 'en-US' } });
    expect(expectOurShape(bad, 400, 'bad-url').message).toMatch(/address/i);
    const zh = await t.app.inject({ url: '/api/cases/%E0%A4%A', headers: { 'x-request-id': 'abc-123-def-456' } });
    expect(expectOurShape(zh, 400, 'bad-url').message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.headers['x-request-id']).toBe('abc-123-def-456');
    const long = await t.app.inject({ url: `/api/cases/${'x'.repeat(300)}` });
    expectOurShape(long, 414, 'uri-too-long');
  });

  it('names malformed JSON as such', async () => {
    const r = await raw('POST', '/api/units', '{"name":', { 'accept-language': 'en-US' });
    expect(expectOurShape(r, 400, 'validation')).toMatchObject({
      details: [{ field: 'body', code: 'json', message: expect.stringContaining('JSON') }],
    });
  });

  it('answers 431 and 414 raised before the app, with the headers and a JSON body', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const send = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        const chunks: Buffer[] = [];
        socket.on('data', (c) => chunks.push(c));
        socket.on('error', reject);
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    const parse = (text: string) => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      return { statusCode: Number(statusLine.split(' ')[1]), headers, json: () => JSON.parse(body) };
    };
    const headers = parse(
      await send(
        `GET /api/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en-US\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
      ),
    );
    expect(expectOurShape(headers, 431, 'headers-too-large').message).toMatch(/header/i);
    const uri = parse(await send(`GET /api/cases?q=${'a'.repeat(40_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(expectOurShape(uri, 414, 'uri-too-long').message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('API docs', () => {
  it('are on outside production and off in production unless YIWANG_API_DOCS says otherwise', () => {
    const secretKey = Buffer.alloc(32);
    expect(loadConfig({}, { secretKey }).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }, { secretKey }).apiDocs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', YIWANG_API_DOCS: 'true' }, { secretKey }).apiDocs).toBe(true);
    expect(loadConfig({ YIWANG_API_DOCS: 'false' }, { secretKey }).apiDocs).toBe(false);
  });

  it('are not served when off, while the OpenAPI document is still built', async () => {
    const off = await createTestApp({ config: { apiDocs: false } });
    try {
      expect((await off.app.inject({ url: '/api/docs/json' })).statusCode).toBe(404);
      expect((await off.app.inject({ url: '/api/docs/' })).statusCode).toBe(404);
      expect(Object.keys((off.app.swagger() as { paths: object }).paths)).toContain('/api/users');
    } finally {
      await off.close();
    }
  });
});
