import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const sha256Hex = (input: string | Buffer): string => createHash('sha256').update(input).digest('hex');

/** A random token for sessions, CSRF and API keys: 32 bytes, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/*
 * Small random values (IVs, follow keys) are cut from a pool of random bytes filled 48 KB at a
 * time: one call into the CSPRNG per thousands of values instead of one per value, which was
 * more than half of a seal's time (a county's import seals two values per person) and a
 * visible share of an intake's. Each value is still fresh random bytes, handed out once.
 */
const RANDOM_POOL_SIZE = 48 * 1024;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** `size` fresh random bytes (at most 256; more come straight from the CSPRNG). */
export function pooledRandomBytes(size: number): Buffer {
  if (size > 256) return randomBytes(size);
  if (randomOffset + size > randomPool.length) {
    // A new buffer, not a refill: values handed out earlier keep their bytes.
    randomPool = randomBytes(RANDOM_POOL_SIZE);
    randomOffset = 0;
  }
  const bytes = randomPool.subarray(randomOffset, randomOffset + size);
  randomOffset += size;
  return bytes;
}

const IV_BYTES = 12;

/** AES-256-GCM; output is iv.tag.ciphertext in base64url, so a tampered value fails to decrypt. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = pooledRandomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

const indexKeys = new Map<string, WeakMap<Buffer, Buffer>>();

/**
 * A blind index: HMAC-SHA256 of a normalized value under a key derived from the platform
 * secret for one purpose (`label`), never the sealing key itself. A table can then be searched
 * for an exact value (a phone, an ID number) while it holds only the sealed value and this
 * digest; without the secret a leaked table does not give the values back, even to someone
 * trying every possible one. Each purpose gets its own key, so equal digests of two kinds of
 * value never link them.
 */
export function blindIndex(secretKey: Buffer, label: string, normalized: string): string {
  let keys = indexKeys.get(label);
  if (!keys) {
    keys = new WeakMap();
    indexKeys.set(label, keys);
  }
  let key = keys.get(secretKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), label, 32));
    keys.set(secretKey, key);
  }
  return createHmac('sha256', key).update(normalized).digest('hex');
}
