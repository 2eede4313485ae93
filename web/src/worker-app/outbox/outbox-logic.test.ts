import { describe, expect, it } from 'vitest';
import {
  afterAnswer,
  afterNetworkReturns,
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffDelay,
  classifyStatus,
  dueItems,
  editedItem,
  faultsByField,
  isEditable,
  isPending,
  mainRequest,
  newOutboxItem,
  nextWakeAt,
  type OutboxError,
  type OutboxItem,
  type OutboxRequest,
  pendingVerifications,
  photosLeftBehind,
  recoverInterrupted,
  resultOf,
  retryByHand,
  SENT_KEEP_COUNT,
  SENT_KEEP_MS,
  sentToForget,
  withPhotoUploaded,
} from './outbox-logic';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const report: OutboxRequest = {
  kind: 'report',
  body: { matterCode: 'CG-0302', description: '垃圾满溢', point: { lon: 120.28, lat: 31.9, crs: 'WGS84' } },
};
const item = (patch: Partial<OutboxItem> = {}, request: OutboxRequest = report): OutboxItem => ({
  ...newOutboxItem({ id: 'k-1', userId: 'u-1', now: T0, title: '垃圾满溢', request, photoBlobIds: ['b-1', 'b-2'] }),
  ...patch,
});
const failure = (status: number, retryAfterMs: number | null = null) =>
  ({
    status,
    ok: false,
    code: status === 0 ? 'network' : 'x',
    message: status === 0 ? '' : '服务器说不行',
    retryAfterMs,
  }) as const;
const half = () => 0.5;
const visitBody = { address: '文定花园3幢201', note: '情况正常', visitedAt: '2026-03-02T01:00:00.000Z' };

describe('an answer classified', () => {
  it.each([
    [200, 'acknowledged'],
    [201, 'acknowledged'],
    [0, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [401, 'unauthenticated'],
    [400, 'rejected'],
    [403, 'rejected'],
    [404, 'rejected'],
    [409, 'rejected'],
    [422, 'rejected'],
  ])('HTTP %i → %s', (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });
});

describe('backoff', () => {
  it('doubles from 2 s with equal jitter (between half and all of the step) and stops growing at 5 min', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(2, () => 1)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffDelay(3, () => 1)).toBe(4 * BACKOFF_BASE_MS);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });
});

describe('an item after an answer', () => {
  it('is sent only on a 2xx, keeping what the server made of it', () => {
    const sent = afterAnswer(
      item(),
      { status: 201, ok: true, result: { caseCode: 'YW20260302-000001', outcome: 'created' } },
      T0 + 5,
    );
    expect(sent).toMatchObject({
      state: 'sent',
      sentAt: T0 + 5,
      lastError: null,
      result: { caseCode: 'YW20260302-000001' },
    });
    expect(isPending(sent)).toBe(false);
  });

  it('network failures and 5xx are retried later with growing waits; the key never changes', () => {
    let current = item();
    const waits: number[] = [];
    for (const status of [0, 503, 0, 500]) {
      current = afterAnswer(current, failure(status), T0, half);
      waits.push(current.nextAttemptAt - T0);
      expect(current.state).toBe('queued');
      expect(current.id).toBe('k-1');
    }
    expect(current.attempts).toBe(4);
    expect(waits).toEqual([1500, 3000, 6000, 12000]);
    expect(current.lastError).toEqual({ status: 500, code: 'x', message: '服务器说不行' });
  });

  it('429 waits at least as long as Retry-After says', () => {
    const next = afterAnswer(item(), failure(429, 60_000), T0, half);
    expect(next.nextAttemptAt).toBe(T0 + 60_000);
  });

  it('other 4xx fail with the server message and stay for the worker (never dropped)', () => {
    const failed = afterAnswer(item(), failure(422), T0);
    expect(failed).toMatchObject({ state: 'failed', lastError: { status: 422, message: '服务器说不行' } });
    expect(dueItems([failed], 'u-1', T0 + 10 ** 9)).toEqual([]);
    const again = retryByHand(failed, T0 + 100);
    expect(again).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: T0 + 100, lastError: null, id: 'k-1' });
  });

  it('401 neither fails nor counts as a try: it waits for the worker to sign in again', () => {
    const waiting = afterAnswer(item({ attempts: 2 }), failure(401), T0 + 7);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 2, nextAttemptAt: T0 + 7 });
  });
});

describe('the queue', () => {
  it('sends only due items of the signed-in user, oldest first', () => {
    const a = item({ id: 'a', createdAt: T0 + 2 });
    const b = item({ id: 'b', createdAt: T0 + 1 });
    const later = item({ id: 'later', nextAttemptAt: T0 + 60_000 });
    const other = item({ id: 'other', userId: 'u-2' });
    const failed = item({ id: 'failed', state: 'failed' });
    const sent = item({ id: 'sent', state: 'sent' });
    const due = dueItems([a, b, later, other, failed, sent], 'u-1', T0 + 10);
    expect(due.map((i) => i.id)).toEqual(['b', 'a']);
    expect(nextWakeAt([later, failed], 'u-1')).toBe(T0 + 60_000);
    expect(nextWakeAt([other, failed], 'u-1')).toBeNull();
  });

  it('an item interrupted while sending is queued again after a restart', () => {
    expect(recoverInterrupted(item({ state: 'sending' })).state).toBe('queued');
    expect(recoverInterrupted(item({ state: 'failed' })).state).toBe('failed');
  });

  it('when the network returns, items that only lacked it go at once; server errors keep their backoff', () => {
    const offline = afterAnswer(item({ id: 'n' }), failure(0), T0, half);
    const serverError = afterAnswer(item({ id: 's' }), failure(503), T0, half);
    const changed = afterNetworkReturns([offline, serverError], T0 + 10);
    expect(changed).toEqual([{ ...offline, nextAttemptAt: T0 + 10 }]);
  });

  it('keeps sent items for a day and at most 50', () => {
    const sent = Array.from({ length: SENT_KEEP_COUNT + 2 }, (_, i) =>
      item({ id: `s${i}`, state: 'sent', sentAt: T0 + i * 1000 }),
    );
    const old = item({ id: 'old', state: 'sent', sentAt: T0 - SENT_KEEP_MS - 1 });
    const forgotten = sentToForget([...sent, old, item({ id: 'queued' })], T0 + 60_000);
    expect(forgotten.sort()).toEqual(['old', 's0', 's1']);
  });
});

describe('the main request', () => {
  it('carries the uploaded photo ids; the body is the same on every retry', () => {
    let current = withPhotoUploaded(item(), 1, 'p-2');
    current = withPhotoUploaded(current, 0, 'p-1');
    const first = mainRequest(current);
    const retried = mainRequest(afterAnswer(current, failure(0), T0));
    expect(first).toEqual({ path: '/cases', body: { ...report.body, photoIds: ['p-1', 'p-2'] } });
    expect(retried).toEqual(first);
    expect(current.photos.map((p) => p.key)).toEqual(['k-1.photo0', 'k-1.photo1']);
  });

  it('verify commands and support go to their case', () => {
    const pass = withPhotoUploaded(
      item({}, { kind: 'verify', caseCode: 'YW20260302-000007', body: { type: 'verify_pass' } }),
      0,
      'p-1',
    );
    expect(mainRequest(pass)).toEqual({
      path: '/cases/YW20260302-000007/commands',
      body: { type: 'verify_pass', photoIds: ['p-1'] },
    });
    const fail = item(
      { photos: [] },
      { kind: 'verify', caseCode: 'YW20260302-000007', body: { type: 'verify_fail', reason: '仍未修复' } },
    );
    expect(mainRequest(fail)).toEqual({
      path: '/cases/YW20260302-000007/commands',
      body: { type: 'verify_fail', reason: '仍未修复' },
    });
    const support = item({ photos: [] }, { kind: 'support', caseCode: 'YW20260302-000008', body: { note: '还在' } });
    expect(mainRequest(support)).toEqual({ path: '/cases/YW20260302-000008/support', body: { note: '还在' } });
  });

  it('a visit on a patrol waits until the server knows the patrol, then names it', () => {
    const visit = item(
      { photos: [] },
      { kind: 'visit', patrolLocalId: 'local-p', body: { address: '文定花园3幢201', note: '情况正常' } },
    );
    expect(mainRequest(visit, null)).toBe('waiting-for-patrol');
    expect(mainRequest(visit, 'server-p')).toEqual({
      path: '/visits',
      body: { address: '文定花园3幢201', note: '情况正常', patrolId: 'server-p' },
    });
    // The patrol is gone from the phone: the visit still goes, without it.
    expect(mainRequest(visit, undefined)).toEqual({
      path: '/visits',
      body: { address: '文定花园3幢201', note: '情况正常' },
    });
  });

  it('tells created from merged', () => {
    expect(resultOf('report', { outcome: 'merged', case: { code: 'YW1' } })).toEqual({
      caseCode: 'YW1',
      outcome: 'merged',
    });
    expect(resultOf('support', { outcome: 'merged', case: { code: 'YW2' } })).toEqual({
      caseCode: 'YW2',
      outcome: 'merged',
    });
    expect(resultOf('visit', { id: 'v' })).toEqual({ caseCode: null, outcome: 'done' });
  });
});

describe('a failed item edited by the worker', () => {
  const outsideCounty: OutboxError = {
    status: 400,
    code: 'outside-county',
    message: '该位置（经度 121.5，纬度 31.2）不在本县（市）网格范围内，请检查坐标或坐标系。',
  };
  const failed = () =>
    afterAnswer(
      withPhotoUploaded(item(), 0, 'photo-on-server'),
      { ...failure(400), code: outsideCounty.code, message: outsideCounty.message },
      T0 + 5_000,
    );
  const moved: OutboxRequest = {
    kind: 'report',
    body: { ...(report.body as object), point: { lon: 120.29, lat: 31.91, crs: 'WGS84' } } as never,
  };

  it('goes under a new Idempotency-Key, queued afresh, in its old place in the queue', () => {
    const before = failed();
    const edited = editedItem(
      before,
      { title: '垃圾满溢', request: moved, keptPhotos: before.photos },
      'k-2',
      T0 + 60_000,
    );
    expect(edited).toMatchObject({
      id: 'k-2',
      userId: 'u-1',
      createdAt: T0,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: T0 + 60_000,
      lastError: null,
      result: null,
      sentAt: null,
      request: moved,
    });
    expect(mainRequest(edited)).toEqual({ path: '/cases', body: { ...moved.body, photoIds: ['photo-on-server'] } });
  });

  it('keeps uploaded photos as they are (no second upload) and the keys of the others; new photos get keys of the new item', () => {
    const before = failed();
    const edited = editedItem(
      before,
      { title: 't', request: moved, keptPhotos: before.photos, addedPhotoBlobIds: ['b-3'] },
      'k-2',
      T0,
    );
    expect(edited.photos).toEqual([
      { blobId: 'b-1', key: 'k-1.photo0', photoId: 'photo-on-server' },
      { blobId: 'b-2', key: 'k-1.photo1', photoId: null },
      { blobId: 'b-3', key: 'k-2.photo0', photoId: null },
    ]);
    expect(photosLeftBehind(before, edited)).toEqual([]);
  });

  it('photos the worker took out are left behind (their blobs go with the swap); photos of other items cannot be smuggled in', () => {
    const before = failed();
    const stranger = { blobId: 'b-9', key: 'k-9.photo0', photoId: 'not-mine' };
    const second = before.photos[1];
    if (!second) throw new Error('fixture has two photos');
    const edited = editedItem(before, { title: 't', request: moved, keptPhotos: [second, stranger] }, 'k-2', T0);
    expect(edited.photos.map((p) => p.blobId)).toEqual(['b-2']);
    expect(photosLeftBehind(before, edited)).toEqual(['b-1']);
  });

  it('is refused for an item that has not failed, or under the same key', () => {
    const edit = { title: 't', request: moved, keptPhotos: [] };
    expect(() => editedItem(item(), edit, 'k-2', T0)).toThrow(/only a failed item/);
    expect(() => editedItem(failed(), edit, 'k-1', T0)).toThrow(/new Idempotency-Key/);
  });

  it('reports, visits and verifications can be edited once failed; a support, or an item still queued, cannot', () => {
    expect(isEditable(failed())).toBe(true);
    expect(isEditable(item())).toBe(false);
    const support = item({ state: 'failed' }, { kind: 'support', caseCode: 'YW1', body: {} });
    expect(isEditable(support)).toBe(false);
    const visit = item({ state: 'failed' }, { kind: 'visit', patrolLocalId: null, body: visitBody });
    expect(isEditable(visit)).toBe(true);
    const verify = item(
      { state: 'failed' },
      { kind: 'verify', caseCode: 'YW1', body: { type: 'verify_fail', reason: 'x' } },
    );
    expect(isEditable(verify)).toBe(true);
  });
});

describe("the server's complaints, by field of the edit screen", () => {
  it('a place outside the county (no field details) is the location', () => {
    expect(faultsByField({ status: 400, code: 'outside-county', message: '不在本县' })).toEqual({
      location: '不在本县',
    });
    expect(faultsByField({ status: 422, code: 'no-grid', message: '没有网格' })).toEqual({ location: '没有网格' });
  });

  it('field details go to the matter, the questions, the note, the photos; the rest to `other`', () => {
    const error: OutboxError = {
      status: 422,
      code: 'validation',
      message: '输入有误',
      details: [
        { field: 'matterCode', code: 'invalid', message: '无效' },
        { field: 'formAnswers.hazard', code: 'required', message: '必填' },
        { field: 'formAnswers.hazard', code: 'enum', message: '不在选项中' },
        { field: 'description', code: 'maxLength', message: '太长' },
        { field: 'point.lat', code: 'maximum', message: '超出范围' },
        { field: 'photoIds', code: 'maxItems', message: '太多' },
        { field: 'reason', code: 'minLength', message: '太短' },
        { field: 'visitedAt', code: 'format', message: '' },
      ],
    };
    expect(faultsByField(error)).toEqual({
      matter: '无效',
      'formAnswers.hazard': '必填；不在选项中',
      note: '太长',
      location: '超出范围',
      photos: '太多',
      reason: '太短',
      other: '输入有误',
    });
  });

  it('no error, nothing to show', () => {
    expect(faultsByField(null)).toEqual({});
    expect(faultsByField({ status: 409, code: 'case-not-allowed-in-state', message: '已结案' })).toEqual({});
  });

  it('the details of a refusal are kept on the failed item', () => {
    const details = [{ field: 'formAnswers.hazard', code: 'required', message: '必填' }];
    const failed = afterAnswer(item(), { ...failure(422), code: 'validation', details }, T0);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toEqual({ status: 422, code: 'validation', message: '服务器说不行', details });
    expect(afterAnswer(item(), failure(422), T0).lastError).not.toHaveProperty('details');
  });
});

describe('pendingVerifications', () => {
  const verify = (code: string): OutboxRequest => ({ kind: 'verify', caseCode: code, body: { type: 'verify_pass' } });
  it('queued, sending and delivered-after-the-list verifications of this user; not refused ones, others’ or older ones', () => {
    const items = [
      item({ id: 'a' }, verify('YW1')),
      item({ id: 'b', state: 'sending' }, verify('YW2')),
      item({ id: 'c', state: 'sent', sentAt: T0 + 5_000 }, verify('YW3')),
      item({ id: 'd', state: 'sent', sentAt: T0 - 5_000 }, verify('YW4')),
      item({ id: 'e', state: 'failed' }, verify('YW5')),
      item({ id: 'f', userId: 'u-2' }, verify('YW6')),
      item({ id: 'g' }),
    ];
    expect([...pendingVerifications(items, 'u-1', T0)].sort()).toEqual(['YW1', 'YW2', 'YW3']);
    expect([...pendingVerifications(items, 'u-1', null)].sort()).toEqual(['YW1', 'YW2', 'YW3', 'YW4']);
  });
});
