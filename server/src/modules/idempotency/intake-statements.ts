import { idempotencyKeysRepository } from './idempotency-keys.repository.js';

/**
 * What the intake embeds in its own statements (it claims and completes its key in the same
 * statements as its locks and its case), and the claim it reads when the key was taken.
 */
export const idempotencyStatements = {
  claim: idempotencyKeysRepository.claimStatement,
  complete: idempotencyKeysRepository.completeStatement,
  find: idempotencyKeysRepository.findIdempotencyKey,
};
