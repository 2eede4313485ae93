import type { ErrorBody, Locale } from '@yiwang/contracts';

/**
 * The worker app's one way to /api. Unlike the desk client it never throws for an HTTP
 * answer: the outbox needs the status to decide (retry, wait for sign-in, or fail with the
 * server's message), so every call answers an {@link HttpResult}. Status 0 = no network.
 */
export type HttpResult<T> =
  | { ok: true; status: number; body: T; replayed: boolean }
  | {
      ok: false;
      status: number;
      code: string;
      message: string;
      retryAfterMs: number | null;
      /** The fields at fault (`error.details` of a 4xx), for the edit screen to point at. */
      details?: { field: string; code: string; message: string }[];
    };

export type HttpFailure = Extract<HttpResult<unknown>, { ok: false }>;

interface HttpState {
  csrfToken: string | null;
  locale: Locale;
}

const state: HttpState = { csrfToken: null, locale: 'zh-CN' };

export function configureHttp(patch: Partial<HttpState>): void {
  Object.assign(state, patch);
}

export const hasCsrfToken = () => state.csrfToken !== null;

export interface SendOptions {
  /** JSON body. */
  json?: unknown;
  /** Multipart body (photos). */
  form?: FormData;
  idempotencyKey?: string;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  'error' in value &&
  typeof (value as ErrorBody).error?.code === 'string';

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export async function send<T>(method: 'GET' | 'POST', path: string, options: SendOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.locale };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {}))
    if (value !== undefined) params.set(key, String(value));
  const url = `/api${path}${params.size > 0 ? `?${params}` : ''}`;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : (options.form ?? null),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { ok: false, status: 0, code: 'network', message: '', retryAfterMs: null };
  }
  // The answer is read whole: a connection cut half-way through the body is a network failure too.
  let payload: unknown;
  try {
    const text = await response.text();
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    if (response.ok) return { ok: false, status: 0, code: 'network', message: '', retryAfterMs: null };
    payload = undefined;
  }
  if (response.ok) {
    return {
      ok: true,
      status: response.status,
      body: payload as T,
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  }
  return {
    ok: false,
    status: response.status,
    code: isErrorBody(payload) ? payload.error.code : 'http',
    message: isErrorBody(payload) ? payload.error.message : '',
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    ...(isErrorBody(payload) && payload.error.details ? { details: payload.error.details } : {}),
  };
}

/** A failed read (GET) for screens: carries the result so the message can be shown. */
export class HttpError extends Error {
  constructor(readonly failure: HttpFailure) {
    super(failure.message || failure.code);
    this.name = 'HttpError';
  }
}

export async function getJson<T>(path: string, query?: SendOptions['query'], signal?: AbortSignal): Promise<T> {
  const result = await send<T>('GET', path, { query, ...(signal ? { signal } : {}) });
  if (!result.ok) throw new HttpError(result);
  return result.body;
}
