/**
 * Coded domain errors. Domain and use-case code throws these (or returns them in a
 * discriminated union); `httpStatusOf` maps each code to HTTP in exactly one place.
 */
export const ERROR_CODES = [
  'validation',
  'bad-request',
  'bad-url',
  'uri-too-long',
  'headers-too-large',
  'request-timeout',
  'invalid-reference',
  'unauthenticated',
  'invalid-credentials',
  'totp-required',
  'invalid-totp',
  'totp-enrollment-required',
  'password-change-required',
  'current-password-wrong',
  'account-disabled',
  'account-locked',
  'csrf',
  'forbidden',
  'scope-exceeded',
  'not-found',
  'conflict',
  'phone-registered',
  'rate-limited',
  'outside-county',
  'no-grid',
  'invalid-geojson',
  'payload-too-large',
  'unsupported-media-type',
  'photo-too-large',
  'photo-type-not-accepted',
  'photo-unreadable',
  'photo-too-many-pixels',
  'no-command-unit',
  'idempotency-key-reused',
  'case-version-conflict',
  'case-not-located',
  'case-no-unit',
  'case-merge-target-closed',
  'case-not-authorized',
  'case-not-allowed-in-state',
  'case-text-required',
  'case-unit-required',
  'case-same-unit',
  'case-photos-required',
  'case-summoned-units-outstanding',
  'case-on-site-verification-required',
  'case-conflict-of-interest',
  'case-extension-pending',
  'case-no-pending-extension',
  'case-extension-limit-reached',
  'case-invalid-duration',
  'case-time-limit-expired',
  'case-due-date-invalid',
  'case-already-top-level',
  'case-whistle-needs-town-level',
  'case-already-summoned',
  'case-already-arrived',
  'case-not-arrived',
  'case-already-rated',
  'patrol-not-owner',
  'patrol-points-out-of-time',
  'visit-plan-done',
  'export-too-large',
  'routing-place-out-of-scope',
  'case-outside-scope',
  'county-scope-required',
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
    case 'bad-request':
    case 'bad-url':
      return 400;
    case 'request-timeout':
      return 408;
    case 'uri-too-long':
      return 414;
    case 'headers-too-large':
      return 431;
    case 'outside-county':
    case 'invalid-geojson':
    case 'current-password-wrong':
    case 'export-too-large':
      return 400;
    case 'invalid-reference':
    case 'no-grid':
    case 'case-outside-scope':
    case 'photo-unreadable':
    case 'photo-too-many-pixels':
      return 422;
    case 'unauthenticated':
    case 'invalid-credentials':
    case 'totp-required':
    case 'invalid-totp':
      return 401;
    case 'totp-enrollment-required':
    case 'password-change-required':
    case 'account-disabled':
    case 'csrf':
    case 'forbidden':
    case 'scope-exceeded':
    case 'county-scope-required':
      return 403;
    case 'case-not-authorized':
    case 'routing-place-out-of-scope':
    case 'case-on-site-verification-required':
    case 'case-conflict-of-interest':
    case 'patrol-not-owner':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
    case 'phone-registered':
    case 'case-version-conflict':
    case 'case-not-located':
    case 'case-merge-target-closed':
    case 'case-not-allowed-in-state':
    case 'case-same-unit':
    case 'case-summoned-units-outstanding':
    case 'case-extension-pending':
    case 'case-no-pending-extension':
    case 'case-extension-limit-reached':
    case 'case-time-limit-expired':
    case 'case-already-top-level':
    case 'case-whistle-needs-town-level':
    case 'case-already-summoned':
    case 'case-already-arrived':
    case 'case-not-arrived':
    case 'case-already-rated':
    case 'visit-plan-done':
      return 409;
    case 'no-command-unit':
    case 'idempotency-key-reused':
    case 'case-no-unit':
    case 'case-text-required':
    case 'case-unit-required':
    case 'case-photos-required':
    case 'case-invalid-duration':
    case 'case-due-date-invalid':
    case 'patrol-points-out-of-time':
      return 422;
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
