import type { Patrol, PostTrackPointsResult } from '@yiwang/contracts';
import { newIdempotencyKey as newKey } from '../../shared/http';
import { type Fix, holdPosition, onFix, positionStore } from '../geo/position';
import { classifyStatus } from '../outbox/outbox-logic';
import { deviceDb } from '../shell/device-db';
import { send } from '../shell/http';
import { createStore } from '../shell/store';
import { BATCH_MIN, BATCH_SIZE, type LocalPatrol, pointsBatch, shouldRecord, type TrackPoint } from './patrol-logic';

export interface PatrolState {
  /** The patrol being recorded now (this user's), or null. */
  active: LocalPatrol | null;
  /** Points on the phone not yet acknowledged by the server, all patrols. */
  pendingPoints: number;
  /** The last problem of the upload that the worker should see (start refused, points refused). */
  problem: string | null;
}

export const patrolStore = createStore<PatrolState>({ active: null, pendingPoints: 0, problem: null });

let release: (() => void) | null = null;
let unlisten: (() => void) | null = null;
let lastRecorded: { at: string; lon: number; lat: number } | null = null;
let wantUpload: () => void = () => {};

/** The sync engine's "send now", called when enough points have gathered. */
export function setUploadTrigger(trigger: () => void): void {
  wantUpload = trigger;
}

async function countPending(): Promise<number> {
  return (await deviceDb()).count('points');
}

async function refresh(userId: string | null): Promise<void> {
  const db = await deviceDb();
  const patrols = await db.getAll('patrols');
  const active = patrols.find((p) => p.userId === userId && p.endedAt === null) ?? null;
  const pendingPoints = await countPending();
  patrolStore.set((s) => ({ ...s, active, pendingPoints }));
}

async function record(patrol: LocalPatrol, fix: Fix): Promise<void> {
  if (!shouldRecord(lastRecorded, fix)) return;
  lastRecorded = { at: fix.at, lon: fix.lon, lat: fix.lat };
  const db = await deviceDb();
  const tx = db.transaction(['points', 'patrols'], 'readwrite');
  const point: TrackPoint = {
    patrolLocalId: patrol.localId,
    at: fix.at,
    lon: fix.lon,
    lat: fix.lat,
    accuracyM: fix.accuracyM,
  };
  await tx.objectStore('points').add(point);
  const stored = await tx.objectStore('patrols').get(patrol.localId);
  if (stored) await tx.objectStore('patrols').put({ ...stored, recordedCount: stored.recordedCount + 1 });
  await tx.done;
  const pendingPoints = await countPending();
  patrolStore.set((s) => ({
    ...s,
    pendingPoints,
    active:
      s.active && s.active.localId === patrol.localId
        ? { ...s.active, recordedCount: s.active.recordedCount + 1 }
        : s.active,
  }));
  if (pendingPoints >= BATCH_MIN) wantUpload();
}

function startRecording(patrol: LocalPatrol): void {
  stopRecording();
  lastRecorded = null;
  release = holdPosition();
  unlisten = onFix((fix) => void record(patrol, fix));
  // The GPS may already be on (a screen showing the position): its last fix is where the patrol starts.
  const current = positionStore.get().fix;
  if (current && Date.parse(current.at) >= Date.parse(patrol.startedAt) - FRESH_FIX_MS) void record(patrol, current);
}

/** A fix this old at the start of a patrol still counts as its first point. */
const FRESH_FIX_MS = 60_000;

function stopRecording(): void {
  unlisten?.();
  release?.();
  unlisten = null;
  release = null;
}

/**
 * On app start: an open patrol of this user on the phone is resumed (the app was closed or
 * reloaded mid-patrol). If the server says one is open that the phone does not know (a
 * reinstall), the phone takes it over.
 */
export async function resumePatrol(userId: string, serverOpen?: Patrol | null): Promise<void> {
  const db = await deviceDb();
  const patrols = await db.getAll('patrols');
  let active = patrols.find((p) => p.userId === userId && p.endedAt === null) ?? null;
  if (!active && serverOpen && serverOpen.endedAt === null && !patrols.some((p) => p.serverId === serverOpen.id)) {
    active = {
      localId: newKey(),
      userId,
      serverId: serverOpen.id,
      startedAt: serverOpen.startedAt,
      endedAt: null,
      endAcknowledged: false,
      recordedCount: 0,
      rejected: null,
    };
    await db.put('patrols', active);
  }
  if (active && !release) startRecording(active);
  if (!active) stopRecording();
  await refresh(userId);
}

export async function startPatrol(userId: string): Promise<void> {
  const patrol: LocalPatrol = {
    localId: newKey(),
    userId,
    serverId: null,
    startedAt: new Date().toISOString(),
    endedAt: null,
    endAcknowledged: false,
    recordedCount: 0,
    rejected: null,
  };
  await (await deviceDb()).put('patrols', patrol);
  startRecording(patrol);
  patrolStore.set((s) => ({ ...s, active: patrol, problem: null }));
  wantUpload();
}

export async function stopPatrol(): Promise<void> {
  const active = patrolStore.get().active;
  stopRecording();
  if (!active) return;
  const db = await deviceDb();
  const stored = await db.get('patrols', active.localId);
  if (stored) await db.put('patrols', { ...stored, endedAt: new Date().toISOString() });
  patrolStore.set((s) => ({ ...s, active: null }));
  wantUpload();
}

/** Stop the GPS without ending the patrol (sign-out): it resumes at the next sign-in. */
export function pauseRecording(): void {
  stopRecording();
  patrolStore.set((s) => ({ ...s, active: null }));
}

/** For a visit: the patrol it belongs to. See mainRequest() for what the three answers mean. */
export async function patrolServerId(localId: string): Promise<string | null | undefined> {
  const patrol = await (await deviceDb()).get('patrols', localId);
  return patrol ? patrol.serverId : undefined;
}

export type UploadOutcome = 'done' | 'retry' | 'unauthenticated';

const KEEP_ENDED_MS = 24 * 60 * 60_000;

/**
 * Brings the server up to date with every patrol of this user on the phone, in order:
 * start it there, upload its points in batches (a point the server has already is
 * ignored there, so a batch cut off mid-way is simply sent again), end it. Points go only
 * after the server acknowledged them.
 */
export async function uploadPatrols(userId: string, force: boolean): Promise<UploadOutcome> {
  const db = await deviceDb();
  for (const initial of await db.getAll('patrols')) {
    if (initial.userId !== userId) continue;
    let patrol = initial;
    if (patrol.serverId === null) {
      const started = await send<Patrol>('POST', '/patrols', {
        json: { startedAt: patrol.startedAt },
        idempotencyKey: `patrol.${patrol.localId}`,
      });
      const kind = classifyStatus(started.status);
      if (kind === 'unauthenticated') return 'unauthenticated';
      if (kind === 'retry') return 'retry';
      if (!started.ok) {
        // Refused (e.g. no patrol permission): record nothing more, tell the worker, keep nothing.
        patrolStore.set((s) => ({ ...s, problem: started.message || `HTTP ${started.status}` }));
        await discardPatrol(patrol.localId);
        if (patrol.endedAt === null) pauseRecording();
        continue;
      }
      patrol = { ...patrol, serverId: started.body.id };
      await db.put('patrols', patrol);
    }
    const serverId = patrol.serverId as string;
    for (;;) {
      const points = await db.getAllFromIndex('points', 'byPatrol', patrol.localId, BATCH_SIZE);
      // A small remainder of an open patrol waits for more, unless the app is asked to flush.
      if (points.length === 0 || (!force && patrol.endedAt === null && points.length < BATCH_MIN)) break;
      const posted = await send<PostTrackPointsResult>('POST', `/patrols/${serverId}/points`, {
        json: { points: pointsBatch(points) },
      });
      const kind = classifyStatus(posted.status);
      if (kind === 'unauthenticated') return 'unauthenticated';
      if (kind === 'retry') return 'retry';
      const tx = db.transaction(['points', 'patrols'], 'readwrite');
      await Promise.all(points.map((p) => tx.objectStore('points').delete(p.seq as number)));
      if (!posted.ok) {
        const rejected = { count: (patrol.rejected?.count ?? 0) + points.length, message: posted.message };
        patrol = { ...patrol, rejected };
        await tx.objectStore('patrols').put(patrol);
        patrolStore.set((s) => ({ ...s, problem: posted.message || `HTTP ${posted.status}` }));
      }
      await tx.done;
    }
    if (patrol.endedAt !== null && !patrol.endAcknowledged) {
      const ended = await send<Patrol>('POST', `/patrols/${serverId}/end`, {
        json: { endedAt: patrol.endedAt },
        idempotencyKey: `patrol.${patrol.localId}.end`,
      });
      const kind = classifyStatus(ended.status);
      if (kind === 'unauthenticated') return 'unauthenticated';
      if (kind === 'retry') return 'retry';
      // Acknowledged, or refused because it is already ended there: either way the server has an end.
      patrol = { ...patrol, endAcknowledged: true };
      await db.put('patrols', patrol);
    }
    if (patrol.endAcknowledged && Date.now() - Date.parse(patrol.endedAt ?? '') > KEEP_ENDED_MS) {
      if ((await db.countFromIndex('points', 'byPatrol', patrol.localId)) === 0)
        await db.delete('patrols', patrol.localId);
    }
  }
  await refresh(userId);
  return 'done';
}

async function discardPatrol(localId: string): Promise<void> {
  const db = await deviceDb();
  const keys = await db.getAllKeysFromIndex('points', 'byPatrol', localId);
  const tx = db.transaction(['points', 'patrols'], 'readwrite');
  await Promise.all([
    ...keys.map((k) => tx.objectStore('points').delete(k)),
    tx.objectStore('patrols').delete(localId),
    tx.done,
  ]);
}
