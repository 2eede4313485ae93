import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where photo files live. The database row holds only keys, so the files can sit on the
 * local disk (default) or in an S3-compatible bucket without the rest of the module
 * noticing.
 *
 * The S3-compatible implementation (MinIO, Aliyun OSS, Tencent COS, AWS) is in
 * photo-storage-s3.ts, chosen by `photoStorageFor` when the deployment configures a bucket.
 * Keys are random-prefixed, which spreads them across a bucket's partitions too.
 */
export interface PhotoStorage {
  /**
   * Stores the bytes under the key, atomically: a reader sees the whole file or none. Keys
   * are never reused for other bytes (a thumbnail made twice at once is put twice, the same). Durable once resolved.
   */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the key; no error when it is already gone. */
  delete(key: string): Promise<void>;
}

/** Keys start with random hex (a photo id), so two leading pairs make an even 65 536-way fan-out. */
const SAFE_KEY = /^[0-9a-f]{4}[0-9a-z._-]*$/;

/** A key can never name a path outside the photos (no slashes, dots only inside). */
export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key)) throw new Error(`invalid photo storage key: ${key}`);
}

/**
 * Photos on the local disk under `root` (normally `${dataDir}/photos`), sharded as
 * `ab/cd/abcd…` so no directory grows huge. A write goes to a temporary file that is
 * fsynced and then renamed into place, and the directory is fsynced, so a crash leaves
 * either the whole file or none.
 */
export function createFilesystemPhotoStorage(root: string): PhotoStorage {
  const pathOf = (key: string) => {
    assertSafeKey(key);
    return join(root, key.slice(0, 2), key.slice(2, 4), key);
  };

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      const dir = dirname(path);
      await mkdir(dir, { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const file = await open(temporary, 'wx', 0o600);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncDirectory(dir);
    },

    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Makes the rename itself durable. Not possible on every platform (Windows), where it is skipped. */
async function syncDirectory(dir: string) {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}
