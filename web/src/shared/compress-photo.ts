/**
 * Photos are shrunk in the browser before they leave it, the same way in all three apps: a
 * 12-megapixel phone photo (3–20 MB) becomes 200–500 KB, drawn upright (EXIF orientation
 * applied) at most MAX_SIDE_PX on its longest side and re-encoded as JPEG, which also leaves
 * the EXIF data (and GPS) out of what is sent. The server's shared copy of such a bare,
 * upright JPEG is the file itself (photos/jpeg-segments.ts).
 */

/** Longest side after compression: sharp enough to read a sign or a facility plate. */
export const MAX_SIDE_PX = 1600;
export const JPEG_QUALITY = 0.8;

/** Target size for a photo of `width`×`height`: the long side at most `maxSide`, never enlarged. */
export function fittedSize(width: number, height: number, maxSide = MAX_SIDE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The file name of the JPEG made from `name`: its extension replaced by .jpg. */
export const jpegName = (name: string): string => `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;

/**
 * The photo shrunk to a JPEG; throws when this browser cannot decode or encode it (the
 * worker app then says so at capture, before anything is queued). Done once per photo: a
 * retry then sends the very same bytes under the same Idempotency-Key.
 */
export async function compressPhoto(file: Blob): Promise<Blob> {
  const image = await decode(file);
  try {
    const { width, height } = fittedSize(image.width, image.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(image.source, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    if (!blob) throw new Error('JPEG encoding failed');
    return blob;
  } finally {
    image.close();
  }
}

/**
 * The photo to upload now (desk, resident portal): shrunk like {@link compressPhoto}, or, when
 * the browser cannot decode it (HEIC outside Safari), the file as it is — the server then
 * judges it by its bytes and says which types it takes.
 */
export async function compressForUpload(file: File): Promise<{ blob: Blob; name: string }> {
  try {
    return { blob: await compressPhoto(file), name: jpegName(file.name) };
  } catch {
    return { blob: file, name: file.name };
  }
}

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

/**
 * createImageBitmap where the browser has it with EXIF orientation; otherwise (older Safari)
 * an <img>, which browsers draw upright by default (CSS image-orientation: from-image).
 */
async function decode(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Fall through to <img>: the options or the format are not supported here.
    }
  }
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
}
