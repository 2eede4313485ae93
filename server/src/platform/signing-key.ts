import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from './crypto.js';

/** The file a trial install keeps its audit signing key in; `*.key`, so `npm run backup` takes it. */
export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.key';

/** PKCS#8 DER prefix of an Ed25519 private key: a bare 32-byte seed becomes a key with it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what} must be an Ed25519 key`);
  return key;
}

/** An Ed25519 private key from PEM, or base64 of its PKCS#8 DER or of its 32-byte seed. */
export function parseSigningKey(text: string, what = 'YIWANG_AUDIT_SIGNING_KEY'): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return requireEd25519(createPrivateKey(trimmed), what);
  const der = Buffer.from(trimmed, 'base64');
  if (der.length === 32)
    return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, der]), format: 'der', type: 'pkcs8' });
  if (der.length === 0) throw new Error(`${what} is neither PEM nor base64`);
  return requireEd25519(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), what);
}

/** An Ed25519 public key from PEM or base64 of its SPKI DER (as in a checkpoint export), or from a private key. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.includes('PRIVATE KEY')) return createPublicKey(parseSigningKey(trimmed, 'the key'));
  if (trimmed.startsWith('-----BEGIN')) return requireEd25519(createPublicKey(trimmed), 'the public key');
  return requireEd25519(
    createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' }),
    'the public key',
  );
}

/** The public half of a key pair (a public key as it is). */
export const publicHalf = (key: KeyObject): KeyObject => (key.type === 'public' ? key : createPublicKey(key));

/** The public key as base64 of its SPKI DER: one line, for exports and the command line. */
export const publicKeyText = (key: KeyObject): string =>
  publicHalf(key).export({ format: 'der', type: 'spki' }).toString('base64');

/** A short, stable name of a public key (the first 16 hex digits of the SHA-256 of its SPKI DER). */
export const keyIdOf = (key: KeyObject): string =>
  sha256Hex(publicHalf(key).export({ format: 'der', type: 'spki' })).slice(0, 16);

/**
 * The key that signs audit checkpoints. It must live outside the database (whoever can
 * rewrite the log must not be able to re-sign it): YIWANG_AUDIT_SIGNING_KEY in production;
 * a trial install generates one into the data dir (mode 0600), beside secret.key.
 */
export function loadAuditSigningKey(env: NodeJS.ProcessEnv, dataDir: string): KeyObject {
  const fromEnv = env.YIWANG_AUDIT_SIGNING_KEY;
  if (fromEnv) return parseSigningKey(fromEnv);
  const file = join(dataDir, AUDIT_SIGNING_KEY_FILE);
  if (existsSync(file)) return parseSigningKey(readFileSync(file, 'utf8'), file);
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return privateKey;
}
