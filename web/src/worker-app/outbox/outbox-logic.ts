import type { HouseholdVisitBody, RecordVisitBody, ReportCaseBody, SupportCaseBody } from '@yiwang/contracts';

/**
 * The outbox as pure data and functions: what an item is, how an answer from the server
 * changes it, when it is tried again. No IndexedDB, no fetch — outbox-sync.ts does the I/O.
 *
 * The rules that keep a report from being lost or doubled:
 * - an item's Idempotency-Key is its id, fixed when it is queued and sent with every try;
 *   each photo has its own key, and once the server has a photo its id is kept, so every
 *   retry of the main request sends the very same body;
 * - only a 2xx answer (a first answer or a replay) acknowledges an item;
 * - no network, 408, 429 and 5xx are tried again with exponential backoff; 401 waits for
 *   the worker to sign in again; any other 4xx fails with the server's message and stays
 *   until the worker retries, edits or discards it;
 * - an edited item is a new request: it gets a new key (see {@link editedItem}) and replaces
 *   the failed one in the same IndexedDB transaction, so the report exists once on the phone
 *   at every moment.
 */

export type OutboxItemState = 'queued' | 'sending' | 'sent' | 'failed';

/** A report without its photos (photoIds are filled in once the photos are uploaded). */
export type ReportDraft = Omit<ReportCaseBody, 'photoIds'>;
export type SupportDraft = Omit<SupportCaseBody, 'photoIds'>;
export type VerifyDraft = { type: 'verify_pass'; note?: string } | { type: 'verify_fail'; reason: string };
export type VisitDraft = Omit<RecordVisitBody, 'patrolId'>;

export type OutboxRequest =
  | { kind: 'report'; body: ReportDraft }
  | { kind: 'support'; caseCode: string; body: SupportDraft }
  | { kind: 'verify'; caseCode: string; body: VerifyDraft }
  /** `patrolLocalId`: the patrol the visit belongs to; its server id is known only once the patrol is started there. */
  | { kind: 'visit'; patrolLocalId: string | null; body: VisitDraft }
  /** A registry household visit: confirmed, or changes (a newborn, moving out, the dwelling's use). */
  | { kind: 'household-visit'; householdId: string; body: HouseholdVisitBody };

export type OutboxKind = OutboxRequest['kind'];

export interface OutboxPhoto {
  /** The compressed JPEG in the `blobs` store. */
  blobId: string;
  /** Idempotency-Key of its upload. */
  key: string;
  /** Set once the server has the photo. */
  photoId: string | null;
}

/** A field the server found fault with (`error.details` of a 4xx body). */
export interface FieldFault {
  /** The body's field as the server names it: `matterCode`, `point`, `formAnswers.hazard`… */
  field: string;
  code: string;
  message: string;
}

export interface OutboxError {
  /** 0: no network. */
  status: number;
  code: string;
  /** The server's message (already in the worker's language), or empty for a network failure. */
  message: string;
  /** Which fields were at fault, when the server said (absent in items stored before it was kept). */
  details?: FieldFault[];
}

export interface OutboxResult {
  caseCode: string | null;
  outcome: 'created' | 'merged' | 'done';
}

export interface OutboxItem {
  /** Also the Idempotency-Key of the main request. */
  id: string;
  /** Whose it is: only sent while this user is signed in. */
  userId: string;
  createdAt: number;
  /** What the worker sees in the list (matter name, case code, address). */
  title: string;
  request: OutboxRequest;
  photos: OutboxPhoto[];
  state: OutboxItemState;
  /** Failed tries since it was queued (or last retried by hand). */
  attempts: number;
  nextAttemptAt: number;
  lastError: OutboxError | null;
  result: OutboxResult | null;
  sentAt: number | null;
}

export function newOutboxItem(options: {
  id: string;
  userId: string;
  now: number;
  title: string;
  request: OutboxRequest;
  photoBlobIds?: readonly string[];
}): OutboxItem {
  return {
    id: options.id,
    userId: options.userId,
    createdAt: options.now,
    title: options.title,
    request: options.request,
    photos: (options.photoBlobIds ?? []).map((blobId, index) => ({
      blobId,
      key: `${options.id}.photo${index}`,
      photoId: null,
    })),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: options.now,
    lastError: null,
    result: null,
    sentAt: null,
  };
}

export type AnswerClass = 'acknowledged' | 'retry' | 'unauthenticated' | 'rejected';

/** What an HTTP status (0 = no answer) means for an outbox item. */
export function classifyStatus(status: number): AnswerClass {
  if (status >= 200 && status < 300) return 'acknowledged';
  if (status === 401) return 'unauthenticated';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'rejected';
  // 1xx/3xx never answer these POSTs; treat as transient rather than lose the item.
  return 'retry';
}

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Wait before the next try after `attempts` failed ones: 2 s, 4 s, 8 s … up to 5 min, with
 * "equal jitter" (half fixed, half random) so that a crowd of phones coming back online
 * does not retry in lockstep.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return exponential / 2 + (exponential / 2) * random();
}

export type Answer =
  | { status: number; ok: true; result: OutboxResult }
  | {
      status: number;
      ok: false;
      code: string;
      message: string;
      retryAfterMs: number | null;
      details?: readonly FieldFault[] | undefined;
    };

/** The item after an answer to its main request (or to one of its photo uploads when that failed). */
export function afterAnswer(
  item: OutboxItem,
  answer: Answer,
  now: number,
  random: () => number = Math.random,
): OutboxItem {
  const kind = classifyStatus(answer.status);
  if (answer.ok && kind === 'acknowledged') {
    return { ...item, state: 'sent', sentAt: now, result: answer.result, lastError: null };
  }
  const error: OutboxError = answer.ok
    ? { status: answer.status, code: 'http', message: '' }
    : {
        status: answer.status,
        code: answer.code,
        message: answer.message,
        ...(answer.details && answer.details.length > 0 ? { details: [...answer.details] } : {}),
      };
  switch (kind) {
    case 'acknowledged':
    case 'retry': {
      const attempts = item.attempts + 1;
      const wait = Math.max(backoffDelay(attempts, random), answer.ok ? 0 : (answer.retryAfterMs ?? 0));
      return { ...item, state: 'queued', attempts, nextAttemptAt: now + wait, lastError: error };
    }
    case 'unauthenticated':
      // Not the item's fault: it goes as soon as the worker has signed in again.
      return { ...item, state: 'queued', nextAttemptAt: now, lastError: error };
    case 'rejected':
      return { ...item, state: 'failed', lastError: error };
  }
}

/** A photo of the item reached the server. */
export function withPhotoUploaded(item: OutboxItem, index: number, photoId: string): OutboxItem {
  return { ...item, photos: item.photos.map((p, i) => (i === index ? { ...p, photoId } : p)) };
}

/** The worker asked to try a failed item again (after fixing what the server said, e.g. signing in). */
export function retryByHand(item: OutboxItem, now: number): OutboxItem {
  return { ...item, state: 'queued', attempts: 0, nextAttemptAt: now, lastError: null };
}

/**
 * What the worker can fix on the item's own screen: a report (matter, questions, note,
 * photos, place), a visit (address, note) and a verification (pass or fail, reason). A
 * support has nothing of its own worth editing (the case it joins is the point): retry or
 * discard; nor has a household visit (the household may have changed since: record it again). Only failed items: a queued one may be on its way right now.
 */
export const isEditable = (item: OutboxItem): boolean =>
  item.state === 'failed' && item.request.kind !== 'support' && item.request.kind !== 'household-visit';

/**
 * The failed item after the worker edited it: a new item under `newId`, i.e. a new
 * Idempotency-Key. A key names one request: the server refuses the same key with another
 * body (422 idempotency-key-reused). It happens to store nothing for a refused request
 * today, but the new key keeps the edit right whatever it stores; and a failed item was
 * never acknowledged (a 2xx under its key would have been replayed, not refused), so
 * nothing reaches the desk twice.
 *
 * Photos kept from the failed item keep their own keys and, once uploaded, their photoId
 * (the bytes are the same, so the same key is right and nothing is uploaded twice);
 * photos added while editing get keys under the new id. `createdAt` stays: the worker
 * made the report then, and the outbox sends in that order.
 */
export function editedItem(
  failed: OutboxItem,
  edit: {
    title: string;
    request: OutboxRequest;
    /** The failed item's photos still wanted (a subset of `failed.photos`), in order. */
    keptPhotos: readonly OutboxPhoto[];
    /** Blob ids of photos taken while editing (already in the `blobs` store or written with the item). */
    addedPhotoBlobIds?: readonly string[];
  },
  newId: string,
  now: number,
): OutboxItem {
  if (failed.state !== 'failed') throw new Error(`only a failed item is edited (${failed.id} is ${failed.state})`);
  if (newId === failed.id) throw new Error('an edited item needs a new Idempotency-Key');
  const own = new Set(failed.photos.map((p) => p.blobId));
  const kept = edit.keptPhotos.filter((p) => own.has(p.blobId));
  const added = (edit.addedPhotoBlobIds ?? []).map((blobId, index) => ({
    blobId,
    key: `${newId}.photo${index}`,
    photoId: null,
  }));
  return {
    ...newOutboxItem({ id: newId, userId: failed.userId, now, title: edit.title, request: edit.request }),
    createdAt: failed.createdAt,
    photos: [...kept, ...added],
  };
}

/** Blobs of the failed item that its edited successor no longer uses (deleted with the swap). */
export const photosLeftBehind = (failed: OutboxItem, edited: OutboxItem): string[] =>
  failed.photos.map((p) => p.blobId).filter((blobId) => !edited.photos.some((p) => p.blobId === blobId));

/**
 * Where on the edit screen each of the server's complaints belongs: keyed by what the
 * screen shows (`matter`, `location`, `note`, `reason`, `address`, `photos`,
 * `formAnswers.<question>`), each with the message to show there. Complaints about the
 * place come without field details (400 outside-county, 422 no-grid) and go to `location`;
 * anything the screen cannot point at goes to `other` (the banner shows it).
 */
export function faultsByField(error: OutboxError | null): Record<string, string> {
  if (!error) return {};
  const faults: Record<string, string> = {};
  const put = (key: string, message: string) => {
    faults[key] = faults[key] ? `${faults[key]}；${message}` : message;
  };
  if (error.code === 'outside-county' || error.code === 'no-grid') put('location', error.message);
  for (const detail of error.details ?? []) {
    const [head = '', ...rest] = detail.field.split('.');
    const message = detail.message || error.message;
    if (head === 'formAnswers' && rest.length > 0) put(`formAnswers.${rest[0]}`, message);
    else if (head === 'matterCode') put('matter', message);
    else if (head === 'point' || head === 'crs') put('location', message);
    else if (head === 'description' || head === 'note') put('note', message);
    else if (head === 'photoIds') put('photos', message);
    else if (head === 'address' || head === 'reason') put(head, message);
    else put('other', message);
  }
  return faults;
}

/** After a restart an item left 'sending' was interrupted: its next try reuses the same key. */
export const recoverInterrupted = (item: OutboxItem): OutboxItem =>
  item.state === 'sending' ? { ...item, state: 'queued' } : item;

/**
 * The network is back: items that failed only for lack of it go now instead of waiting
 * out their backoff (the server never saw them, so there is nothing to be gentle with).
 */
export function afterNetworkReturns(items: readonly OutboxItem[], now: number): OutboxItem[] {
  return items.flatMap((item) =>
    item.state === 'queued' && item.lastError?.status === 0 && item.nextAttemptAt > now
      ? [{ ...item, nextAttemptAt: now }]
      : [],
  );
}

export const isPending = (item: OutboxItem) => item.state === 'queued' || item.state === 'sending';

/** Items of this user to send now, oldest first (reports reach the desk in the order they were made). */
export function dueItems(items: readonly OutboxItem[], userId: string, now: number): OutboxItem[] {
  return items
    .filter((item) => item.userId === userId && item.state === 'queued' && item.nextAttemptAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** When the next queued item of this user becomes due (null: none waiting). */
export function nextWakeAt(items: readonly OutboxItem[], userId: string): number | null {
  let next: number | null = null;
  for (const item of items) {
    if (item.userId !== userId || item.state !== 'queued') continue;
    if (next === null || item.nextAttemptAt < next) next = item.nextAttemptAt;
  }
  return next;
}

export const SENT_KEEP_MS = 24 * 60 * 60_000;
export const SENT_KEEP_COUNT = 50;

/** Sent items shown for a day (at most 50) so the worker sees what went; older ones are forgotten. */
export function sentToForget(items: readonly OutboxItem[], now: number): string[] {
  const sent = items.filter((i) => i.state === 'sent').sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0));
  return sent
    .filter((item, index) => index >= SENT_KEEP_COUNT || now - (item.sentAt ?? 0) > SENT_KEEP_MS)
    .map((i) => i.id);
}

export interface MainRequest {
  path: string;
  body: unknown;
}

/**
 * The request that delivers the item, once its photos are uploaded. `patrolServerId`
 * resolves a visit's patrol: a string when the server knows the patrol, null when it does
 * not yet (the visit waits, so it lands on the track), undefined when the patrol is gone
 * from the phone (the visit goes without it rather than never).
 */
export function mainRequest(item: OutboxItem, patrolServerId?: string | null): MainRequest | 'waiting-for-patrol' {
  const photoIds = item.photos.flatMap((p) => (p.photoId ? [p.photoId] : []));
  const withPhotos = <B extends object>(body: B) => (photoIds.length > 0 ? { ...body, photoIds } : body);
  const request = item.request;
  switch (request.kind) {
    case 'report':
      return { path: '/cases', body: withPhotos(request.body) };
    case 'support':
      return { path: `/cases/${request.caseCode}/support`, body: withPhotos(request.body) };
    case 'verify':
      return {
        path: `/cases/${request.caseCode}/commands`,
        body: request.body.type === 'verify_pass' ? withPhotos(request.body) : request.body,
      };
    case 'household-visit':
      return { path: `/registry/households/${request.householdId}/visits`, body: request.body };
    case 'visit':
      if (request.patrolLocalId === null || patrolServerId === undefined)
        return { path: '/visits', body: request.body };
      if (patrolServerId === null) return 'waiting-for-patrol';
      return { path: '/visits', body: { ...request.body, patrolId: patrolServerId } };
  }
}

/** What the worker is told an acknowledged item became. */
export function resultOf(kind: OutboxKind, body: unknown): OutboxResult {
  const value = body as { outcome?: string; case?: { code?: string } } | undefined;
  const caseCode = value?.case?.code ?? null;
  if ((kind === 'report' || kind === 'support') && caseCode) {
    return { caseCode, outcome: value?.outcome === 'merged' ? 'merged' : 'created' };
  }
  return { caseCode, outcome: 'done' };
}

/**
 * Cases the worker has verified on this phone that today's list (fetched at `todaySavedAt`)
 * may still show as waiting: a verification queued or being sent, or delivered after that
 * list was fetched. A refused one is not among them: the case is still the worker's to verify.
 */
export function pendingVerifications(
  items: readonly OutboxItem[],
  userId: string,
  todaySavedAt: number | null,
): Set<string> {
  const codes = new Set<string>();
  for (const item of items) {
    if (item.userId !== userId || item.request.kind !== 'verify') continue;
    const delivered = item.state === 'sent' && (todaySavedAt === null || (item.sentAt ?? 0) > todaySavedAt);
    if (isPending(item) || delivered) codes.add(item.request.caseCode);
  }
  return codes;
}
