import { describe, expect, it } from 'vitest';
import { ApiError, newIdempotencyKey, queryString, requestHeaders, retryAfterMs } from './http';

describe('the HTTP core', () => {
  const signedIn = { csrfToken: 'csrf-1', locale: 'en-US' as const };

  it('sends the reader’s language always and the CSRF token only on writes', () => {
    expect(requestHeaders(signedIn, 'GET')).toEqual({ Accept: 'application/json', 'Accept-Language': 'en-US' });
    expect(requestHeaders(signedIn, 'POST', { json: { a: 1 } })).toEqual({
      Accept: 'application/json',
      'Accept-Language': 'en-US',
      'Content-Type': 'application/json',
      'X-CSRF-Token': 'csrf-1',
    });
    expect(requestHeaders({ csrfToken: null, locale: 'zh-CN' }, 'POST')).toEqual({
      Accept: 'application/json',
      'Accept-Language': 'zh-CN',
    });
  });

  it('adds the idempotency key and other headers; a multipart body gets no JSON content type', () => {
    const headers = requestHeaders(signedIn, 'POST', {
      form: new FormData(),
      idempotencyKey: 'k-1',
      headers: { 'If-Match': '"3"' },
    });
    expect(headers['Idempotency-Key']).toBe('k-1');
    expect(headers['If-Match']).toBe('"3"');
    expect(headers['Content-Type']).toBeUndefined();
  });

  it('leaves unset and empty values out of the query', () => {
    expect(queryString({ q: '井盖', page: 2, open: true, none: undefined, nil: null, empty: '' })).toBe(
      `?q=${encodeURIComponent('井盖')}&page=2&open=true`,
    );
    expect(queryString({ empty: '' })).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.parse('2026-05-12T02:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 12 May 2026 02:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('makes keys the server takes as an Idempotency-Key, a new one each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('turns a failure into a typed error, with a fallback message when the server sent none', () => {
    const failure = { ok: false as const, status: 502, code: 'http', message: '', retryAfterMs: null };
    const error = ApiError.of(failure, 'HTTP 502');
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message, error.details]).toEqual([502, 'http', 'HTTP 502', []]);
  });
});
