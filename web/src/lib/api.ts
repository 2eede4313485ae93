import type { Locale } from '@yiwang/contracts';
import { ApiError, type HttpContext, type QueryValue, type SendOptions, sendHttp } from '../shared/http';
import { translate } from './i18n/translate';

export { ApiError, type FieldProblem, isApiError } from '../shared/http';

interface ApiState extends HttpContext {
  csrfToken: string | null;
  locale: Locale;
  /** Called when the server says the session is gone (401); the app then shows the login page. */
  onUnauthenticated: () => void;
  /** Called when the server now demands a second factor first; the app reloads the session and shows the setup page. */
  onEnrollmentRequired: () => void;
}

const state: ApiState = {
  csrfToken: null,
  locale: 'zh-CN',
  onUnauthenticated: () => {},
  onEnrollmentRequired: () => {},
};

export function configureApi(patch: Partial<ApiState>): void {
  Object.assign(state, patch);
}

/** 401 answers to a wrong password or code: the session (if any) is still fine. */
const CREDENTIAL_CHECKS = new Set(['invalid-credentials', 'totp-required', 'invalid-totp']);

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Multipart body (photos) instead of JSON. */
  form?: FormData;
  idempotencyKey?: string;
  /** Other headers (If-Match). */
  headers?: Record<string, string>;
  /** A 401 is an expected answer here (the login form, the session probe): do not leave the page. */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
}

/** The shared core, plus the desk's own answer to a lost session (the login page) or a required second factor. */
async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, expectUnauthenticated, ...rest } = options;
  const sendOptions: SendOptions = { ...rest, ...(body !== undefined ? { json: body } : {}) };
  const result = await sendHttp<T>(state, method, path, sendOptions);
  if (result.ok) {
    if (result.body === undefined && result.status !== 204) {
      throw new ApiError(result.status, 'http', translate(state.locale, 'error.http', { status: result.status }));
    }
    return result.body;
  }
  if (result.status === 0) throw ApiError.of(result, translate(state.locale, 'error.network'));
  if (result.status === 401 && !CREDENTIAL_CHECKS.has(result.code) && !expectUnauthenticated) {
    state.onUnauthenticated();
  }
  if (result.code === 'totp-enrollment-required') state.onEnrollmentRequired();
  throw ApiError.of(result, translate(state.locale, 'error.http', { status: result.status }));
}

/** The one way the desk talks to /api: JSON, same-origin cookie, CSRF header, Accept-Language. */
export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options?: Omit<RequestOptions, 'query'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
