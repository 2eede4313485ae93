import { DomainError } from '../../../platform/errors.js';
import { type PhotoRow, photosRepository } from '../photos.repository.js';
import type { PhotoDeps } from './deps.js';

/**
 * A photo in the caller's scope (and, for a resident, `ownerUserId`: their own or their
 * cases'); 404 otherwise, so its existence is not disclosed.
 */
export async function findPhoto(
  { db }: Pick<PhotoDeps, 'db'>,
  scopePath: string,
  id: string,
  ownerUserId?: string,
): Promise<PhotoRow> {
  const photo = await photosRepository.findInScope(db, id, scopePath, ownerUserId);
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
  ownerUserId?: string,
): Promise<Buffer> {
  const photo = await findPhoto(deps, scopePath, id, ownerUserId);
  const bytes = await deps.storage.get(variant === 'image' ? photo.redactedKey : photo.thumbnailKey);
  if (!bytes) throw new Error(`photo ${id}: the ${variant} file is missing from storage`);
  return bytes;
}
