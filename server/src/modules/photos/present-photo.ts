import type { Photo } from '@yiwang/contracts';
import type { PhotoRow } from './photos.repository.js';

/** The API shape of a photo; also for the cases module when it lists a case's photos. */
export const presentPhoto = (photo: PhotoRow): Photo => ({
  id: photo.id,
  contentType: photo.contentType,
  width: photo.width,
  height: photo.height,
  byteSize: photo.byteSize,
  takenAt: photo.takenAt?.toISOString() ?? null,
  hasLocation: photo.hasLocation,
  createdAt: photo.createdAt.toISOString(),
  urls: { image: `/api/photos/${photo.id}/image`, thumbnail: `/api/photos/${photo.id}/thumbnail` },
});
