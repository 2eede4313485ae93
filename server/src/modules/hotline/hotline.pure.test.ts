import { describe, expect, it } from 'vitest';
import type { CatalogMatter } from '../catalog/catalog-matter.js';
import { MATTER_CATALOG } from '../catalog/data/matter-catalog.js';
import { FALLBACK_MATTER_CODE, matchMatter } from './match-matter.js';
import { signHotline, verifyHotlineSignature } from './signature.js';
import { backoffMs } from './use-cases/deliver-callbacks.js';

describe('hotline signatures', () => {
  const now = new Date('2026-05-01T08:00:00Z');
  const ts = String(now.getTime() / 1000);
  const body = Buffer.from('{"orderNo":"GD-1"}');
  const check = (signature: string | undefined, timestamp: string | undefined = ts, secret: string | null = 's3') =>
    verifyHotlineSignature({ secret, signature, timestamp, body, now, maxSkewSeconds: 300 });

  it('accepts its own signature and refuses everything else, with a reason', () => {
    expect(signHotline('s3', ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(check(signHotline('s3', ts, body))).toEqual({ ok: true });
    expect(check(signHotline('other', ts, body))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(check('sha256=00')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(check(undefined)).toEqual({ ok: false, reason: 'missing-signature' });
    expect(check(signHotline('s3', ts, body), 'yesterday')).toEqual({ ok: false, reason: 'bad-timestamp' });
    const old = String(Number(ts) - 301);
    expect(check(signHotline('s3', old, body), old)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(check(signHotline('s3', ts, body), ts, null)).toEqual({ ok: false, reason: 'not-configured' });
  });
});

describe('matching a work order to a matter', () => {
  const matters: CatalogMatter[] = MATTER_CATALOG.map((m) => ({
    ...m,
    version: 1,
    validFrom: new Date(0),
    validTo: null,
    escalation: null,
    active: true,
  }));
  it('finds the matter by category or text, skips matters with required fields, else falls back', () => {
    expect(matchMatter(matters, { category: '垃圾满溢', description: '' })).toBe('CG-0302');
    expect(matchMatter(matters, { description: '楼下垃圾桶满了' })).toBe('CG-0302');
    expect(matchMatter(matters, { category: '井盖缺失', description: '' })).not.toBe('CG-0101');
    expect(matchMatter(matters, { category: '意见', description: '难以归类' })).toBe(FALLBACK_MATTER_CODE);
  });
});

describe('callback backoff', () => {
  it('doubles from the base and caps at an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(30_000, n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30_000, 20)).toBe(3_600_000);
  });
});
