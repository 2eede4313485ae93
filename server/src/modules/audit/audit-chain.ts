import { sha256Hex } from '../../platform/crypto.js';

/** The fields of an audit row that its hash covers. */
export interface AuditRecord {
  id: number;
  /** The chain (lane) the row belongs to, and its gapless position in that lane. */
  lane: number;
  laneSeq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  outcome: string;
  requestId: string | null;
  details: unknown;
  /** Where the row's object lies (null: the county as a whole). */
  scopePath: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  // Plain loops and one growing string: every audit row and every Idempotency-Key's body is
  // written this way, and the entries/filter/map/join version was a visible cost of an intake.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Sorted by UTF-16 code units, as comparing with < does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/** Only the listed fields are hashed, so extra properties on a row object cannot change it. */
export function hashAuditRecord(prevHash: string, r: AuditRecord): string {
  // Rows written while there was one chain (lane 0, position = id) keep that form, so their
  // hashes still verify; every other row's hash covers its lane and position too.
  const singleChain = r.lane === 0 && r.laneSeq === r.id;
  const canonical = canonicalJson({
    id: r.id,
    lane: singleChain ? undefined : r.lane,
    laneSeq: singleChain ? undefined : r.laneSeq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    outcome: r.outcome,
    requestId: r.requestId,
    details: r.details,
    // Left out when null, so rows written before the column existed keep their hashes.
    scopePath: r.scopePath ?? undefined,
  });
  return sha256Hex(prevHash + canonical);
}

export type ChainBreak =
  | { reason: 'hash-mismatch'; id: number }
  | { reason: 'prev-hash-mismatch'; id: number }
  /** Position `missingSeq` of `lane` is gone; `id` is the row that follows the gap. */
  | { reason: 'missing-row'; id: number; lane: number; missingSeq: number };

/**
 * Walks the rows of one lane in position order and reports every break: a row whose
 * content no longer matches its hash (edited), or whose predecessor is missing or was
 * replaced (deleted). After a break the walk re-anchors on the row's stored hash, so one
 * edit flags one row and later, independent tampering is still found.
 */
export function findChainBreaks(
  rows: Iterable<AuditRecord & { prevHash: string; hash: string }>,
  start: ChainPosition = { lastSeq: 0, lastHash: GENESIS_HASH },
): { breaks: ChainBreak[]; end: ChainPosition } {
  let { lastSeq, lastHash } = start;
  const breaks: ChainBreak[] = [];
  for (const row of rows) {
    if (row.laneSeq !== lastSeq + 1)
      breaks.push({ reason: 'missing-row', id: row.id, lane: row.lane, missingSeq: lastSeq + 1 });
    else if (row.prevHash !== lastHash) breaks.push({ reason: 'prev-hash-mismatch', id: row.id });
    if (hashAuditRecord(row.prevHash, row) !== row.hash) breaks.push({ reason: 'hash-mismatch', id: row.id });
    lastSeq = row.laneSeq;
    lastHash = row.hash;
  }
  return { breaks, end: { lastSeq, lastHash } };
}

/** Where a walk along one lane stands. */
export interface ChainPosition {
  lastSeq: number;
  lastHash: string;
}
