import { describe, expect, it } from 'vitest';
import { type AuditRecord, canonicalJson, findChainBreaks, GENESIS_HASH, hashAuditRecord } from './audit-chain.js';

function chain(n: number, lane = 0, firstId = 1) {
  const rows: (AuditRecord & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const id = firstId + (seq - 1) * 3;
    const record: AuditRecord = {
      id: lane === 0 && firstId === 1 ? seq : id,
      lane,
      laneSeq: seq,
      at: new Date(Date.UTC(2026, 10, 23, 8, 0, seq)),
      actorId: null,
      actorLabel: 'tester',
      action: 'user.update',
      objectType: 'user',
      objectId: `u${seq}`,
      outcome: 'success',
      requestId: `r${seq}`,
      details: { b: seq, a: [1, { y: 2, x: 1 }] },
      scopePath: seq % 2 === 0 ? '320281/320281001' : null,
    };
    const hash = hashAuditRecord(prev, record);
    rows.push({ ...record, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth so jsonb reordering keeps the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}',
    );
  });
});

describe('findChainBreaks', () => {
  it('accepts an intact chain', () => {
    expect(findChainBreaks(chain(5)).breaks).toEqual([]);
  });

  it('names an edited row by its id', () => {
    const rows = chain(5);
    rows[2] = { ...(rows[2] as (typeof rows)[number]), outcome: 'failure' };
    expect(findChainBreaks(rows).breaks).toEqual([{ reason: 'hash-mismatch', id: 3 }]);
  });

  it('names a deleted row by the id that is missing', () => {
    const rows = chain(5).filter((r) => r.id !== 4);
    expect(findChainBreaks(rows).breaks).toEqual([{ reason: 'missing-row', id: 5, lane: 0, missingSeq: 4 }]);
  });

  it('catches a row replaced with a freshly hashed forgery through the link of the next row', () => {
    const rows = chain(4);
    const original = rows[1] as (typeof rows)[number];
    const forged = { ...original, actorLabel: 'someone-else' };
    rows[1] = { ...forged, hash: hashAuditRecord(forged.prevHash, forged) };
    expect(findChainBreaks(rows).breaks).toEqual([{ reason: 'prev-hash-mismatch', id: 3 }]);
  });

  it('reports independent edit and deletion in one walk', () => {
    const rows = chain(8).filter((r) => r.id !== 6);
    rows[1] = { ...(rows[1] as (typeof rows)[number]), details: { tampered: true } };
    expect(findChainBreaks(rows).breaks).toEqual([
      { reason: 'hash-mismatch', id: 2 },
      { reason: 'missing-row', id: 7, lane: 0, missingSeq: 6 },
    ]);
  });

  it('walks a lane by position, whatever its ids, and names the gap by lane and position', () => {
    const rows = chain(5, 3, 40);
    expect(findChainBreaks(rows).breaks).toEqual([]);
    const gap = rows.filter((r) => r.laneSeq !== 2);
    expect(findChainBreaks(gap).breaks).toEqual([{ reason: 'missing-row', id: 46, lane: 3, missingSeq: 2 }]);
  });

  it('hashes a row’s lane and position, so moving it to another lane or place shows', () => {
    const rows = chain(3, 2, 10);
    const row = rows[1] as (typeof rows)[number];
    expect(hashAuditRecord(row.prevHash, { ...row, lane: 5 })).not.toBe(row.hash);
    expect(hashAuditRecord(row.prevHash, { ...row, laneSeq: 9 })).not.toBe(row.hash);
    expect(hashAuditRecord(row.prevHash, row)).toBe(row.hash);
  });

  it('hashes a row’s scope path when it has one, and a row without one as before the column', () => {
    const rows = chain(3, 2, 10);
    const scoped = rows[1] as (typeof rows)[number];
    expect(scoped.scopePath).toBe('320281/320281001');
    expect(hashAuditRecord(scoped.prevHash, { ...scoped, scopePath: '320281' })).not.toBe(scoped.hash);
    expect(hashAuditRecord(scoped.prevHash, { ...scoped, scopePath: null })).not.toBe(scoped.hash);
    const county = rows[0] as (typeof rows)[number];
    expect(hashAuditRecord(county.prevHash, { ...county, scopePath: '320281/320281004' })).not.toBe(county.hash);
    // A row written before the column existed (no scopePath at all) hashes as it did then.
    const { scopePath: _none, ...legacy } = county;
    expect(hashAuditRecord(county.prevHash, legacy as unknown as AuditRecord)).toBe(county.hash);
  });
});
