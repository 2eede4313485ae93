import { DomainError } from '../../../platform/errors.js';
import { makeThumbnail } from '../derive-images.js';
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
  if (variant === 'thumbnail') {
    const thumbnail = await deps.storage.get(photo.thumbnailKey);
    if (thumbnail) return thumbnail;
  }
  const shared = await deps.storage.get(photo.redactedKey);
  if (!shared) throw new Error(`photo ${id}: the shared copy is missing from storage`);
  return variant === 'image' ? shared : thumbnailOf(deps, photo, shared);
}

/**
 * Makes and keeps the thumbnail on its first view. Two views at once both make it and
 * store the same bytes under the same key, which is harmless. A bare JPEG is accepted
 * without being decoded, so a damaged picture may first show here: its thumbnail is then
 * the shared copy itself, which the viewer would see broken anyway.
 */
async function thumbnailOf(deps: Pick<PhotoDeps, 'storage'>, photo: PhotoRow, shared: Buffer): Promise<Buffer> {
  let thumbnail: Buffer;
  try {
    thumbnail = await makeThumbnail(shared);
  } catch {
    return shared;
  }
  // Keeping it only saves the next view the work: a storage hiccup must not fail this one.
  await deps.storage.put(photo.thumbnailKey, thumbnail, 'image/jpeg').catch(() => undefined);
  return thumbnail;
}
