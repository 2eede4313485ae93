import type { PhotoContentType } from '@yiwang/contracts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));

/**
 * The image type the bytes really are, from their magic numbers — JPEG `FF D8 FF`, PNG's
 * 8-byte signature, WebP `RIFF....WEBP` — whatever the file's name or declared type say.
 * Anything else is undefined, including HEIC, which the prebuilt sharp cannot decode.
 */
export function sniffImageType(bytes: Uint8Array): PhotoContentType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  return undefined;
}
