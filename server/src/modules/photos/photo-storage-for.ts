import { join } from 'node:path';
import type { Config } from '../../platform/config.js';
import { createFilesystemPhotoStorage, type PhotoStorage } from './photo-storage.js';
import { createS3PhotoStorage } from './photo-storage-s3.js';

/** Where the deployment keeps photo files: its bucket when YIWANG_S3_* name one, else the data dir. */
export function photoStorageFor(config: Config): PhotoStorage {
  if (config.photoBucket) return createS3PhotoStorage(config.photoBucket);
  return createFilesystemPhotoStorage(join(config.dataDir, 'photos'));
}
