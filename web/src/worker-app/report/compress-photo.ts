/** Longest side after compression: sharp enough to read a sign or a facility plate. */
export const MAX_SIDE_PX = 1600;
export const JPEG_QUALITY = 0.8;

/** Target size for a photo of `width`×`height`: the long side at most MAX_SIDE_PX, never enlarged. */
export function fittedSize(width: number, height: number, maxSide = MAX_SIDE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Shrinks a camera photo on the phone before it is queued (a 12-megapixel photo is 3–6 MB;
 * this makes it 200–500 KB), upright (EXIF orientation applied) and as JPEG. Done once, at
 * capture: every retry then uploads the very same bytes under the same Idempotency-Key.
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

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

/**
 * createImageBitmap where the phone has it with EXIF orientation; otherwise (older Safari)
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
