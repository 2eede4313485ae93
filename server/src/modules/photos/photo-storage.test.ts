import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFilesystemPhotoStorage } from './photo-storage.js';

const roots: string[] = [];
const freshStorage = async () => {
  const root = await mkdtemp(join(tmpdir(), 'yiwang-photos-'));
  roots.push(root);
  return { root, storage: createFilesystemPhotoStorage(root) };
};
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe('the filesystem photo storage', () => {
  it('stores, reads and deletes by key, sharded by the key’s first characters, leaving no temporary files', async () => {
    const { root, storage } = await freshStorage();
    const key = '3f9a0c1e-2b4d-4e6f-8a1b-0c2d3e4f5a6b-original';
    await storage.put(key, Buffer.from('evidence'), 'image/jpeg');
    expect((await stat(join(root, '3f', '9a', key))).mode & 0o777).toBe(0o600);
    expect(await readdir(join(root, '3f', '9a'))).toEqual([key]);
    expect((await storage.get(key))?.toString()).toBe('evidence');

    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
    await storage.delete(key); // already gone: no error
  });

  it('answers undefined for a key never stored', async () => {
    const { storage } = await freshStorage();
    expect(await storage.get('abcd-nothing')).toBeUndefined();
  });

  it('refuses keys that could leave its directory', async () => {
    const { storage } = await freshStorage();
    for (const key of ['../../etc/passwd', 'ab/../../x', '/abs', 'ABCD', '', 'abcd/x']) {
      await expect(storage.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/invalid photo storage key/);
    }
  });
});
