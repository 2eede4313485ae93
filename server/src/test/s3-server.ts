import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { PhotoBucket } from '../platform/config.js';

export interface TestBucket {
  bucket: PhotoBucket;
  close(): Promise<void>;
}

/**
 * An S3 protocol server in-process (s3rver: the S3 REST paths, XML errors, 404 NoSuchKey,
 * unknown access keys refused), on a free port with one empty bucket. It does not verify
 * V4 signatures themselves; aws4fetch's signing is what AWS and MinIO check in production.
 */
export async function startTestBucket(name = 'photos'): Promise<TestBucket> {
  const directory = await mkdtemp(join(tmpdir(), 'yiwang-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name }] });
  const { port } = await server.run();
  return {
    // s3rver's one built-in account.
    bucket: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: name,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
