import type { Tx } from '../../../db/client.js';
import { photosRepository } from '../photos.repository.js';

export interface AttachPhotosToCaseInput {
  caseId: string;
  photoIds: readonly string[];
  /** The attaching actor's scope: only photos they can see may be attached. */
  scopePath: string;
  /**
   * The case's region/grid path. When given, the photos take it as their scope, so that
   * whoever may see the case sees its photos (e.g. the community workstation it is
   * dispatched to, for a photo uploaded at the county command center).
   */
  casePath?: string;
}

export type AttachPhotosToCaseResult =
  | { ok: true }
  /** Unknown ids, or photos outside the actor's scope (not disclosed apart). */
  | { ok: false; reason: 'not-found'; photoIds: string[] }
  | { ok: false; reason: 'attached-elsewhere'; photoIds: string[] };

/**
 * For the cases module, inside its own transaction (whose audit row should list the
 * photo ids): attaches uploaded photos to a case. Attaching a photo already on the same
 * case is a no-op; a photo on another case is refused, and nothing is attached then.
 */
export async function attachPhotosToCase(tx: Tx, input: AttachPhotosToCaseInput): Promise<AttachPhotosToCaseResult> {
  const ids = [...new Set(input.photoIds)];
  const found = await photosRepository.lockInScope(tx, ids, input.scopePath);
  const foundIds = new Set(found.map((photo) => photo.id));
  const missing = ids.filter((id) => !foundIds.has(id));
  if (missing.length > 0) return { ok: false, reason: 'not-found', photoIds: missing };
  const elsewhere = found.filter((photo) => photo.caseId !== null && photo.caseId !== input.caseId).map((p) => p.id);
  if (elsewhere.length > 0) return { ok: false, reason: 'attached-elsewhere', photoIds: elsewhere };
  await photosRepository.attachToCase(tx, ids, input.caseId, input.casePath);
  return { ok: true };
}
