import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseExifDate, readExifFacts } from './exif.js';

const blank = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });
const exifOf = async (image: Sharp) => (await sharp(await image.toBuffer()).metadata()).exif;

const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '31/1 54/1 3000/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '120/1 17/1 0/1',
};

describe('readExifFacts', () => {
  it('finds the time taken (with its offset) and the GPS position in a JPEG’s EXIF', async () => {
    const exif = await exifOf(
      blank()
        .jpeg()
        .withExif({
          IFD0: { Make: 'TestCam' },
          IFD2: { DateTimeOriginal: '2025:06:01 09:30:00', OffsetTimeOriginal: '+08:00' },
          IFD3: GPS,
        }),
    );
    expect(readExifFacts(exif)).toEqual({ takenAt: new Date('2025-06-01T01:30:00Z'), hasLocation: true });
  });

  it('reads big-endian EXIF and the bare TIFF block PNG carries', async () => {
    const png = await exifOf(
      blank()
        .png()
        .withExif({ IFD2: { DateTimeOriginal: '2024:12:31 23:59:59' }, IFD3: GPS }),
    );
    expect(png?.subarray(0, 2).toString('latin1')).toBe('II');
    expect(readExifFacts(png)).toEqual({ takenAt: new Date('2024-12-31T15:59:59Z'), hasLocation: true });

    // A hand-made Motorola-order block: IFD0 → Exif IFD with DateTimeOriginal, no GPS.
    const date = Buffer.from('2023:03:04 05:06:07\0', 'latin1');
    const tiff = Buffer.alloc(8 + 18 + 18 + date.length);
    tiff.write('MM', 0, 'latin1');
    tiff.writeUInt16BE(42, 2);
    tiff.writeUInt32BE(8, 4);
    tiff.writeUInt16BE(1, 8); // IFD0: one entry
    tiff.writeUInt16BE(0x8769, 10);
    tiff.writeUInt16BE(4, 12);
    tiff.writeUInt32BE(1, 14);
    tiff.writeUInt32BE(26, 18); // → Exif IFD at 26
    tiff.writeUInt16BE(1, 26);
    tiff.writeUInt16BE(0x9003, 28);
    tiff.writeUInt16BE(2, 30);
    tiff.writeUInt32BE(date.length, 32);
    tiff.writeUInt32BE(44, 36); // → string at 44
    date.copy(tiff, 44);
    expect(readExifFacts(tiff)).toEqual({ takenAt: new Date('2023-03-04T05:06:07+08:00'), hasLocation: false });
  });

  it('says no location and no time when the EXIF has neither', async () => {
    const exif = await exifOf(
      blank()
        .jpeg()
        .withExif({ IFD0: { Make: 'TestCam' } }),
    );
    expect(exif).toBeDefined();
    expect(readExifFacts(exif)).toEqual({ takenAt: null, hasLocation: false });
  });

  it('never throws on missing or malformed EXIF', () => {
    expect(readExifFacts(undefined)).toEqual({ takenAt: null, hasLocation: false });
    expect(readExifFacts(Buffer.from('Exif\0\0II*\0\xff\xff\xff\x7f', 'latin1'))).toEqual({
      takenAt: null,
      hasLocation: false,
    });
    expect(readExifFacts(Buffer.from('Exif\0\0garbage garbage', 'latin1'))).toEqual({
      takenAt: null,
      hasLocation: false,
    });
    // An IFD claiming thousands of entries beyond the end of the block.
    const lying = Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0, 0xff, 0xff, 0, 0]);
    expect(readExifFacts(lying)).toEqual({ takenAt: null, hasLocation: false });
  });
});

describe('parseExifDate', () => {
  it('uses the stated offset, else China time', () => {
    expect(parseExifDate('2025:06:01 09:30:00', '-05:00')?.toISOString()).toBe('2025-06-01T14:30:00.000Z');
    expect(parseExifDate('2025:06:01 09:30:00', undefined)?.toISOString()).toBe('2025-06-01T01:30:00.000Z');
    expect(parseExifDate('2025:06:01 09:30:00', 'garbage')?.toISOString()).toBe('2025-06-01T01:30:00.000Z');
  });

  it('gives null for blank or nonsense dates', () => {
    expect(parseExifDate('0000:00:00 00:00:00', undefined)).toBeNull();
    expect(parseExifDate('    :  :     :  :  ', undefined)).toBeNull();
    expect(parseExifDate('2025:13:01 00:00:00', undefined)).toBeNull();
  });
});
