import { AjvCompiler, type BuildCompilerFromPool, type RouteDefinition } from '@fastify/ajv-compiler';

/**
 * Input no schema describes but the database cannot keep: a NUL character (PostgreSQL text
 * refuses it), a lone UTF-16 surrogate (not encodable as UTF-8; jsonb refuses its escape),
 * a number that is infinite or beyond the integers a double holds exactly. Reported in
 * Ajv's shape, so the one error handler names the field like any other schema problem.
 */
export interface InputIssue {
  instancePath: string;
  schemaPath: string;
  keyword: 'nul' | 'surrogate' | 'number-range';
  params: Record<string, never>;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Enough to act on; a body of a million bad strings must not build a million issues. */
const MAX_ISSUES = 20;

/** A parsed JSON object, or a query string's (whose prototype is a prototype-less object). */
const isPlainObject = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
};
const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function checkString(text: string, path: string, issues: InputIssue[]) {
  if (text.includes('\u0000')) issues.push(issue(path, 'nul', 'must not contain NUL'));
  else if (LONE_SURROGATE.test(text)) issues.push(issue(path, 'surrogate', 'must not contain a lone surrogate'));
}
const issue = (instancePath: string, keyword: InputIssue['keyword'], message: string): InputIssue => ({
  instancePath,
  schemaPath: `#/${keyword}`,
  keyword,
  params: {},
  message,
});

/**
 * Every string (keys too) and number of parsed input, walked once. Pure; iterative, since
 * JSON nested thousands deep is still a valid body (for the schema to refuse).
 */
export function findUnstorableInput(input: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const pending: [unknown, string][] = [[input, '']];
  while (pending.length > 0 && issues.length < MAX_ISSUES) {
    const [value, path] = pending.pop() as [unknown, string];
    if (typeof value === 'string') checkString(value, path, issues);
    else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
        issues.push(issue(path, 'number-range', 'is out of range'));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], `${path}/${i}`]);
    } else if (value !== null && typeof value === 'object' && isPlainObject(value)) {
      for (const [key, item] of Object.entries(value).reverse()) {
        const at = `${path}/${pointer(key)}`;
        checkString(key, at, issues);
        pending.push([item, at]);
      }
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema => value !== null && typeof value === 'object';

/**
 * A body schema whose objects refuse properties they do not declare (unless the schema says
 * otherwise, as Open311's attribute pairs do): an unknown or misspelt field is a 400 naming it,
 * never silently ignored, and never copied into a record or the audit log. Members of allOf
 * stay open (each describes only part of the object).
 */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isSchema(schema)) return schema;
  const out: Schema = { ...schema };
  for (const key of ['items', 'not', 'additionalProperties', 'if', 'then', 'else']) {
    if (isSchema(out[key])) out[key] = closeObjects(out[key]);
  }
  for (const key of ['anyOf', 'oneOf', 'prefixItems']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(closeObjects);
  }
  for (const key of ['properties', 'patternProperties']) {
    if (isSchema(out[key]))
      out[key] = Object.fromEntries(Object.entries(out[key]).map(([name, sub]) => [name, closeObjects(sub)]));
  }
  if (
    out.type === 'object' &&
    isSchema(out.properties) &&
    out.additionalProperties === undefined &&
    out.patternProperties === undefined
  ) {
    out.additionalProperties = false;
  }
  return out;
}

type AjvValidate = ReturnType<ReturnType<BuildCompilerFromPool>>;
type Validate = ((data: unknown) => unknown) & { errors?: unknown[] | null };

/** Schema validation, then the walk for what the database cannot keep; all problems reported together. */
function guarded(ajvValidate: AjvValidate): AjvValidate {
  const validate = ajvValidate as unknown as Validate;
  const check: Validate = (data) => {
    const valid = validate(data) === true;
    const issues = findUnstorableInput(data);
    check.errors = valid && issues.length === 0 ? null : [...(valid ? [] : (validate.errors ?? [])), ...issues];
    return check.errors === null;
  };
  return check as unknown as AjvValidate;
}

/**
 * Fastify's validator compilers, one Ajv per kind of input. Bodies are JSON with real types:
 * no coercion ("true", 0, null or [true] are not a boolean; "3" is not a number) and closed
 * objects. Query strings and path parameters are text, so they are coerced ("true"/"false"
 * are the only booleans Ajv reads from text). Every part is walked by `findUnstorableInput`.
 */
export const buildValidator: BuildCompilerFromPool = (externalSchemas, options) => {
  const pool = AjvCompiler();
  const text = pool(externalSchemas, options);
  const json = pool(externalSchemas, {
    ...options,
    customOptions: { ...options?.customOptions, coerceTypes: false, removeAdditional: false },
  } as typeof options);
  return (route: RouteDefinition) => {
    if (route.httpPart === 'body') return guarded(json({ ...route, schema: closeObjects(route.schema) as object }));
    const validate = text(route);
    return route.httpPart === 'headers' ? validate : guarded(validate);
  };
};
