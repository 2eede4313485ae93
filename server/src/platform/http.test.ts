import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEntryFor } from '../app.js';
import { createTestApp, type TestApp } from '../test/app.js';
import { DomainError } from './errors.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    extend: (app) =>
      app.register(
        async (api) => {
          api.addHook('onRequest', async (request) => {
            // Same order as real routes: authentication first.
            if (!request.headers.cookie) throw new DomainError('unauthenticated');
          });
          // A route that fails unexpectedly, to see what a 500 reveals.
          api.get('/__boom', async () => {
            throw new Error('secret internal detail: connection string postgres://u:p@h/db');
          });
          api.get('/__domain', async () => {
            throw new DomainError('conflict', { what: 'X' });
          });
        },
        { prefix: '/api' },
      ),
  });
});
afterAll(() => t.close());

describe('errors', () => {
  it('answers bad input with 400 and field-level details in Chinese by default', async () => {
    const admin = await t.login('admin');
    const r = await admin.post('/api/users', { username: 'a', password: 'short', roles: [], scopeRegionCode: 'x' });
    expect(r.statusCode).toBe(400);
    const { error } = r.json();
    expect(error.code).toBe('validation');
    expect(error.message).toBe('提交的内容有误，请按提示修改后重试。');
    const byField = Object.fromEntries(
      error.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    );
    expect(byField).toMatchObject({
      username: '至少 3 个字符',
      displayName: '必填',
      password: '密码至少 10 位，且须同时包含字母和数字',
      roles: '至少选择 1 项',
      scopeRegionCode: '格式不正确',
    });
  });

  it('speaks English when asked', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(r.statusCode).toBe(400);
    const { error } = r.json();
    expect(error.message).toMatch(/^Some of the input is not valid/);
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'username', code: 'minLength', message: 'must be at least 1 characters' },
        { field: 'password', code: 'required', message: 'required' },
      ]),
    );
  });

  it('follows the signed-in user’s language setting', async () => {
    const client = await t.login('leader');
    await client.request({ method: 'PUT', url: '/api/auth/preferences', payload: { locale: 'en-US' } });
    const r = await client.get('/api/regions/320281999999');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.message).toBe('Not found, or not within your data scope.');
    await client.request({ method: 'PUT', url: '/api/auth/preferences', payload: { locale: 'zh-CN' } });
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('validation');
  });

  it('answers an unsupported content type with 415 and an oversized body with 413', async () => {
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: 'x',
      headers: { 'content-type': 'text/csv' },
    });
    expect(text.statusCode).toBe(415);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBe(413);
  });

  it('maps domain errors to their status in one place', async () => {
    const r = await t.app.inject({ url: '/api/__domain' });
    expect(r.statusCode).toBe(401); // authentication runs first
    const admin = await t.login('admin');
    const conflict = await admin.get('/api/__domain');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.message).toBe('X已存在，请换一个。');
  });

  it('never leaks internals in a 500 body, and gives the request id', async () => {
    const admin = await t.login('admin');
    const r = await admin.get('/api/__boom');
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toContain('secret');
    expect(r.body).not.toContain('postgres://');
    expect(r.json().error.requestId).toBe(r.headers['x-request-id']);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const r = await t.app.inject({ url: '/api/no-such-thing' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not-found');
  });
});

describe('headers', () => {
  it('sets security headers, a request id and no-store on API responses', async () => {
    const r = await t.app.inject({ url: '/api/auth/session' });
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });

  it('keeps a well-formed incoming request id and replaces a malformed one', async () => {
    const kept = await t.app.inject({ url: '/api/auth/session', headers: { 'x-request-id': 'abc-123-def-456' } });
    expect(kept.headers['x-request-id']).toBe('abc-123-def-456');
    const replaced = await t.app.inject({
      url: '/api/auth/session',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    // A fresh id of the server's own (a UUID, whose hex may well spell "bad": compare it whole).
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('health', () => {
  it('answers 200 without sign-in when the database is reachable, and nothing about the data', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('web apps', () => {
  it('serves each app its own entry for its client-side routes', () => {
    expect(appEntryFor('/m')).toBe('m/index.html');
    expect(appEntryFor('/m/report')).toBe('m/index.html');
    expect(appEntryFor('/r/follow/C123')).toBe('r/index.html');
    expect(appEntryFor('/screen')).toBe('screen/index.html');
    expect(appEntryFor('/cases/C123')).toBe('index.html');
    expect(appEntryFor('/map')).toBe('index.html');
  });
});

describe('OpenAPI', () => {
  it('is generated from the route schemas and browsable at /api/docs', async () => {
    const spec = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/regions/{code}', '/api/users', '/api/audit/verify']),
    );
    expect(spec.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toContain('username');
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
