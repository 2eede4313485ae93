import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyIdOf, loadAuditSigningKey, parsePublicKey, publicKeyText } from './signing-key.js';

describe('the audit signing key', () => {
  it('is generated once into the data dir, readable by its owner only, and read back after a restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-key-'));
    const key = loadAuditSigningKey({}, dataDir);
    const file = join(dataDir, 'audit-signing.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(keyIdOf(loadAuditSigningKey({}, dataDir))).toBe(keyIdOf(key));
  });

  it('comes from YIWANG_AUDIT_SIGNING_KEY as PEM, as base64 DER or as a base64 seed, and nothing is written', () => {
    const dataDir = join(tmpdir(), 'yiwang-key-unused');
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const id = keyIdOf(privateKey);
    expect(keyIdOf(loadAuditSigningKey({ YIWANG_AUDIT_SIGNING_KEY: pem }, dataDir))).toBe(id);
    expect(keyIdOf(loadAuditSigningKey({ YIWANG_AUDIT_SIGNING_KEY: der.toString('base64') }, dataDir))).toBe(id);
    const seed = der.subarray(der.length - 32).toString('base64');
    expect(keyIdOf(loadAuditSigningKey({ YIWANG_AUDIT_SIGNING_KEY: seed }, dataDir))).toBe(id);
    expect(() => statSync(dataDir)).toThrow();
    // The auditor's copy of the public key, as exported, names the same key.
    expect(keyIdOf(parsePublicKey(publicKeyText(privateKey)))).toBe(id);
  });

  it('must be Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => loadAuditSigningKey({ YIWANG_AUDIT_SIGNING_KEY: pem }, tmpdir())).toThrow(/Ed25519/);
  });
});
