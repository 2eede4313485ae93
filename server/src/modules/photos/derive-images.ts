import sharp from 'sharp';
import { DomainError } from '../../platform/errors.js';
import { readExifFacts } from './exif.js';
import { isBareJpeg } from './jpeg-segments.js';

export const REDACTED_MAX_SIDE = 2048;
export const THUMBNAIL_MAX_SIDE = 320;
/** Decompression-bomb guard: a 10 MB PNG of one colour can claim billions of pixels. 100 MP covers phone cameras. */
const MAX_INPUT_PIXELS = 100_000_000;

export interface DerivedImages {
  /** Of the original as displayed (EXIF orientation applied). */
  width: number;
  height: number;
  takenAt: Date | null;
  hasLocation: boolean;
  /**
   * JPEG, upright, at most REDACTED_MAX_SIDE on the long side, with no metadata at all;
   * the very `original` buffer when that already is such a file.
   */
  redacted: Buffer;
}

/**
 * The copies of a photo that others see. sharp writes no EXIF, XMP, IPTC or ICC into its
 * output unless told to (keepMetadata / withMetadata / keepExif), so not calling those is
 * what strips the GPS position; `.rotate()` bakes the EXIF orientation into the pixels
 * first, since the tag that carried it is gone afterwards.
 */
export async function deriveImages(original: Buffer): Promise<DerivedImages> {
  const input = () => sharp(original, { limitInputPixels: MAX_INPUT_PIXELS });
  // The header alone says how many pixels decoding would take (reading it decodes no
  // pixel, so it needs no limit): too many is said as such, with the limit, rather than as
  // a damaged file.
  const metadata = await sharp(original, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw new DomainError('photo-unreadable');
    });
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_INPUT_PIXELS)
    throw new DomainError('photo-too-many-pixels', {
      width: metadata.width ?? 0,
      height: metadata.height ?? 0,
      maxMegapixels: MAX_INPUT_PIXELS / 1_000_000,
    });
  try {
    // A bare JPEG (what the apps send, re-encoded on the phone: no metadata at all) that is
    // upright and small enough is already what others may see; re-encoding it would cost
    // ~25 ms of CPU per photo and some quality. Everything else is re-encoded, which strips.
    const asItIs =
      metadata.format === 'jpeg' &&
      (metadata.orientation ?? 1) === 1 &&
      (metadata.space === 'srgb' || metadata.space === 'b-w') &&
      Math.max(metadata.width ?? Infinity, metadata.height ?? Infinity) <= REDACTED_MAX_SIDE &&
      isBareJpeg(original);
    const redacted = asItIs
      ? original
      : await input()
          .rotate()
          .resize({
            width: REDACTED_MAX_SIDE,
            height: REDACTED_MAX_SIDE,
            fit: 'inside',
            withoutEnlargement: true,
          })
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 82 })
          .toBuffer();
    return {
      width: metadata.autoOrient.width,
      height: metadata.autoOrient.height,
      ...readExifFacts(metadata.exif),
      redacted,
    };
  } catch {
    // The bytes start like an image but do not decode: truncated or corrupt.
    throw new DomainError('photo-unreadable');
  }
}

/**
 * The thumbnail of a shared copy: JPEG, at most THUMBNAIL_MAX_SIDE on the long side, no
 * metadata. Made when first asked for, not at upload: decoding a photo is most of an
 * upload's CPU, and a worker's backlog of reports syncs faster without it.
 */
export async function makeThumbnail(shared: Buffer): Promise<Buffer> {
  return sharp(shared, { limitInputPixels: MAX_INPUT_PIXELS })
    .resize({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75 })
    .toBuffer();
}
