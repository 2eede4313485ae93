/**
 * Coded domain errors. Domain and use-case code throws these (or returns them in a
 * discriminated union); `httpStatusOf` maps each code to HTTP in exactly one place.
 */
export const ERROR_CODES = [
  'validation',
  'invalid-reference',
  'unauthenticated',
  'invalid-credentials',
  'totp-required',
  'invalid-totp',
  'totp-enrollment-required',
  'account-disabled',
  'account-locked',
  'csrf',
  'forbidden',
  'scope-exceeded',
  'not-found',
  'conflict',
  'rate-limited',
  'outside-county',
  'no-grid',
  'invalid-geojson',
  'payload-too-large',
  'unsupported-media-type',
  'photo-too-large',
  'photo-type-not-accepted',
  'photo-unreadable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

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
  switch (code) {
    case 'validation':
      return 400;
    case 'outside-county':
    case 'invalid-geojson':
      return 400;
    case 'invalid-reference':
    case 'no-grid':
    case 'photo-unreadable':
      return 422;
    case 'unauthenticated':
    case 'invalid-credentials':
    case 'totp-required':
    case 'invalid-totp':
      return 401;
    case 'totp-enrollment-required':
    case 'account-disabled':
    case 'csrf':
    case 'forbidden':
    case 'scope-exceeded':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload-too-large':
    case 'photo-too-large':
      return 413;
    case 'unsupported-media-type':
    case 'photo-type-not-accepted':
      return 415;
    case 'account-locked':
      return 423;
    case 'rate-limited':
      return 429;
    case 'internal':
      return 500;
    default:
      return assertUnreachable(code);
  }
}
