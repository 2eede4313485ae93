import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { can } from '../../accounts/index.js';
import { casesLookups, isResidentOnly } from '../../cases/cases.lookups.js';
import { makeThumbnail } from '../derive-images.js';
import { type PhotoRow, photosRepository } from '../photos.repository.js';
import type { PhotoDeps } from './deps.js';

/**
 * A photo the caller may see; 404 otherwise, so its existence is not disclosed. A photo is
 * readable exactly when its case is (the case's scope rules: a department handler only the
 * cases of its unit), or, before it is attached, by its uploader and by staff who read every
 * case of the place it was uploaded in. The uploader always sees their own photo; a
 * resident sees nothing else here (the public view shows a closed case's feedback photos).
 */
export async function findReadablePhoto({ db }: Pick<PhotoDeps, 'db'>, actor: Actor, id: string): Promise<PhotoRow> {
  const photo = await photosRepository.findById(db, id);
  if (!photo || !(await mayRead(db, actor, photo))) throw new DomainError('not-found');
  return photo;
}

async function mayRead(db: Executor, actor: Actor, photo: PhotoRow): Promise<boolean> {
  if (actor.kind === 'user' && photo.uploadedBy === actor.id) return true;
  if (isResidentOnly(actor)) return false;
  if (photo.caseId !== null) return casesLookups.readableBy(db, photo.caseId, actor);
  return can(actor.roles, 'cases.read') && isPathWithin(photo.scopePath, actor.scopePath);
}

/** A photo known to belong to a case the caller may see (the caller checked the case). */
export async function findPhotoOfCase({ db }: Pick<PhotoDeps, 'db'>, caseId: string, id: string): Promise<PhotoRow> {
  const photo = await photosRepository.findById(db, id);
  if (!photo || photo.caseId !== caseId) throw new DomainError('not-found');
  return photo;
}

export type SharedVariant = 'image' | 'thumbnail';

/** The bytes of the copy everyone may see (no metadata) or of its thumbnail: always JPEG. */
export async function readSharedPhotoFile(
  deps: Pick<PhotoDeps, 'storage'>,
  photo: PhotoRow,
  variant: SharedVariant,
): Promise<Buffer> {
  if (variant === 'thumbnail') {
    const thumbnail = await deps.storage.get(photo.thumbnailKey);
    if (thumbnail) return thumbnail;
  }
  const shared = await deps.storage.get(photo.redactedKey);
  if (!shared) throw new Error(`photo ${photo.id}: the shared copy is missing from storage`);
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
