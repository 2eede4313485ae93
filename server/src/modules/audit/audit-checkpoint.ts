import { type KeyObject, sign, verify } from 'node:crypto';
import { keyIdOf, publicKeyText } from '../../platform/signing-key.js';
import type { CheckpointLane } from './audit.tables.js';
import { canonicalJson } from './audit-chain.js';

/** A signed checkpoint: where every lane ended at `at`, as the key `keyId` signed it. */
export interface AuditCheckpoint {
  id: number;
  at: Date;
  keyId: string;
  lanes: CheckpointLane[];
  /** Ed25519 signature (base64) of checkpointPayload. */
  signature: string;
}

/** What is signed: the time, the key's id and the lanes, as canonical JSON (the id is only a row number). */
export const checkpointPayload = (c: Pick<AuditCheckpoint, 'at' | 'keyId' | 'lanes'>): Buffer =>
  Buffer.from(canonicalJson({ at: c.at.toISOString(), keyId: c.keyId, lanes: c.lanes }), 'utf8');

/** Signs the lanes' ends at `at` with the private key. */
export function signCheckpoint(key: KeyObject, at: Date, lanes: CheckpointLane[]): Omit<AuditCheckpoint, 'id'> {
  const unsigned = { at, keyId: keyIdOf(key), lanes };
  return { ...unsigned, signature: sign(null, checkpointPayload(unsigned), key).toString('base64') };
}

export function checkpointSignatureIsValid(publicKey: KeyObject, c: AuditCheckpoint): boolean {
  try {
    return verify(null, checkpointPayload(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export type CheckpointBreak =
  /** The checkpoint's content no longer matches its signature: forged or altered. */
  | { reason: 'bad-signature'; checkpointId: number; at: Date }
  /** Signed by another key than the one the verifier trusts. */
  | { reason: 'other-key'; checkpointId: number; at: Date; keyId: string }
  /** The row at a signed lane position is gone. */
  | { reason: 'row-missing'; checkpointId: number; at: Date; lane: number; seq: number }
  /** The row at a signed lane position has another hash: rows up to it were rewritten. */
  | { reason: 'row-rewritten'; checkpointId: number; at: Date; lane: number; seq: number };

/**
 * Checks each checkpoint's signature, then that the log still holds, at every signed lane
 * position, a row with the signed hash (`hashAt` answers the stored hash of a walked row).
 * With the chain walk finding no break before it, a matching hash proves every row of the
 * lane up to there is as it was signed. One break per checkpoint: its first failing lane.
 */
export function findCheckpointBreaks(
  checkpoints: Iterable<AuditCheckpoint>,
  publicKey: KeyObject,
  hashAt: (lane: number, seq: number) => string | undefined,
): CheckpointBreak[] {
  const trustedKeyId = keyIdOf(publicKey);
  const breaks: CheckpointBreak[] = [];
  for (const c of checkpoints) {
    const where = { checkpointId: c.id, at: c.at };
    if (c.keyId !== trustedKeyId) {
      breaks.push({ reason: 'other-key', ...where, keyId: c.keyId });
      continue;
    }
    if (!checkpointSignatureIsValid(publicKey, c)) {
      breaks.push({ reason: 'bad-signature', ...where });
      continue;
    }
    for (const { lane, seq, hash } of c.lanes) {
      if (seq === 0) continue;
      const stored = hashAt(lane, seq);
      if (stored === hash) continue;
      breaks.push({ reason: stored === undefined ? 'row-missing' : 'row-rewritten', ...where, lane, seq });
      break;
    }
  }
  return breaks;
}

/** One line of the checkpoint export (JSON lines): the checkpoint and, for the auditor's records, its public key. */
export function checkpointLine(c: AuditCheckpoint, key: KeyObject): string {
  return JSON.stringify({
    id: c.id,
    at: c.at.toISOString(),
    keyId: c.keyId,
    lanes: c.lanes,
    signature: c.signature,
    publicKey: publicKeyText(key),
  });
}

/** Reads a checkpoint export back; a malformed line throws with its line number. */
export function parseCheckpointLines(text: string): AuditCheckpoint[] {
  const checkpoints: AuditCheckpoint[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const raw = JSON.parse(line) as Partial<Record<keyof AuditCheckpoint, unknown>>;
    if (
      typeof raw.id !== 'number' ||
      typeof raw.at !== 'string' ||
      typeof raw.keyId !== 'string' ||
      typeof raw.signature !== 'string' ||
      !Array.isArray(raw.lanes)
    )
      throw new Error(`checkpoint file line ${index + 1} is not a checkpoint`);
    checkpoints.push({
      id: raw.id,
      at: new Date(raw.at),
      keyId: raw.keyId,
      lanes: raw.lanes as CheckpointLane[],
      signature: raw.signature,
    });
  }
  return checkpoints;
}
