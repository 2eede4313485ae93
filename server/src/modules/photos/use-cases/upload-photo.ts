import { randomUUID } from 'node:crypto';
import type { Photo } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { sha256Hex } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import { deriveImages } from '../derive-images.js';
import { sniffImageType } from '../image-type.js';
import { photosRepository } from '../photos.repository.js';
import { megabytes } from '../photos.settings.js';
import { presentPhoto } from '../present-photo.js';
import type { PhotoDeps } from './deps.js';

export interface UploadPhotoInput {
  /** The file exactly as received; kept unchanged as the original. */
  bytes: Buffer;
  /** Idempotency-Key of the request: claimed in the transaction that records the photo. */
  idempotency?: IdempotencyClaim | undefined;
}

/**
 * 201 with the new photo; 200 with the earlier one when the same person re-sent, without
 * an Idempotency-Key, a file they had already uploaded and not yet attached (a retry); or,
 * for a repeated Idempotency-Key, the first answer again (`replayed`).
 */
export type UploadPhotoOutcome = IdempotentOutcome<Photo>;

/**
 * Accepts a photo: checks size and type by content, keeps the original unchanged, stores
 * an upright copy without any metadata (its thumbnail follows on first view), and records
 * the photo with its audit row (and the request's idempotency key) in one transaction.
 * The photo is scoped to the uploader's data scope.
 */
export async function uploadPhoto(
  { db, storage, settings }: PhotoDeps,
  { actor, context, bytes, idempotency }: UploadPhotoInput & { actor: Actor; context: AuditContext },
): Promise<UploadPhotoOutcome> {
  if (bytes.length > settings.maxBytes) {
    throw new DomainError('photo-too-large', { limitMb: megabytes(settings.maxBytes) });
  }
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new DomainError('photo-type-not-accepted');

  const sha256 = sha256Hex(bytes);
  const uploadedBy = actor.kind === 'user' ? actor.id : null;
  const retryOf = (executor: Executor) =>
    uploadedBy
      ? photosRepository.findUnattachedUpload(executor, { uploadedBy, scopePath: actor.scopePath, sha256 })
      : Promise.resolve(undefined);
  // A keyed upload's retry is its key's business (runIdempotent replays it); merging by
  // content would give two reports that share a picture one photo, and the second report
  // could not attach it. Content stands in for the key only when there is none.
  const earlier = idempotency ? undefined : await retryOf(db);
  // The key is claimed even then, so a replay of this request answers the same.
  if (earlier) return runIdempotent(db, idempotency, async () => ({ kind: 'existing', value: presentPhoto(earlier) }));

  const derived = await deriveImages(bytes);
  const id = randomUUID();
  // A bare JPEG is its own shared copy: one file, not the same bytes twice. The thumbnail
  // is made when first asked for (readSharedPhotoFile), under a key fixed now.
  const asItIs = derived.redacted === bytes;
  const keys = {
    originalKey: `${id}-original`,
    redactedKey: asItIs ? `${id}-original` : `${id}-image.jpg`,
    thumbnailKey: `${id}-thumbnail.jpg`,
  };
  const removeFiles = () => Promise.allSettled([...new Set(Object.values(keys))].map((key) => storage.delete(key)));

  // Files first, then the row: a row never points at a missing file. A crash in between
  // leaves only unreferenced files, which are harmless.
  let outcome: UploadPhotoOutcome;
  let inserted = false;
  try {
    await Promise.all([
      storage.put(keys.originalKey, bytes, contentType),
      ...(asItIs ? [] : [storage.put(keys.redactedKey, derived.redacted, 'image/jpeg')]),
    ]);
    outcome = await runIdempotent(db, idempotency, async (tx) => {
      const row = await photosRepository.insert(tx, {
        id,
        sha256,
        contentType,
        byteSize: bytes.length,
        width: derived.width,
        height: derived.height,
        ...keys,
        uploadedBy,
        scopePath: actor.scopePath,
        uploadKey: idempotency?.key ?? null,
        takenAt: derived.takenAt,
        hasLocation: derived.hasLocation,
      });
      if (!row) {
        // A concurrent retry of the same upload was recorded first: answer with that one.
        const winner = await retryOf(tx);
        if (!winner) throw new Error('photo upload lost a uniqueness race but the winning row is gone');
        return { kind: 'existing', value: presentPhoto(winner) };
      }
      await recordAudit(tx, context, {
        action: 'photo.upload',
        objectType: 'photo',
        objectId: row.id,
        scopePath: row.scopePath,
        // The hash in the tamper-evident log is what later proves the original unchanged.
        details: {
          sha256,
          contentType,
          byteSize: row.byteSize,
          width: row.width,
          height: row.height,
          hasLocation: row.hasLocation,
        },
      });
      inserted = true;
      return { kind: 'created', value: presentPhoto(row) };
    });
  } catch (error) {
    await removeFiles();
    throw error;
  }
  if (!inserted) await removeFiles();
  return outcome;
}
