/**
 * Coded domain errors. Domain and use-case code throws these (or returns them in a
 * discriminated union). Each code is declared once with its HTTP status and its message in
 * both locales: the cross-cutting ones here, a capability's own in its module (`Module.errors`),
 * added by modules/index.ts. `httpStatusOf` reads the one table they make.
 */

/** The HTTP statuses a coded error answers with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 414 | 415 | 422 | 423 | 429 | 431 | 500;

/** What a code means to a caller: its status and its message in both locales (`{name}` placeholders). */
export interface ErrorDeclaration {
  readonly status: ErrorStatus;
  readonly 'zh-CN': string;
  readonly 'en-US': string;
}
export type ErrorDeclarations = Readonly<Record<string, ErrorDeclaration>>;

/** The platform's own codes: bad input, HTTP-level refusals, not found, forbidden, internal. */
export const PLATFORM_ERRORS = {
  validation: {
    status: 400,
    'zh-CN': '提交的内容有误，请按提示修改后重试。',
    'en-US': 'Some of the input is not valid. Please correct the fields shown and try again.',
  },
  'bad-request': {
    status: 400,
    'zh-CN': '请求格式有误，服务器无法读取。',
    'en-US': 'The request is malformed; the server cannot read it.',
  },
  'bad-url': {
    status: 400,
    'zh-CN': '网址格式不正确（含有无效的百分号编码），请检查链接。',
    'en-US': 'The web address is malformed (an invalid percent-encoding); please check the link.',
  },
  'uri-too-long': {
    status: 414,
    'zh-CN': '网址过长，请缩短查询条件后重试。',
    'en-US': 'The web address is too long; shorten the query and try again.',
  },
  'headers-too-large': {
    status: 431,
    'zh-CN': '请求头过大（常见原因是浏览器 Cookie 过多），请清除本站 Cookie 后重试。',
    'en-US': 'The request headers are too large (often too many cookies); clear this site’s cookies and try again.',
  },
  'request-timeout': {
    status: 408,
    'zh-CN': '请求超时，请重试。',
    'en-US': 'The request timed out; please try again.',
  },
  'invalid-reference': {
    status: 422,
    'zh-CN': '引用的对象不存在：{what}。',
    'en-US': 'The referenced object does not exist: {what}.',
  },
  unauthenticated: {
    status: 401,
    'zh-CN': '请先登录。',
    'en-US': 'Please sign in first.',
  },
  csrf: {
    status: 403,
    'zh-CN': '页面已过期或请求来源不可信，请刷新页面后重试。',
    'en-US': 'The page has expired or the request did not come from this site. Reload the page and try again.',
  },
  forbidden: {
    status: 403,
    'zh-CN': '您没有执行此操作的权限。',
    'en-US': 'You are not allowed to do this.',
  },
  'scope-exceeded': {
    status: 403,
    'zh-CN': '不能授予超出您本人数据范围的范围：{what}。',
    'en-US': 'You cannot grant a data scope wider than your own: {what}.',
  },
  'not-found': {
    status: 404,
    'zh-CN': '未找到该对象，或不在您的数据范围内。',
    'en-US': 'Not found, or not within your data scope.',
  },
  conflict: {
    status: 409,
    'zh-CN': '{what}已存在，请换一个。',
    'en-US': '{what} already exists; please choose another.',
  },
  'rate-limited': {
    status: 429,
    'zh-CN': '请求过于频繁，请 {seconds} 秒后再试。',
    'en-US': 'Too many requests. Please try again in {seconds} seconds.',
  },
  'payload-too-large': {
    status: 413,
    'zh-CN': '提交的内容过大。',
    'en-US': 'The request is too large.',
  },
  'unsupported-media-type': {
    status: 415,
    'zh-CN': '不支持的内容类型。',
    'en-US': 'Unsupported content type.',
  },
  'export-too-large': {
    status: 400,
    'zh-CN':
      '符合条件的记录共 {total} 条，超过单次导出上限 {max} 条。请在列表上增加筛选条件（如状态、层级、网格、事项、上报时间，或角色、操作类型）缩小范围，分批导出。',
    'en-US':
      '{total} records match, more than the {max} one export may hold. Narrow the list with more filters (state, level, grid, matter, reporting dates, or role, action) and export it in parts.',
  },
  internal: {
    status: 500,
    'zh-CN': '服务器内部错误，请稍后重试。如问题持续，请把请求编号 {requestId} 告知管理员。',
    'en-US':
      'Internal server error. Please try again later; if it persists, give the request id {requestId} to an administrator.',
  },
} as const satisfies ErrorDeclarations;

/**
 * The codes the modules declare, merged in by modules/index.ts (declaration merging), so
 * the platform never imports a module and an undeclared code is still a type error.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in modules/index.ts
export interface ModuleErrorCodes {}
export type ErrorCode = keyof typeof PLATFORM_ERRORS | keyof ModuleErrorCodes;

const declared = new Map<string, ErrorDeclaration>(Object.entries(PLATFORM_ERRORS));

/** Adds a module's codes (modules/index.ts, once per module). A code declared twice is a startup error. */
export function declareErrors(owner: string, errors: ErrorDeclarations): void {
  for (const [code, declaration] of Object.entries(errors)) {
    const existing = declared.get(code);
    if (existing && existing !== declaration) throw new Error(`error code ${code} of ${owner} is declared twice`);
    declared.set(code, declaration);
  }
}

/** A code's declaration; undefined for a key that is no error code (e.g. a field problem). */
export const errorDeclarationOf = (code: string): ErrorDeclaration | undefined => declared.get(code);

/** Every declared code (the platform's and the installed modules'). */
export const declaredErrorCodes = (): string[] => [...declared.keys()];

export interface FieldProblem {
  field: string;
  code: string;
  /** Message parameters, e.g. { limit: 64 } for maxLength. */
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Parameters for the translated message, e.g. { minutes: 15 }. */
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}

export function httpStatusOf(code: ErrorCode): number {
  const declaration = declared.get(code);
  if (!declaration) throw new Error(`error code ${code} is declared by no installed module`);
  return declaration.status;
}
