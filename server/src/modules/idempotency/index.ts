/** The idempotency module's public face: what other modules may use. */

export {
  type IdempotencyClaim,
  type IdempotentOutcome,
  idempotencyClaimOf,
  idempotencyStatements,
  runIdempotent,
  sendIdempotent,
} from './idempotency.js';
