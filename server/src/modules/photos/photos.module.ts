import { join } from 'node:path';
import type { Config } from '../../platform/config.js';
import type { Module } from '../../platform/http.js';
import { createFilesystemPhotoStorage, type PhotoStorage } from './photo-storage.js';
import { photosRoutes } from './photos.routes.js';
import { photoSettingsFrom } from './photos.settings.js';

/** Where the deployment keeps photo files; an S3-compatible PhotoStorage would be chosen here. */
export function photoStorageFor(config: Config): PhotoStorage {
  return createFilesystemPhotoStorage(join(config.dataDir, 'photos'));
}

export const photosModule: Module = {
  name: 'photos',
  apiRoutes: (app, { config, database }) =>
    photosRoutes(app, {
      db: database.db,
      storage: photoStorageFor(config),
      settings: photoSettingsFrom(process.env),
    }),
};
