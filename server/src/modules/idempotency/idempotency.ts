import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Executor, Tx } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http.js';
import { statusOf, type WriteKind, type WriteResult } from '../../platform/write-result.js';
import { canonicalJson } from '../audit/index.js';
import { type IdempotencyRow, idempotencyKeysRepository } from './idempotency-keys.repository.js';

/**
 * Idempotency-Key for any POST (the worker app's outbox sends one with every item): the
 * key is claimed in the same transaction as the work, so the same key and request again —
 * after the first committed, or while it still runs — gets the first answer and creates
 * nothing; the same key with another request (other body, method or path) is refused
 * (422 idempotency-key-reused). One mechanism: every route builds its claim with
 * {@link idempotencyClaimOf}; the work runs in {@link runIdempotent}, or — the intake, which
 * claims and completes in its own statements — with {@link idempotencyStatements}.
 * Keys live in `idempotency_keys` (this module's table).
 */
export interface IdempotencyClaim {
  actorId: string;
  key: string;
  /** sha256 of method, path and body: one key cannot replay another endpoint's (or case's) answer. */
  requestHash: string;
  /**
   * The intake's keys were hashed over the body alone until the intake took this claim; a
   * phone's retry of such a report is still its replay. Keys live a month (IDEMPOTENCY_KEY_TTL_MS):
   * drop this a month after the release that brought it.
   */
  formerRequestHash?: string;
}

/** A write's result, or the stored answer of an earlier request with the same key (`replayed`). */
export interface IdempotentOutcome<T> extends WriteResult<T> {
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
  options: { formerBodyOnlyHash?: boolean } = {},
): IdempotencyClaim | undefined {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') return undefined;
  // Keys the route schema did not check (multipart uploads) get the same rules here.
  if (key.length > 200 || !/^[A-Za-z0-9_.:-]+$/.test(key)) {
    throw new DomainError('validation', {}, [{ field: 'idempotency-key', code: 'pattern' }]);
  }
  const path = request.url.split('?')[0] ?? request.url;
  const body = canonicalJson(payload ?? null);
  return {
    actorId: actor.id,
    key,
    requestHash: sha256Hex(`${request.method} ${path}\n${body}`),
    ...(options.formerBodyOnlyHash ? { formerRequestHash: sha256Hex(body) } : {}),
  };
}

/** A stored answer's kind: the one whose status it was (a replay answers with the first status). */
const kindOfStoredStatus = (status: number | null): WriteKind => (status === 201 ? 'created' : 'existing');

/**
 * What a request whose key was already taken gets: the first answer, or 422 when the key was
 * claimed for another request.
 */
function replayOf<T>(row: IdempotencyRow, claim: IdempotencyClaim): IdempotentOutcome<T> {
  const same = row.requestHash === claim.requestHash || row.requestHash === claim.formerRequestHash;
  if (!same) throw new DomainError('idempotency-key-reused');
  return { kind: kindOfStoredStatus(row.responseStatus), value: row.responseBody as T, replayed: true };
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
  work: (tx: Tx) => Promise<WriteResult<T>>,
): Promise<IdempotentOutcome<T>> {
  return db.transaction(async (tx) => {
    if (claim) {
      const claimed = await idempotencyKeysRepository.claimIdempotencyKey(tx, claim);
      if (!claimed.claimed) return replayOf<T>(claimed.existing, claim);
    }
    const result = await work(tx);
    if (claim) {
      await idempotencyKeysRepository.completeIdempotencyKey(tx, claim, {
        status: statusOf(result.kind),
        body: result.value,
      });
    }
    return { ...result, replayed: false };
  });
}

/**
 * What the intake embeds in its own statements (it claims and completes its key in the same
 * statements as its locks and its case), and the replay it answers when the key was taken —
 * the same claim, answer and refusal as {@link runIdempotent}.
 */
export const idempotencyStatements = {
  /** `WITH claim AS (…)`: a row (`actor_id`, `key`) per key claimed, none for a key already taken. */
  claim: (claims: readonly IdempotencyClaim[]) => idempotencyKeysRepository.claimStatement(claims),
  /** The completion with the write's result, for the statement that writes the case. */
  complete: <T>(db: Executor, claim: IdempotencyClaim, result: WriteResult<T>) =>
    idempotencyKeysRepository.completeStatement(db, {
      actorId: claim.actorId,
      key: claim.key,
      status: statusOf(result.kind),
      body: result.value,
    }),
  /** The completions of several writes' keys with their results, for the statement that writes them. */
  completeMany: (completions: readonly { claim: IdempotencyClaim; result: WriteResult<unknown> }[]) =>
    idempotencyKeysRepository.completeManyStatement(
      completions.map(({ claim, result }) => ({
        actorId: claim.actorId,
        key: claim.key,
        status: statusOf(result.kind),
        body: result.value,
      })),
    ),
  /** The first answer of a taken key, or 422 idempotency-key-reused. */
  async replay<T>(db: Executor, claim: IdempotencyClaim): Promise<IdempotentOutcome<T>> {
    return replayOf<T>(await idempotencyKeysRepository.findIdempotencyKey(db, claim), claim);
  },
};

/** Sends a write's outcome: 201 or 200 by its kind, and `idempotent-replayed: true` on a replay. */
export function sendIdempotent<T>(reply: FastifyReply, outcome: IdempotentOutcome<T>) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(statusOf(outcome.kind)).send(outcome.value);
}
