import type { Locale } from '@yiwang/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldProblem, httpStatusOf } from './errors.js';
import { translate } from './i18n.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns AJV's issues into field problems a person can act on. */
export function fieldProblemsFromValidation(issues: AjvIssue[], context: string | undefined): FieldProblem[] {
  const problems = issues.map((issue) => {
    let field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
      field = field ? `${field}.${issue.params.missingProperty}` : issue.params.missingProperty;
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

function present(locale: Locale, fields: FieldProblem[]) {
  return fields.map((f) => {
    const key = `field.${f.code}`;
    const message = translate(locale, key, f.params);
    return { field: f.field, code: f.code, message: message === key ? translate(locale, 'field.invalid') : message };
  });
}

/**
 * The one place where errors become HTTP. Domain errors keep their code; bad input of
 * any kind is a 4xx with details; anything else is a 500 whose body leaks nothing.
 */
export function handleError(error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale ?? 'zh-CN';
  const requestId = String(request.id);
  let domain: DomainError;
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (error instanceof DomainError) {
    domain = error;
  } else if (fastifyError.validation) {
    domain = new DomainError(
      'validation',
      {},
      fieldProblemsFromValidation(fastifyError.validation as AjvIssue[], fastifyError.validationContext),
    );
  } else if (fastifyError.statusCode === 429) {
    domain = new DomainError('rate-limited', { seconds: Number(reply.getHeader('retry-after') ?? 60) });
  } else if (fastifyError.statusCode === 413) {
    domain = new DomainError('payload-too-large');
  } else if (fastifyError.statusCode === 415) {
    domain = new DomainError('unsupported-media-type');
  } else if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Malformed JSON, empty body and the like: still the caller's input.
    domain = new DomainError('validation', {}, [{ field: 'body', code: 'invalid' }]);
  } else {
    request.log.error({ err: error }, 'unhandled error');
    domain = new DomainError('internal', { requestId });
  }
  const status = httpStatusOf(domain.code);
  const params = domain.code === 'internal' ? { requestId } : domain.params;
  reply.status(status).send({
    error: {
      code: domain.code,
      message: translate(locale, domain.code, params),
      requestId,
      ...(domain.fields.length ? { details: present(locale, domain.fields) } : {}),
    },
  });
}
