import { type Static, Type } from 'typebox';

/** The photo formats the server accepts, judged by the bytes (magic numbers), never by name. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/**
 * A photo as everyone sees it: metadata plus links to the copy without metadata and its
 * thumbnail. The original (with EXIF, possibly GPS) is evidence, reachable only with
 * `photos.original` and a stated purpose at `/api/photos/{id}/original?purpose=…`.
 */
export const Photo = Type.Object({
  id: Type.String({ format: 'uuid' }),
  /** Of the original, judged by its bytes. */
  contentType: Type.Enum(PHOTO_CONTENT_TYPES),
  /** Of the original as displayed (EXIF orientation applied), in pixels. */
  width: Type.Integer(),
  height: Type.Integer(),
  /** Size of the original in bytes. */
  byteSize: Type.Integer(),
  /** When the photo was taken, from the original's EXIF, if it says. */
  takenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** The original carries a GPS position (never present in the image others see). */
  hasLocation: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  urls: Type.Object({
    /** JPEG, upright, at most 2048 px on the long side, no metadata. */
    image: Type.String(),
    /** JPEG, at most 320 px on the long side, no metadata. */
    thumbnail: Type.String(),
  }),
});
export type Photo = Static<typeof Photo>;

/** Why someone opens an original: recorded in the audit log with the access. */
export const PhotoOriginalQuery = Type.Object({
  purpose: Type.String({ minLength: 2, maxLength: 200 }),
});
export type PhotoOriginalQuery = Static<typeof PhotoOriginalQuery>;
