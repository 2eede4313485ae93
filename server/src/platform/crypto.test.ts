import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, pooledRandomBytes } from './crypto.js';

describe('encryptSecret', () => {
  const key = randomBytes(32);

  it('seals with a fresh IV every time, past the end of one pool of random bytes (4 096 IVs), and unseals each', () => {
    const sealed = Array.from({ length: 9000 }, (_, i) =>
      encryptSecret(key, `11010119900307${String(i).padStart(4, '0')}`),
    );
    expect(new Set(sealed.map((s) => s.split('.')[0])).size).toBe(9000);
    expect(sealed.map((s) => decryptSecret(key, s))[8999]).toBe('110101199003078999');
    expect(decryptSecret(key, sealed[4096] ?? '')).toBe('110101199003074096');
  });

  it('refuses a value sealed under another key or tampered with', () => {
    const sealed = encryptSecret(key, '13800138000');
    expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
    const [iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret(key, [iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });
});

describe('pooledRandomBytes', () => {
  it('hands out fresh bytes of the size asked, never the same ones twice, and keeps them across a refill of the pool', () => {
    const first = pooledRandomBytes(8);
    const copy = Buffer.from(first);
    const seen = new Set<string>();
    // More than one pool's worth (48 KB): the pool is replaced on the way.
    for (let i = 0; i < 8_000; i++) {
      const bytes = pooledRandomBytes(8);
      expect(bytes).toHaveLength(8);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(8_000);
    expect(first.equals(copy)).toBe(true);
    expect(pooledRandomBytes(1024)).toHaveLength(1024);
  });
});
