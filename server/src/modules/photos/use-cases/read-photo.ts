import { DomainError } from '../../../platform/errors.js';
import { type PhotoRow, photosRepository } from '../photos.repository.js';
import type { PhotoDeps } from './deps.js';

/** A photo in the caller's scope; 404 otherwise, so its existence is not disclosed. */
export async function findPhoto({ db }: Pick<PhotoDeps, 'db'>, scopePath: string, id: string): Promise<PhotoRow> {
  const photo = await photosRepository.findInScope(db, id, scopePath);
  if (!photo) throw new DomainError('not-found');
  return photo;
}

export type SharedVariant = 'image' | 'thumbnail';

/** The bytes of the copy everyone may see (no metadata) or of its thumbnail: always JPEG. */
export async function readSharedPhotoFile(
  deps: Pick<PhotoDeps, 'db' | 'storage'>,
  scopePath: string,
  id: string,
  variant: SharedVariant,
): Promise<Buffer> {
  const photo = await findPhoto(deps, scopePath, id);
  const bytes = await deps.storage.get(variant === 'image' ? photo.redactedKey : photo.thumbnailKey);
  if (!bytes) throw new Error(`photo ${id}: the ${variant} file is missing from storage`);
  return bytes;
}
