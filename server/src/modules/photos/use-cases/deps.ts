import type { Db } from '../../../db/client.js';
import type { PhotoStorage } from '../photo-storage.js';
import type { PhotoSettings } from '../photos.settings.js';

/** What the photo use cases work with: the database, the file storage and the limits. */
export interface PhotoDeps {
  db: Db;
  storage: PhotoStorage;
  settings: PhotoSettings;
}
