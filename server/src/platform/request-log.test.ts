import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Database } from '../db/client.js';
import { DEMO_PASSWORD } from '../modules/demo/load-demo-county.js';
import { createTestDatabase } from '../test/db.js';
import { loadConfig } from './config.js';
import type { App } from './http.js';

let app: App;
let database: Database;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase('demo');
  const config = loadConfig(
    {},
    {
      dataDir: join(tmpdir(), `yiwang-test-${randomBytes(4).toString('hex')}`),
      secretKey: randomBytes(32),
      auditSigningKey: generateKeyPairSync('ed25519').privateKey,
      webDistDir: undefined,
    },
  );
  // The real logger (pino) with its real serializers, writing to a stream the test reads.
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  app = await buildApp({ config, database, logger: { stream } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function adminGet(url: string) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: DEMO_PASSWORD },
  });
  const cookie = login.cookies[0];
  const response = await app.inject({ method: 'GET', url, headers: { cookie: `${cookie?.name}=${cookie?.value}` } });
  expect(response.statusCode, response.body).toBe(200);
  return response.headers['x-request-id'] as string;
}

/** The URLs the request log holds for one request. */
const loggedUrls = (requestId: string) =>
  lines
    .map((line) => JSON.parse(line) as { reqId?: string; req?: { url?: string } })
    .filter((entry) => entry.reqId === requestId && entry.req?.url)
    .map((entry) => entry.req?.url);

describe('the request log', () => {
  it('never holds the phone number or name an admin searched accounts by', async () => {
    const byPhone = await adminGet('/api/users?q=13812345678&limit=20');
    const byName = await adminGet(`/api/users?q=${encodeURIComponent('张三丰')}`);
    expect(loggedUrls(byPhone)).toEqual(['/api/users?q=***&limit=***']);
    expect(loggedUrls(byName)).toEqual(['/api/users?q=***']);
    const all = lines.join('\n');
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain(encodeURIComponent('张三丰'));
  });

  it('masks, on any route, a query value that looks like a phone or an ID number, and keeps the rest', async () => {
    const phone = await adminGet('/api/units?q=138-1234-5678&limit=5');
    expect(loggedUrls(phone)).toEqual(['/api/units?q=***&limit=5']);
    const idNumber = await adminGet('/api/units?q=32028119900101123X');
    expect(loggedUrls(idNumber)).toEqual(['/api/units?q=***']);
    const plain = await adminGet(`/api/units?q=${encodeURIComponent('城管')}`);
    expect(loggedUrls(plain)).toEqual([`/api/units?q=${encodeURIComponent('城管')}`]);
    const secret = await adminGet('/api/units?token=s3cr3t-value');
    expect(loggedUrls(secret)).toEqual(['/api/units?token=***']);
    expect(lines.join('\n')).not.toMatch(/1381234|32028119900101123X|s3cr3t/);
  });
});
