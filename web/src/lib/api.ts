import type { ErrorBody, Locale } from '@yiwang/contracts';
import { translate } from './i18n/translate';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** A failed API call. `message` is already translated (by the server, or here for network failures). */
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
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

interface ApiState {
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

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A 401 is an expected answer here (the login form, the session probe): do not leave the page. */
  expectUnauthenticated?: boolean;
  signal?: AbortSignal;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  'error' in value &&
  typeof (value as ErrorBody).error?.code === 'string';

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.locale };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network', translate(state.locale, 'error.network'));
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);

  if (!response.ok) {
    const code = isErrorBody(payload) ? payload.error.code : 'http';
    if (response.status === 401 && !CREDENTIAL_CHECKS.has(code) && !options.expectUnauthenticated) {
      state.onUnauthenticated();
    }
    if (code === 'totp-enrollment-required') state.onEnrollmentRequired();
    if (isErrorBody(payload)) {
      const { message, details, requestId } = payload.error;
      throw new ApiError(response.status, code, message, details ?? [], requestId);
    }
    throw new ApiError(response.status, 'http', translate(state.locale, 'error.http', { status: response.status }));
  }
  if (payload === undefined) {
    throw new ApiError(response.status, 'http', translate(state.locale, 'error.http', { status: response.status }));
  }
  return payload as T;
}

/** The one way the browser talks to /api: JSON, same-origin cookie, CSRF header, Accept-Language. */
export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options?: Omit<RequestOptions, 'query'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
