import { AwsClient } from 'aws4fetch';
import type { PhotoBucket } from '../../platform/config.js';
import { assertSafeKey, type PhotoStorage } from './photo-storage.js';

/**
 * Photos in an S3-compatible bucket (MinIO, Aliyun OSS, Tencent COS, AWS) through three
 * signed requests — PutObject, GetObject, DeleteObject — with path-style URLs, which every
 * one of them accepts. A completed PUT is atomic and durable, so `put` keeps the
 * filesystem's promise (whole file or none) without a temporary name. Several server
 * processes or machines share the bucket, so photos need no shared disk.
 *
 * aws4fetch (a few hundred lines, no dependencies) signs with Signature V4 and retries
 * 5xx/429 answers with backoff; a connection error fails the upload, and the worker app's
 * outbox sends it again under the same Idempotency-Key.
 */
export function createS3PhotoStorage(bucket: PhotoBucket): PhotoStorage {
  const client = new AwsClient({
    accessKeyId: bucket.accessKeyId,
    secretAccessKey: bucket.secretAccessKey,
    region: bucket.region,
    service: 's3',
    retries: 4,
  });
  const urlOf = (key: string) => {
    assertSafeKey(key);
    return `${bucket.endpoint}/${encodeURIComponent(bucket.bucket)}/${key}`;
  };
  const fail = async (action: string, key: string, response: Response): Promise<never> => {
    // S3 answers errors as XML; its <Code> (AccessDenied, NoSuchBucket…) is what an operator needs.
    const body = await response.text();
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? '';
    throw new Error(`photo bucket ${action} ${key} failed: HTTP ${response.status} ${code}`.trim());
  };

  return {
    async put(key, bytes, contentType) {
      const response = await client.fetch(urlOf(key), {
        method: 'PUT',
        body: new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length),
        headers: { 'content-type': contentType, 'content-length': String(bytes.length) },
      });
      if (!response.ok) await fail('put', key, response);
      await response.arrayBuffer();
    },

    async get(key) {
      const response = await client.fetch(urlOf(key));
      if (response.status === 404) {
        await response.arrayBuffer();
        return undefined;
      }
      if (!response.ok) return fail('get', key, response);
      return Buffer.from(await response.arrayBuffer());
    },

    async delete(key) {
      const response = await client.fetch(urlOf(key), { method: 'DELETE' });
      // DeleteObject answers 204 whether or not the key existed; some stores say 404 instead.
      if (!response.ok && response.status !== 404) await fail('delete', key, response);
      await response.arrayBuffer();
    },
  };
}
