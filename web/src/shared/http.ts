import type { ErrorBody, Locale } from '@yiwang/contracts';

/**
 * The one HTTP core of the three apps: JSON or multipart to /api, same-origin cookie, the
 * session's CSRF token on writes, Accept-Language so the server answers in the reader's
 * language, an Idempotency-Key where asked. It never throws for an HTTP answer: each app's
 * thin wrapper decides what a failure means there (the desk and the portal throw
 * {@link ApiError} and go to their sign-in on a 401; the worker app's outbox reads the status).
 */

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export type HttpResult<T> =
  | { ok: true; status: number; body: T; replayed: boolean }
  | {
      ok: false;
      /** 0 = no network (or an answer cut off half-way). */
      status: number;
      code: string;
      /** The server's message, already in the reader's language; '' when it sent none. */
      message: string;
      retryAfterMs: number | null;
      /** The fields at fault (`error.details` of a 4xx). */
      details?: FieldProblem[];
      requestId?: string;
    };

export type HttpFailure = Extract<HttpResult<unknown>, { ok: false }>;

/** What an app knows when it calls: its session's CSRF token and the reader's language. */
export interface HttpContext {
  csrfToken: string | null;
  locale: Locale;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface SendOptions {
  /** JSON body. */
  json?: unknown;
  /** Multipart body (photos). */
  form?: FormData;
  idempotencyKey?: string;
  /** Other headers (If-Match). */
  headers?: Record<string, string>;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

/** The request's headers: language always, CSRF on writes, content type for JSON, the idempotency key if any. */
export function requestHeaders(
  context: HttpContext,
  method: string,
  options: SendOptions = {},
): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': context.locale };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && context.csrfToken) headers['X-CSRF-Token'] = context.csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  return { ...headers, ...options.headers };
}

/** `?a=1&b=x`, leaving out what is unset or empty; '' when nothing is left. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Retry-After in milliseconds (seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * A fresh Idempotency-Key (a UUID v4). crypto.randomUUID exists only on https pages, and a
 * trial install may serve the apps over plain http on the local network: then from
 * getRandomValues, which every browser has.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  'error' in value &&
  typeof (value as ErrorBody).error?.code === 'string';

export async function sendHttp<T>(
  context: HttpContext,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<HttpResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, {
      method,
      headers: requestHeaders(context, method, options),
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
  const error = isErrorBody(payload) ? payload.error : undefined;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? 'http',
    message: error?.message ?? '',
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    ...(error?.details ? { details: error.details } : {}),
    ...(error?.requestId ? { requestId: error.requestId } : {}),
  };
}

/** A failed API call, thrown by the desk's and the portal's wrappers. `message` is already translated. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The failure as an error; `fallback` is the message when the server sent none (network, a bare 502). */
  static of(failure: HttpFailure, fallback = ''): ApiError {
    return new ApiError(failure.status, failure.code, failure.message || fallback, failure.details, failure.requestId);
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);
