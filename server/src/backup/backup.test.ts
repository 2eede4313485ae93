import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Photo } from '@yiwang/contracts';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { type Database, openDatabase } from '../db/client.js';
import { verifyAuditChain } from '../modules/audit/verify-audit-chain.js';
import { DEMO_PASSWORD } from '../modules/demo/load-demo-county.js';
import { loadConfig } from '../platform/config.js';
import type { App } from '../platform/http.js';
import { parseSigningKey, publicHalf } from '../platform/signing-key.js';
import { createTar, extractTar } from './archive.js';
import { backupRepository } from './backup.repository.js';
import { type BackupSettings, backupSettingsFrom } from './backup-settings.js';
import { createBackup } from './create-backup.js';
import { RestoreRefused } from './manifest.js';
import { restoreBackup } from './restore-backup.js';

/**
 * An install as `npm start` or a server deployment has it: a data dir (secret key, photos,
 * the embedded database unless TEST_DATABASE_URL names a server), started from the demo county.
 */
interface Install {
  env: NodeJS.ProcessEnv;
  settings: BackupSettings;
  /** Drops the server database, or forgets the data dir; nothing else is left behind. */
  dispose(): Promise<void>;
  /** Empties the database (a fresh, empty database on the server) and removes the data dir. */
  wipe(): Promise<void>;
}

const work = mkdtempSync(join(tmpdir(), 'yiwang-backup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function newInstall(): Promise<Install> {
  const dataDir = mkdtempSync(join(work, 'data-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dump = new Blob([readFileSync(inject('pgliteTemplates').demo)]);
    const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite'), loadDataDir: dump, migrate: false });
    await database.close();
    const env = { YIWANG_DATA_DIR: dataDir };
    return {
      env,
      settings: backupSettingsFrom(env),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
      wipe: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `yw_bk_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplates').demo}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = { YIWANG_DATA_DIR: dataDir, DATABASE_URL: url.toString() };
  return {
    env,
    settings: backupSettingsFrom(env),
    wipe: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      rmSync(dataDir, { recursive: true, force: true });
    },
    dispose: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real app on the install, as the server would open it (loadConfig reads the data dir's key). */
async function startApp(install: Install, env: NodeJS.ProcessEnv = {}): Promise<{ app: App; database: Database }> {
  const config = loadConfig({ ...install.env, ...env }, { webDistDir: undefined });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: join(config.dataDir, 'pglite'),
  });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return { app, database };
}

async function login(app: App, username: string, password: string) {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(r.statusCode, r.body).toBe(200);
  const cookie = `${r.cookies[0]?.name}=${r.cookies[0]?.value}`;
  const headers = { cookie, 'x-csrf-token': r.json<{ csrfToken: string }>().csrfToken };
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload: object) => app.inject({ method: 'POST', url, headers, payload }),
    upload: (bytes: Buffer) => {
      const boundary = `----yiwang${randomBytes(8).toString('hex')}`;
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
      return app.inject({
        method: 'POST',
        url: '/api/photos',
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      });
    },
  };
}

async function digests(install: Install) {
  const database = await openDatabase({
    databaseUrl: install.env.DATABASE_URL,
    pgliteDir: join(install.settings.dataDir, 'pglite'),
    migrate: false,
  });
  try {
    return await backupRepository.tableDigests(database.db);
  } finally {
    await database.close();
  }
}

const PHONE = '13912345678';
const RESIDENT_PASSWORD = 'resident-pass-2026';

describe('backup and restore', () => {
  let install: Install;
  let file: string;
  let residentId: string;
  let photo: Photo;
  let before: Awaited<ReturnType<typeof digests>>;
  let signingKey: string;

  beforeAll(async () => {
    install = await newInstall();
    const { app, database } = await startApp(install);
    // Every key kept in the data dir travels: the audit checkpoints' signing key (made at the
    // first start) and any other `*.key` an operator keeps there.
    signingKey = readFileSync(join(install.settings.dataDir, 'audit-signing.key'), 'utf8');
    writeFileSync(join(install.settings.dataDir, 'other.key'), 'other-key-material');
    const signUp = await app.inject({
      method: 'POST',
      url: '/api/auth/register-resident',
      payload: { phone: PHONE, displayName: '居民备份', password: RESIDENT_PASSWORD },
    });
    expect(signUp.statusCode, signUp.body).toBe(201);
    residentId = (await login(app, PHONE, RESIDENT_PASSWORD).then((c) => c.get('/api/auth/session'))).json().user.id;
    const worker = await login(app, 'gridworker', DEMO_PASSWORD);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .jpeg()
      .toBuffer();
    const uploaded = await worker.upload(jpeg);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    photo = uploaded.json<Photo>();
    await app.close();
    await database.close();

    before = await digests(install);
    file = join(work, 'backup.tar');
    const result = await createBackup(install.settings, file);
    expect(result.warnings).toEqual([]);
  }, 120_000);
  afterAll(() => install?.dispose());

  it('writes a manifest with the migration level, the keys, the photos and a checksum per part', async () => {
    const out = mkdtempSync(join(work, 'look-'));
    await extractTar(file, out);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'yiwang-backup',
      version: 1,
      secretKey: { source: 'file' },
      keyCheck: { column: 'users.phone_sealed' },
      photos: { files: expect.any(Number) },
    });
    expect(manifest.database.migrations.applied).toBeGreaterThan(10);
    expect(manifest.photos.files).toBeGreaterThanOrEqual(1);
    expect(manifest.parts.map((p: { path: string }) => p.path).sort()).toEqual(
      [
        install.settings.database.kind === 'postgres' ? 'database/postgres.dump' : 'database/pglite.tar.gz',
        'keys/audit-signing.key',
        'keys/other.key',
        'keys/secret.key',
        'photos.tar',
      ].sort(),
    );
    for (const p of manifest.parts) expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('backup → wipe → restore: every table the same, the phone still reveals, the photo still shows, the chain verifies', async () => {
    await install.wipe();
    expect(existsSync(install.settings.dataDir)).toBe(false);
    const restored = await restoreBackup(install.settings, file);
    expect(restored.sealedValueOpened).toBe(true);
    expect(await digests(install)).toEqual(before);
    expect(readFileSync(join(install.settings.dataDir, 'audit-signing.key'), 'utf8')).toBe(signingKey);
    expect(readFileSync(join(install.settings.dataDir, 'other.key'), 'utf8')).toBe('other-key-material');

    const { app, database } = await startApp(install);
    try {
      const admin = await login(app, 'admin', DEMO_PASSWORD);
      const shown = await admin.post(`/api/users/${residentId}/reveal-phone`, { purpose: '恢复后核对' });
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json()).toEqual({ phone: PHONE });
      await login(app, PHONE, RESIDENT_PASSWORD); // the blind index still finds the resident
      const worker = await login(app, 'gridworker', DEMO_PASSWORD);
      const image = await worker.get(photo.urls.image);
      expect(image.statusCode, image.body).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      expect((await sharp(image.rawPayload).metadata()).width).toBe(64);
      // The chain and its checkpoints verify with the restored signing key.
      const publicKey = publicHalf(parseSigningKey(signingKey));
      expect(await verifyAuditChain(database.db, { locale: 'en-US', publicKey })).toMatchObject({
        ok: true,
        brokenCheckpoints: [],
      });
    } finally {
      await app.close();
      await database.close();
    }
  }, 120_000);

  it('refuses to overwrite a database holding data, unless --force', async () => {
    await expect(restoreBackup(install.settings, file)).rejects.toThrow(
      new RestoreRefused('The target database holds data; restore over it only with --force.'),
    );
    await restoreBackup(install.settings, file, { force: true });
    expect(await digests(install)).toEqual(before);
  }, 120_000);

  /** The backup with one part changed (or removed), its manifest left as it was. */
  async function tampered(change: (dir: string) => void): Promise<string> {
    const dir = mkdtempSync(join(work, 'tamper-'));
    await extractTar(file, dir);
    change(dir);
    const out = `${dir}.tar`;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const present = ['manifest.json', ...manifest.parts.map((p: { path: string }) => p.path)].filter((p) =>
      existsSync(join(dir, p)),
    );
    await createTar(out, dir, present);
    return out;
  }

  it('refuses a backup without its key material, with a message that says so, and leaves the target alone', async () => {
    await install.wipe();
    const noKey = await tampered((dir) => rmSync(join(dir, 'keys', 'secret.key')));
    await expect(restoreBackup(install.settings, noKey)).rejects.toThrow(
      /lacks its key material \(keys\/secret\.key\)/,
    );
    expect(existsSync(join(install.settings.dataDir, 'secret.key'))).toBe(false);
    expect(await digests(install).catch(() => ({}))).not.toEqual(before);
  }, 120_000);

  it('refuses a key that does not open the sealed phone, and a damaged part', async () => {
    const otherKey = randomBytes(32).toString('hex');
    await expect(
      restoreBackup(backupSettingsFrom({ ...install.env, YIWANG_SECRET_KEY: otherKey }), file),
    ).rejects.toThrow(/does not open the sealed values of its database \(users\.phone_sealed\)/);
    const damaged = await tampered((dir) => writeFileSync(join(dir, 'photos.tar'), 'not the photos'));
    await expect(restoreBackup(install.settings, damaged)).rejects.toThrow(/checksum of photos\.tar does not match/);
  }, 120_000);

  it('with YIWANG_SECRET_KEY the key is not in the backup: said at backup, asked for at restore', async () => {
    await restoreBackup(install.settings, file, { force: true });
    const key = readFileSync(join(install.settings.dataDir, 'secret.key'), 'utf8').trim();
    const withEnv = { ...install.env, YIWANG_SECRET_KEY: key };
    const envFile = join(work, 'env-key-backup.tar');
    const made = await createBackup(backupSettingsFrom(withEnv), envFile);
    expect(made.manifest.secretKey).toEqual({ source: 'env' });
    expect(made.warnings.join(' ')).toContain('YIWANG_SECRET_KEY and is NOT in this backup');
    await expect(restoreBackup(install.settings, envFile, { force: true })).rejects.toThrow(
      /made with YIWANG_SECRET_KEY\. Set YIWANG_SECRET_KEY to that key/,
    );
    expect((await restoreBackup(backupSettingsFrom(withEnv), envFile, { force: true })).sealedValueOpened).toBe(true);
  }, 120_000);

  it('with photos in a bucket the backup says they are not in it', async () => {
    const bucketFile = join(work, 'bucket-backup.tar');
    const made = await createBackup(
      backupSettingsFrom({ ...install.env, YIWANG_S3_BUCKET: 'yiwang-photos' }),
      bucketFile,
    );
    expect(made.warnings).toEqual([
      'Photos live in the bucket "yiwang-photos" and are NOT in this backup: keep the bucket versioned or replicated (photos are only ever added).',
    ]);
  }, 120_000);
});
