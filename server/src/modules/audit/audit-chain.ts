import { sha256Hex } from '../../platform/crypto.js';

/** The fields of an audit row that its hash covers. */
export interface AuditRecord {
  id: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  outcome: string;
  requestId: string | null;
  details: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Only the listed fields are hashed, so extra properties on a row object cannot change it. */
export function hashAuditRecord(prevHash: string, r: AuditRecord): string {
  const canonical = canonicalJson({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    outcome: r.outcome,
    requestId: r.requestId,
    details: r.details,
  });
  return sha256Hex(prevHash + canonical);
}

export type ChainBreak =
  | { reason: 'hash-mismatch'; id: number }
  | { reason: 'prev-hash-mismatch'; id: number }
  | { reason: 'missing-row'; id: number; missingId: number };

/**
 * Walks rows in id order and reports every break: a row whose content no longer matches
 * its hash (edited), or whose predecessor is missing or was replaced (deleted). After a
 * break the walk re-anchors on the row's stored hash, so one edit flags one row and
 * later, independent tampering is still found.
 */
export function findChainBreaks(
  rows: Iterable<AuditRecord & { prevHash: string; hash: string }>,
  start: ChainPosition = { lastId: 0, lastHash: GENESIS_HASH },
): { breaks: ChainBreak[]; end: ChainPosition } {
  let { lastId, lastHash } = start;
  const breaks: ChainBreak[] = [];
  for (const row of rows) {
    if (row.id !== lastId + 1) breaks.push({ reason: 'missing-row', id: row.id, missingId: lastId + 1 });
    else if (row.prevHash !== lastHash) breaks.push({ reason: 'prev-hash-mismatch', id: row.id });
    if (hashAuditRecord(row.prevHash, row) !== row.hash) breaks.push({ reason: 'hash-mismatch', id: row.id });
    lastId = row.id;
    lastHash = row.hash;
  }
  return { breaks, end: { lastId, lastHash } };
}

export interface ChainPosition {
  lastId: number;
  lastHash: string;
}
