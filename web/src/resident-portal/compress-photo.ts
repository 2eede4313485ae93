/** The longest side of a photo as sent: enough to see the problem, a fraction of a phone camera's bytes. */
const MAX_SIDE = 1600;
const QUALITY = 0.8;

/**
 * Shrinks a photo on the phone before upload (a 4 MB camera JPEG becomes a few hundred
 * kB): drawn upright (EXIF orientation applied) at most 1600 px on its longest side and
 * re-encoded as JPEG, which also leaves the EXIF data (and GPS) out of what is sent.
 * Images the browser cannot decode (HEIC outside Safari) go as they are; the server then
 * judges them by their bytes and says which types it takes.
 */
export async function compressPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { blob: file, name: file.name };
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) return { blob: file, name: file.name };
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    if (!blob) return { blob: file, name: file.name };
    return { blob, name: `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg` };
  } finally {
    bitmap.close();
  }
}
