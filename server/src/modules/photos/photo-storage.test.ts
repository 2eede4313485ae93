import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { startTestBucket, type TestBucket } from '../../test/s3-server.js';
import { createFilesystemPhotoStorage, type PhotoStorage } from './photo-storage.js';
import { photoStorageFor } from './photo-storage-for.js';
import { createS3PhotoStorage } from './photo-storage-s3.js';

const roots: string[] = [];
let s3: TestBucket;
beforeAll(async () => {
  s3 = await startTestBucket();
});
afterAll(async () => {
  await s3.close();
  for (const root of roots) await rm(root, { recursive: true, force: true });
});
const freshRoot = async () => {
  const root = await mkdtemp(join(tmpdir(), 'yiwang-photos-'));
  roots.push(root);
  return root;
};

// The same promises from both implementations: the module never knows which one it has.
describe.each([
  { kind: 'filesystem', open: async (): Promise<PhotoStorage> => createFilesystemPhotoStorage(await freshRoot()) },
  { kind: 'S3 bucket', open: async (): Promise<PhotoStorage> => createS3PhotoStorage(s3.bucket) },
])('the $kind photo storage', ({ open }) => {
  it('stores, reads back byte for byte and deletes by key; deleting twice is no error', async () => {
    const storage = await open();
    const key = '3f9a0c1e-2b4d-4e6f-8a1b-0c2d3e4f5a6b-original';
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x80, 0xfe, 0xff, 0xd9]);
    await storage.put(key, bytes, 'image/jpeg');
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
    await storage.delete(key);
  });

  it('answers undefined for a key never stored', async () => {
    expect(await (await open()).get('abcd-nothing')).toBeUndefined();
  });

  it('refuses keys that could leave its directory or bucket prefix', async () => {
    const storage = await open();
    for (const key of ['../../etc/passwd', 'ab/../../x', '/abs', 'ABCD', '', 'abcd/x', 'abcd?x=1']) {
      await expect(storage.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/invalid photo storage key/);
      await expect(storage.get(key)).rejects.toThrow(/invalid photo storage key/);
    }
  });
});

describe('the filesystem photo storage', () => {
  it('shards by the key’s first characters, keeps files private and leaves no temporary files', async () => {
    const root = await freshRoot();
    const storage = createFilesystemPhotoStorage(root);
    const key = '3f9a0c1e-2b4d-4e6f-8a1b-0c2d3e4f5a6b-original';
    await storage.put(key, Buffer.from('evidence'), 'image/jpeg');
    expect((await stat(join(root, '3f', '9a', key))).mode & 0o777).toBe(0o600);
    expect(await readdir(join(root, '3f', '9a'))).toEqual([key]);
  });
});

describe('the S3 photo storage', () => {
  it('sends the content type with the object', async () => {
    const key = 'aa11-type';
    await createS3PhotoStorage(s3.bucket).put(key, Buffer.from('png'), 'image/png');
    const url = `${s3.bucket.endpoint}/${s3.bucket.bucket}/${key}`;
    const { AwsClient } = await import('aws4fetch');
    const client = new AwsClient({ ...s3.bucket, service: 's3' });
    expect((await client.fetch(url)).headers.get('content-type')).toBe('image/png');
  });

  it('fails loudly, naming the bucket’s error, when the keys are wrong or the bucket is missing', async () => {
    const wrongKey = createS3PhotoStorage({ ...s3.bucket, accessKeyId: 'NOT-OUR-KEY' });
    await expect(wrongKey.put('bb22-x', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(
      /photo bucket put bb22-x failed: HTTP 403 InvalidAccessKeyId/,
    );
    const noBucket = createS3PhotoStorage({ ...s3.bucket, bucket: 'no-such-bucket' });
    await expect(noBucket.put('bb22-y', Buffer.from('y'), 'image/jpeg')).rejects.toThrow(/HTTP 404 NoSuchBucket/);
  });
});

describe('choosing the storage from the environment', () => {
  const env = {
    YIWANG_SECRET_KEY: '07'.repeat(32),
    YIWANG_S3_ENDPOINT: 'http://minio.internal:9000/',
    YIWANG_S3_BUCKET: 'yiwang-photos',
    YIWANG_S3_ACCESS_KEY_ID: 'id',
    YIWANG_S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('uses the bucket when all of YIWANG_S3_* are set, and the data dir when none is', async () => {
    const dataDir = await freshRoot();
    expect(loadConfig(env, { dataDir }).photoBucket).toEqual({
      endpoint: 'http://minio.internal:9000',
      bucket: 'yiwang-photos',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
    const none = loadConfig({ YIWANG_SECRET_KEY: env.YIWANG_SECRET_KEY }, { dataDir });
    expect(none.photoBucket).toBeNull();
    const storage = photoStorageFor(none);
    await storage.put('cc33-local', Buffer.from('x'), 'image/jpeg');
    expect(await readdir(join(dataDir, 'photos', 'cc', '33'))).toEqual(['cc33-local']);
  });

  it('refuses half a bucket setting at start-up, naming what is missing', async () => {
    const dataDir = await freshRoot();
    const { YIWANG_S3_SECRET_ACCESS_KEY: _, ...half } = env;
    expect(() => loadConfig(half, { dataDir })).toThrow(/also set YIWANG_S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...env, YIWANG_S3_ENDPOINT: 'minio:9000' }, { dataDir })).toThrow(
      /YIWANG_S3_ENDPOINT must be an http\(s\) URL/,
    );
  });
});
