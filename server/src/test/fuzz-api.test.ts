import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_OPEN311_API_KEY } from '../modules/demo/load-demo-county.js';
import { signHotline } from '../modules/hotline/signature.js';
import { type Client, createTestApp, type TestApp } from './app.js';

/**
 * R3: every route of the OpenAPI document (so a new route is fuzzed without being listed
 * here) gets invalid input of every class, as an admin (with the CSRF token), a resident,
 * anonymously and anonymously with a valid 12345 signature. Any 5xx fails the test and is
 * printed with its route, input and answer. Deterministic (fixed seed) and bounded.
 */

const SEED = 20_261_202;
/** A request not answered by then is taken to be a stream (SSE); the rest of its route is skipped for that caller. */
const ANSWER_WITHIN_MS = 2_500;
const HOTLINE_SECRET = 'fuzz-hotline-secret';
/** Values a route cannot get past without (a credential, a point inside the demo county); the rest comes from the schema. */
const KNOWN_VALUES: Record<string, unknown> = {
  api_key: DEMO_OPEN311_API_KEY,
  lon: 120.2853,
  long: 120.2853,
  lat: 31.9196,
};
/** Tried first against a string's pattern, so that codes and dates look like real ones (the demo county's). */
const LIKELY_STRINGS = [
  new Date().toISOString().slice(0, 10),
  '320281',
  '320281001',
  'CG-0101',
  'YW20261202-000001',
  'Fuzz12345678',
];

type Schema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/users/{id}. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: Schema | undefined;
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as Parameter[];
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body,
      });
    }
  }
  // Reads first, deletions last, so that what is read and changed still exists.
  const order = (m: string) => ({ GET: 0, POST: 1, PUT: 1, PATCH: 2, DELETE: 3 })[m] ?? 1;
  return ops.sort((a, b) => order(a.method) - order(b.method) || a.path.localeCompare(b.path));
}

/** A value the schema accepts, or as close as we can make one (a pattern with lookaheads, say). */
function sample(schema: Schema | undefined, name = ''): unknown {
  if (!schema) return 'x';
  if (name in KNOWN_VALUES) return KNOWN_VALUES[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return sample(variants.find((v) => v.type !== 'null') ?? variants[0], name);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, name)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(low, schema.maximum ?? low);
    }
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => sample(schema.items));
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, sub]) => [key, sample(sub, key)]));
    default:
      return 'x';
  }
}

function sampleString(schema: Schema): string {
  switch (schema.format) {
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'email':
      return 'fuzz@example.org';
    case 'uri':
      return 'https://example.org/fuzz';
    default:
      // Any other format (or none): sampled from the pattern and length below.
      break;
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const likely = LIKELY_STRINGS.find(
      (text) =>
        pattern.test(text) && text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? 200),
    );
    if (likely) return likely;
    try {
      const [text] = fc.sample(
        fc.stringMatching(pattern).filter((s) => s.length <= (schema.maxLength ?? 200)),
        { seed: SEED, numRuns: 1 },
      );
      if (text !== undefined && text.length >= (schema.minLength ?? 0)) return text;
    } catch {
      // A pattern fast-check cannot generate from (lookaheads): letters and digits satisfy most.
    }
    return 'Fuzz12345678';
  }
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** JSON text that JSON.stringify cannot write (an infinite number, a 20-digit integer, a lone surrogate). */
const raw = (text: string) => `\u2063raw:${text}\u2063`;
const toJson = (value: unknown) => JSON.stringify(value).replace(/"\u2063raw:(.*?)\u2063"/g, (_, text) => text);

/** Wrong in kind or beyond what any field holds. */
const BAD_VALUES: unknown[] = [
  null,
  0,
  -1,
  2_147_483_648,
  raw('12345678901234567890'),
  raw('1e309'),
  raw('-1e309'),
  'NaN',
  'true',
  true,
  [true],
  {},
  [],
  '',
  'a\u0000b',
  raw('"a\\ud800b"'),
  'x'.repeat(100_000),
  '中'.repeat(5_000),
  '../../etc/passwd',
];
const BAD_PATH_SEGMENTS = [
  '%00',
  '..%2F..%2Fapi%2Fusers',
  'x'.repeat(120),
  '%E0%A4%A',
  '%ED%A0%80',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  encodeURIComponent('中文'),
];
const BAD_QUERY_VALUES = [
  '',
  '%00',
  '%ED%A0%80',
  '1e309',
  '12345678901234567890',
  '2147483648',
  '-1',
  'NaN',
  'x'.repeat(3_000),
];
const BAD_BODIES: { payload: string; contentType?: string }[] = [
  { payload: '{"a":' },
  { payload: '' },
  { payload: 'null' },
  { payload: '[]' },
  { payload: '"x"' },
  { payload: '1e309' },
  { payload: `${'['.repeat(5_000)}${']'.repeat(5_000)}` },
  { payload: `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}` },
  { payload: '{"__proto__":{"admin":true}}' },
  { payload: 'x', contentType: 'text/plain' },
  { payload: 'a=b&a=%00', contentType: 'application/x-www-form-urlencoded' },
  { payload: '<a/>', contentType: 'application/xml' },
  { payload: toJson({ x: 'y'.repeat(1_100_000) }) },
];

/** Paths to a body's fields: top level, objects below them, the first item of arrays of objects. */
function fieldPaths(schema: Schema | undefined, prefix: string[] = [], depth = 0): string[][] {
  const props = schema?.properties ?? schema?.anyOf?.find((s) => s.properties)?.properties;
  if (!props || depth > 2) return [];
  const paths: string[][] = [];
  for (const [key, sub] of Object.entries(props)) {
    paths.push([...prefix, key]);
    paths.push(...fieldPaths(sub, [...prefix, key], depth + 1));
    if (sub.items?.properties) paths.push(...fieldPaths(sub.items, [...prefix, key, '0'], depth + 1));
  }
  return paths;
}

function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = /^\d+$/.test(key) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1) as string] = value;
  return copy;
}

interface Attempt {
  label: string;
  /** One of many attempts of its kind: each caller makes its share of them (the same ones every run). */
  sampled?: boolean;
  url: string;
  payload?: string;
  contentType?: string;
}

function urlOf(op: Operation, segments: Record<string, string>, query: Record<string, string> | string): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => segments[name] ?? 'x');
  const search =
    typeof query === 'string'
      ? query
      : Object.entries(query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&');
  return search ? `${path}?${search}` : path;
}

/** Every attempt at one operation: the valid request, then one kind of wrong input at a time. */
function attemptsFor(op: Operation, knownIds: Record<string, string>): Attempt[] {
  const segments = Object.fromEntries(
    op.pathParams.map((p) => [p.name, knownIds[p.name] ?? encodeURIComponent(String(sample(p.schema, p.name)))]),
  );
  const query = Object.fromEntries(
    op.queryParams.map((p) => [p.name, encodeURIComponent(String(sample(p.schema, p.name)))]),
  );
  const takesBody = op.method !== 'GET';
  const body = op.body ? sample(op.body) : undefined;
  const json = body === undefined ? undefined : toJson(body);
  const base = { payload: json };
  const attempts: Attempt[] = [{ label: 'valid', url: urlOf(op, segments, query), ...base }];
  for (const p of op.pathParams) {
    const unknown = encodeURIComponent(String(sample(p.schema, p.name)));
    attempts.push({
      label: `path ${p.name} unknown`,
      url: urlOf(op, { ...segments, [p.name]: unknown }, query),
      ...base,
    });
    for (const bad of BAD_PATH_SEGMENTS)
      attempts.push({
        label: `path ${p.name}=${bad.slice(0, 20)}`,
        sampled: true,
        url: urlOf(op, { ...segments, [p.name]: bad }, query),
        ...base,
      });
  }
  for (const p of op.queryParams) {
    for (const bad of BAD_QUERY_VALUES)
      attempts.push({
        label: `query ${p.name}=${bad.slice(0, 20)}`,
        sampled: true,
        url: urlOf(op, segments, { ...query, [p.name]: bad }),
        ...base,
      });
    attempts.push({
      label: `query ${p.name} twice`,
      url: urlOf(op, segments, `${urlOf(op, {}, query).split('?')[1] ?? ''}&${p.name}=a&${p.name}=b`),
      ...base,
    });
  }
  attempts.push({ label: 'unknown query parameter', url: urlOf(op, segments, { ...query, zz: '%00' }), ...base });
  if (takesBody) {
    for (const bad of BAD_BODIES)
      attempts.push({
        label: `body ${bad.payload.slice(0, 20)} (${bad.contentType ?? 'json'})`,
        sampled: true,
        url: urlOf(op, segments, query),
        ...bad,
      });
  }
  if (op.body && body !== null && typeof body === 'object') {
    for (const path of fieldPaths(op.body)) {
      for (const bad of BAD_VALUES) {
        attempts.push({
          label: `body ${path.join('.')}=${JSON.stringify(bad)?.slice(0, 30)}`,
          sampled: true,
          url: urlOf(op, segments, query),
          payload: toJson(withValueAt(body, path, bad)),
        });
      }
    }
    attempts.push({
      label: 'body unknown field',
      url: urlOf(op, segments, query),
      payload: toJson({ ...body, zzUnknown: 'x' }),
    });
  }
  return attempts;
}

interface Caller {
  name: string;
  /** Share of the sampled attempts this caller makes. */
  share: number;
  send(options: InjectOptions): Promise<LightMyRequestResponse>;
}

let t: TestApp;
const errors = new Map<string, string>();
beforeAll(async () => {
  const plenty = { max: 1_000_000, windowSeconds: 60 };
  t = await createTestApp({
    env: { YIWANG_HOTLINE_SECRET: HOTLINE_SECRET },
    config: { loginRateLimit: plenty, publicRateLimit: plenty, registerRateLimit: plenty },
    extend: (app) =>
      app.addHook('onError', async (request, _reply, error) => {
        errors.set(String(request.id), `${error.message}`.slice(0, 300));
      }),
  });
}, 120_000);
afterAll(() => t?.close());

/** A signed-in caller that signs in again when a fuzzed request ended its session (logout, say). */
async function signedIn(username: string, share: number): Promise<Caller & { userId: string }> {
  let client: Client = await t.login(username);
  return {
    name: username,
    share,
    userId: client.session.user.id,
    async send(options) {
      const response = await client.request(options);
      if (response.statusCode === 401) client = await t.login(username);
      return response;
    },
  };
}

/** Fills path parameters with ids that exist, read from the list one level up, as the admin. */
async function knownIdsFor(op: Operation, ops: Operation[], admin: Caller, skip: Set<string>) {
  const ids: Record<string, string> = {};
  for (const param of op.pathParams) {
    const listPath = op.path.slice(0, op.path.indexOf(`/{${param.name}}`));
    if (!ops.some((o) => o.method === 'GET' && o.path === listPath)) continue;
    const url = listPath.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'x');
    const response = await admin.send({ method: 'GET', url });
    if (response.statusCode !== 200) continue;
    const json = response.json() as unknown;
    const items = Array.isArray(json) ? json : ((json as { items?: unknown[] }).items ?? []);
    for (const item of items as Record<string, unknown>[]) {
      const value = item?.[param.name] ?? item?.id ?? item?.code;
      if (typeof value === 'string' && !skip.has(value)) {
        ids[param.name] = encodeURIComponent(value);
        break;
      }
    }
  }
  return ids;
}

/** Deterministic choice of a share of the attempts (the same ones every run), by an FNV-1a hash of what it is. */
function chosen(share: number, what: string): boolean {
  let hash = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < what.length; i++) hash = Math.imul(hash ^ what.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) % 1000) / 1000 < share;
}

it('answers every route’s invalid input with 4xx, never 5xx', async () => {
  const started = Date.now();
  const ops = operationsOf(t.app.swagger() as never);
  expect(ops.length).toBeGreaterThan(50);
  // The admin passes every check but the input's, so it reaches the most code.
  const admin = await signedIn('admin', 0.5);
  const resident = await signedIn('resident', 0.15);
  const anonymous: Caller = { name: 'anonymous', share: 0.15, send: (o) => t.app.inject(o) };
  const signed: Caller = {
    name: 'anonymous, signed as 12345',
    share: 0.08,
    send: (o) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = signHotline(HOTLINE_SECRET, timestamp, typeof o.payload === 'string' ? o.payload : '');
      return t.app.inject({
        ...o,
        headers: { ...o.headers, 'x-hotline-timestamp': timestamp, 'x-hotline-signature': signature },
      });
    },
  };
  const callers = [admin, resident, anonymous, signed];
  const ownIds = new Set([admin.userId, resident.userId]);

  const failures: string[] = [];
  const streams: string[] = [];
  const statuses = new Map<number, number>();
  for (const op of ops) {
    const attempts = attemptsFor(op, await knownIdsFor(op, ops, admin, ownIds));
    for (const caller of callers) {
      for (const attempt of attempts) {
        if (attempt.sampled && !chosen(caller.share, `${caller.name} ${op.method} ${op.path} ${attempt.label}`))
          continue;
        const headers: Record<string, string> = {};
        if (attempt.payload !== undefined && op.method !== 'GET')
          headers['content-type'] = attempt.contentType ?? 'application/json';
        const response = await caller
          .send({
            method: op.method as InjectOptions['method'],
            url: attempt.url,
            headers,
            ...(attempt.payload !== undefined && op.method !== 'GET' ? { payload: attempt.payload } : {}),
            signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
          })
          .catch((error: Error) => error);
        if (response instanceof Error) {
          streams.push(`${caller.name} ${op.method} ${op.path} (${attempt.label}): ${response.name}`);
          break;
        }
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500) {
          const requestId = String(response.headers['x-request-id']);
          failures.push(
            [
              `${response.statusCode} ${caller.name} ${op.method} ${attempt.url.slice(0, 200)}`,
              `  input: ${attempt.label}; body ${(attempt.payload ?? '').slice(0, 200)}`,
              `  answer: ${response.body.slice(0, 300)}`,
              `  cause: ${errors.get(requestId) ?? '(not thrown)'}`,
            ].join('\n'),
          );
        }
      }
    }
  }
  const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(
    `fuzzed ${ops.length} operations with ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      byStatus.join(' ') +
      (streams.length ? `; not answered within ${ANSWER_WITHIN_MS} ms (streams):\n  ${streams.join('\n  ')}` : ''),
  );
  expect(failures, `${failures.length} requests answered 5xx:\n${failures.join('\n')}`).toEqual([]);
}, 600_000);
