import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http.js';
import { canonicalJson } from '../audit/index.js';
import { idempotencyKeysRepository } from './idempotency-keys.repository.js';

/**
 * Idempotency-Key for any POST (the worker app's outbox sends one with every item): the
 * key is claimed in the same transaction as the work, so the same key and request again —
 * after the first committed, or while it still runs — gets the first answer and creates
 * nothing; the same key with another request is refused (422 idempotency-key-reused).
 * Keys live in `idempotency_keys` (this module's table; the intake embeds the claim in its own statements).
 */
export interface IdempotencyClaim {
  actorId: string;
  key: string;
  /** sha256 of method, path and body: one key cannot replay another endpoint's (or case's) answer. */
  requestHash: string;
}

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
}

export interface IdempotentOutcome<T> extends IdempotentAnswer<T> {
  /** The stored answer of an earlier request with the same key. */
  replayed: boolean;
}

/**
 * The claim of a request that carries `Idempotency-Key` (undefined without one). `payload`
 * is what identifies the request's content: the parsed body, or e.g. a file's hash.
 */
export function idempotencyClaimOf(
  request: FastifyRequest,
  actor: Actor,
  payload: unknown,
): IdempotencyClaim | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') return undefined;
  // Keys the route schema did not check (multipart uploads) get the same rules here.
  if (key.length > 200 || !/^[A-Za-z0-9_.:-]+$/.test(key)) {
    throw new DomainError('validation', {}, [{ field: 'idempotency-key', code: 'pattern' }]);
  }
  const path = request.url.split('?')[0] ?? request.url;
  return {
    actorId: actor.id,
    key,
    requestHash: sha256Hex(`${request.method} ${path}\n${canonicalJson(payload ?? null)}`),
  };
}

/**
 * Runs `work` in a transaction that first claims the key. A concurrent request with the
 * same key waits on the key's row until this transaction ends, then replays its answer;
 * if this one fails, nothing is stored and the retry runs the work afresh. `work` must do
 * all its reads and writes on `tx` (use cases that open their own transaction nest as a
 * savepoint when given `tx` as their database).
 */
export async function runIdempotent<T>(
  db: Db,
  claim: IdempotencyClaim | undefined,
  work: (tx: Tx) => Promise<IdempotentAnswer<T>>,
): Promise<IdempotentOutcome<T>> {
  return db.transaction(async (tx) => {
    if (claim) {
      const claimed = await idempotencyKeysRepository.claimIdempotencyKey(tx, claim);
      if (!claimed.claimed) {
        if (claimed.existing.requestHash !== claim.requestHash) throw new DomainError('idempotency-key-reused');
        return {
          status: claimed.existing.responseStatus ?? 200,
          body: claimed.existing.responseBody as T,
          replayed: true,
        };
      }
    }
    const answer = await work(tx);
    if (claim) await idempotencyKeysRepository.completeIdempotencyKey(tx, claim, answer);
    return { ...answer, replayed: false };
  });
}

/** Sends an idempotent outcome: its status, and `idempotent-replayed: true` on a replay. */
export function sendIdempotent<T>(reply: FastifyReply, outcome: IdempotentOutcome<T>) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(outcome.status).send(outcome.body);
}
