import type { App } from '../../../platform/http.js';

/** A signed-in user of the real app, driven through `inject` (no network, the whole request path). */
export interface SimClient {
  readonly userId: string;
  post<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  get<T = unknown>(url: string): Promise<T>;
  upload(url: string, bytes: Buffer, contentType: string): Promise<{ id: string }>;
}

export class SimError extends Error {}

/** Signs in through the API (as the desk does) and answers a client carrying the cookie and CSRF token. */
export async function signIn(app: App, username: string, password: string): Promise<SimClient> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new SimError(`login ${username}: ${r.statusCode} ${r.body}`);
  const cookie = r.cookies[0];
  if (!cookie) throw new SimError('no session cookie');
  const session = r.json<{ csrfToken: string; user: { id: string } }>();
  const headers = { cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': session.csrfToken };
  const check = (method: string, url: string, res: { statusCode: number; body: string }) => {
    if (res.statusCode >= 300) throw new SimError(`${username} ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.body === '' ? undefined : JSON.parse(res.body);
  };
  return {
    userId: session.user.id,
    post: async (url, body, extra = {}) =>
      check(
        'POST',
        url,
        await app.inject({
          method: 'POST',
          url,
          headers: { ...headers, ...extra },
          ...(body === undefined ? {} : { payload: body as object }),
        }),
      ),
    get: async (url) => check('GET', url, await app.inject({ method: 'GET', url, headers })),
    upload: async (url, bytes, contentType) =>
      check(
        'POST',
        url,
        await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload: bytes }),
      ),
  };
}
