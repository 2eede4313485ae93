import type { Locale } from '@yiwang/contracts';
import { type HttpFailure, type HttpResult, type SendOptions as SharedSendOptions, sendHttp } from '../../shared/http';

/**
 * The worker app's one way to /api: the shared HTTP core as it is. Unlike the desk client it
 * never throws for an HTTP answer: the outbox needs the status to decide (retry, wait for
 * sign-in, or fail with the server's message), so every call answers an {@link HttpResult}.
 * Status 0 = no network.
 */
export type { HttpFailure, HttpResult };

interface HttpState {
  csrfToken: string | null;
  locale: Locale;
}

const state: HttpState = { csrfToken: null, locale: 'zh-CN' };

export function configureHttp(patch: Partial<HttpState>): void {
  Object.assign(state, patch);
}

export const hasCsrfToken = () => state.csrfToken !== null;

export type SendOptions = Omit<SharedSendOptions, 'headers'>;

export const send = <T>(method: 'GET' | 'POST', path: string, options: SendOptions = {}): Promise<HttpResult<T>> =>
  sendHttp<T>(state, method, path, options);

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
