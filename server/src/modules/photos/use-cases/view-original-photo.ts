import type { PhotoContentType } from '@yiwang/contracts';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit, statedPurpose } from '../../audit/index.js';
import type { PhotoDeps } from './deps.js';
import { findReadablePhoto } from './read-photo.js';

export interface ViewOriginalPhotoInput {
  id: string;
  /** Why the original is needed (e.g. 复核证据 for a complaint); kept in the audit log. */
  purpose: string;
}

/**
 * The original bytes of a photo, EXIF and GPS included, for someone allowed to see
 * evidence. Every access is written to the audit log with its stated purpose before a
 * single byte is returned: an access that is not in the log cannot have happened.
 */
export async function viewOriginalPhoto(
  deps: PhotoDeps,
  actor: Actor,
  context: AuditContext,
  input: ViewOriginalPhotoInput,
): Promise<{ bytes: Buffer; contentType: PhotoContentType }> {
  const purpose = statedPurpose(input.purpose);
  const photo = await findReadablePhoto(deps, actor, input.id);
  const bytes = await deps.storage.get(photo.originalKey);
  if (!bytes) throw new Error(`photo ${photo.id}: the original is missing from storage`);
  await deps.db.transaction((tx) =>
    recordAudit(tx, context, {
      action: 'photo.original.view',
      objectType: 'photo',
      objectId: photo.id,
      scopePath: photo.scopePath,
      details: { purpose },
    }),
  );
  return { bytes, contentType: photo.contentType };
}
