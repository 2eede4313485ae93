import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Locale } from '@yiwang/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, type FieldProblem, httpStatusOf } from './errors.js';
import { localeFromAcceptLanguage, translate } from './i18n.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns AJV's issues into field problems a person can act on. */
export function fieldProblemsFromValidation(issues: AjvIssue[], context: string | undefined): FieldProblem[] {
  const problems = issues.map((issue) => {
    let field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const named = issue.params.missingProperty ?? issue.params.additionalProperty;
    if (['required', 'additionalProperties'].includes(issue.keyword) && typeof named === 'string') {
      field = field ? `${field}.${named}` : named;
    }
    if (!field) field = context ?? 'body';
    const isPassword = field === 'password' && ['pattern', 'minLength'].includes(issue.keyword);
    const isPhone = field === 'phone' && issue.keyword === 'pattern';
    const code = isPassword ? 'password' : isPhone ? 'phone' : issue.keyword;
    const params: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(issue.params)) {
      if (typeof value === 'string' || typeof value === 'number') params[key] = value;
    }
    return { field, code, params };
  });
  // A password too short and without digits is one problem to the person typing it, said once.
  return problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.code === p.code) === i);
}

/** Field problems in the reader's language; an unknown problem code reads as "not valid". */
export function presentFields(locale: Locale, fields: FieldProblem[]) {
  return fields.map((f) => {
    const key = `field.${f.code}`;
    const message = translate(locale, key, f.params);
    return { field: f.field, code: f.code, message: message === key ? translate(locale, 'field.invalid') : message };
  });
}

/** Fastify's own 4xx errors, by code, as the caller's input problem they are. */
function domainErrorOfFramework(error: FastifyError, reply: FastifyReply): DomainError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new DomainError('validation', {}, [{ field: 'body', code: 'json' }]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new DomainError('validation', {}, [{ field: 'body', code: 'required' }]);
    case 'FST_ERR_BAD_URL':
      return new DomainError('bad-url');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new DomainError('uri-too-long');
  }
  if (error.statusCode === 429)
    return new DomainError('rate-limited', { seconds: Number(reply.getHeader('retry-after') ?? 60) });
  if (error.statusCode === 413) return new DomainError('payload-too-large');
  if (error.statusCode === 415) return new DomainError('unsupported-media-type');
  // Anything else Fastify answers 4xx (a bad Content-Length, a body on a GET …): still the caller's input.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new DomainError('bad-request');
  return null;
}

/** Any error as a coded domain error; null when it is unexpected (a bug, the database down: a 500). */
export function domainErrorOf(error: FastifyError | DomainError | Error, reply: FastifyReply): DomainError | null {
  if (error instanceof DomainError) return error;
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    return new DomainError(
      'validation',
      {},
      fieldProblemsFromValidation(fastifyError.validation as AjvIssue[], fastifyError.validationContext),
    );
  }
  return domainErrorOfFramework(fastifyError, reply);
}

/** The body of every error answer: code, message in the reader's language, request id, field details. */
export function errorBody(locale: Locale, domain: DomainError, requestId: string) {
  const params = domain.code === 'internal' ? { requestId } : domain.params;
  return {
    error: {
      code: domain.code,
      message: translate(locale, domain.code, params),
      requestId,
      ...(domain.fields.length ? { details: presentFields(locale, domain.fields) } : {}),
    },
  };
}

/**
 * The one place where errors become HTTP. Domain errors keep their code; bad input of
 * any kind is a 4xx with details; anything else is a 500 whose body leaks nothing.
 */
export function handleError(error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale ?? 'zh-CN';
  const requestId = String(request.id);
  let domain = domainErrorOf(error, reply);
  if (!domain) {
    request.log.error({ err: error }, 'unhandled error');
    domain = new DomainError('internal', { requestId });
  }
  reply.status(httpStatusOf(domain.code)).send(errorBody(locale, domain, requestId));
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request id to answer with: the caller's X-Request-Id when well-formed, else a new one. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Errors Fastify meets before any hook runs (a badly encoded URL, an over-long path
 * parameter): answered like every other error, with the request id, locale and security headers.
 */
export function frameworkErrorHandler(securityHeaders: Record<string, string>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
    reply.headers(securityHeaders).header('x-request-id', request.id).header('cache-control', 'no-store');
    handleError(error, request, reply);
  };
}

/** Longer than any URL the apps make: a request line this long is what overflowed Node's header limit. */
const LONG_REQUEST_LINE = 8 * 1024;

/**
 * Errors Node's HTTP parser meets before Fastify has a request (headers or URL over the
 * limit, a malformed request): a complete HTTP answer written to the socket, in the same
 * JSON shape and with the same headers as any other error. The language comes from the
 * Accept-Language of whatever bytes were read.
 */
export function clientErrorHandler(securityHeaders: Record<string, string>) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const raw = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '';
    const headerValue = (name: string) => new RegExp(`\\r\\n${name}:[ \\t]*([^\\r\\n]*)`, 'i').exec(raw)?.[1];
    const requestLine = raw.split('\r\n', 1)[0] ?? '';
    const code: ErrorCode =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? requestLine.length > LONG_REQUEST_LINE
          ? 'uri-too-long'
          : 'headers-too-large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 'request-timeout'
          : 'bad-request';
    const requestId = requestIdOf(headerValue('x-request-id'));
    const status = httpStatusOf(code);
    const body = JSON.stringify(
      errorBody(localeFromAcceptLanguage(headerValue('accept-language')), new DomainError(code), requestId),
    );
    const headers = {
      ...securityHeaders,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-request-id': requestId,
      'cache-control': 'no-store',
      connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}\r\n${body}`);
    else socket.destroy(error);
  };
}
