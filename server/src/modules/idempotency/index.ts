/** The idempotency module's public face: what other modules may use. */

export {
  type IdempotencyClaim,
  type IdempotentAnswer,
  type IdempotentOutcome,
  idempotencyClaimOf,
  runIdempotent,
  sendIdempotent,
} from './idempotency.js';
export type { IdempotencyRow } from './idempotency-keys.repository.js';
export { idempotencyStatements } from './intake-statements.js';
