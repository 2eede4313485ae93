/**
 * Reads the two facts the platform keeps from a photo's EXIF block: when it was taken
 * and whether it carries a GPS position. A small TIFF-structure reader rather than a
 * dependency, because sharp hands over the raw block but does not parse it.
 */
export interface ExifFacts {
  takenAt: Date | null;
  hasLocation: boolean;
}

const NONE: ExifFacts = { takenAt: null, hasLocation: false };

const TAG = {
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
  dateTimeDigitized: 0x9004,
  offsetTimeOriginal: 0x9011,
  gpsLatitude: 0x0002,
  gpsLongitude: 0x0004,
} as const;
const ASCII = 2;

/** EXIF times carry no zone unless OffsetTimeOriginal is set; the platform's cameras are in China. */
const DEFAULT_OFFSET = '+08:00';

interface Entry {
  type: number;
  count: number;
  /** Offset of the 4-byte value/offset field. */
  at: number;
}

/** `exif` as sharp's metadata() gives it: with or without the `Exif\0\0` header. */
export function readExifFacts(exif: Uint8Array | undefined): ExifFacts {
  if (!exif || exif.length < 8) return NONE;
  const header = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const tiff = header.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? header.subarray(6) : header;
  try {
    return readTiff(tiff);
  } catch {
    // A malformed EXIF block is not worth refusing a photo over; the pixels are what matter.
    return NONE;
  }
}

function readTiff(tiff: Buffer): ExifFacts {
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return NONE;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return NONE;

  const readIfd = (offset: number): Map<number, Entry> => {
    const entries = new Map<number, Entry>();
    if (offset < 8 || offset + 2 > tiff.length) return entries;
    const count = u16(offset);
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      if (at + 12 > tiff.length) break;
      entries.set(u16(at), { type: u16(at + 2), count: u32(at + 4), at: at + 8 });
    }
    return entries;
  };
  const text = (entry: Entry | undefined): string | undefined => {
    if (!entry || entry.type !== ASCII || entry.count === 0) return undefined;
    const start = entry.count <= 4 ? entry.at : u32(entry.at);
    if (start + entry.count > tiff.length) return undefined;
    return tiff
      .subarray(start, start + entry.count)
      .toString('latin1')
      .replace(/\0.*$/s, '');
  };

  const ifd0 = readIfd(u32(4));
  const pointer = (tag: number) => {
    const entry = ifd0.get(tag);
    return entry ? u32(entry.at) : 0;
  };
  const exifIfd = readIfd(pointer(TAG.exifIfd));
  const gpsIfd = readIfd(pointer(TAG.gpsIfd));

  const taken = text(exifIfd.get(TAG.dateTimeOriginal)) ?? text(exifIfd.get(TAG.dateTimeDigitized));
  return {
    takenAt: taken ? parseExifDate(taken, text(exifIfd.get(TAG.offsetTimeOriginal))) : null,
    hasLocation: gpsIfd.has(TAG.gpsLatitude) || gpsIfd.has(TAG.gpsLongitude),
  };
}

/** `2025:06:01 09:30:00` (+ optional `+08:00`) → Date; null for blanks like `0000:00:00 00:00:00`. */
export function parseExifDate(value: string, offset: string | undefined): Date | null {
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const zone = offset && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : DEFAULT_OFFSET;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(date.getTime()) || Number(mo) < 1 || Number(d) < 1) return null;
  return date;
}
