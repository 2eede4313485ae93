/** The idempotency module's public face: what other modules may use. */

export {
  type IdempotencyClaim,
  type IdempotentAnswer,
  type IdempotentOutcome,
  idempotencyClaimOf,
  runIdempotent,
  sendIdempotent,
} from './idempotency.js';
export { type IdempotencyRow, idempotencyKeysRepository } from './idempotency-keys.repository.js';
