import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionInfo } from '@yiwang/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { Database } from '../db/client.js';
import { DEMO_PASSWORD } from '../modules/demo/load-demo-county.js';
import { type Config, loadConfig } from '../platform/config.js';
import type { App } from '../platform/http.js';
import { createTestDatabase } from './db.js';
import { TEST_SECRET_KEY } from './test-secret-key.js';

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  /** Signs in through the API and returns a client that carries the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  session: SessionInfo;
  cookie: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** The real app on a fresh database (with the demo county unless told otherwise). */
export async function createTestApp(
  options: {
    demo?: boolean;
    config?: Partial<Config>;
    env?: NodeJS.ProcessEnv;
    /** Adds test-only routes before the app is sealed. */
    extend?: (app: App) => void;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options.demo === false ? 'empty' : 'demo');
  const config = loadConfig(options.env ?? {}, {
    dataDir: join(tmpdir(), `yiwang-test-${randomBytes(4).toString('hex')}`),
    secretKey: TEST_SECRET_KEY,
    auditSigningKey: generateKeyPairSync('ed25519').privateKey,
    webDistDir: undefined,
    ...options.config,
  });
  const app = await buildApp({ config, database, logger: false });
  options.extend?.(app);
  await app.ready();

  const login = async (username: string, password = DEMO_PASSWORD): Promise<Client> => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200)
      throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    const setCookie = response.cookies[0];
    if (!setCookie) throw new Error('no session cookie');
    const cookie = `${setCookie.name}=${setCookie.value}`;
    const session = response.json<SessionInfo>();
    const request = (o: InjectOptions) =>
      app.inject({ ...o, headers: { cookie, 'x-csrf-token': session.csrfToken, ...o.headers } });
    return {
      session,
      cookie,
      request,
      get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
      post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
      delete: (url) => request({ method: 'DELETE', url }),
    };
  };

  return {
    app,
    database,
    config,
    login,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
