import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isBareJpeg } from './jpeg-segments.js';

const picture = () =>
  sharp({
    create: {
      width: 64,
      height: 48,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  });

/** A segment (COM, APPn…) put right after SOI. */
const withSegment = (jpeg: Buffer, marker: number, text: string) => {
  const body = Buffer.from(text, 'latin1');
  const segment = Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
};

const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '31/1 54/1 0/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '120/1 17/1 0/1',
};

describe('isBareJpeg', () => {
  it('passes a JPEG with nothing but its picture, baseline or progressive', async () => {
    expect(isBareJpeg(await picture().jpeg().toBuffer())).toBe(true);
    expect(isBareJpeg(await picture().jpeg({ progressive: true }).toBuffer())).toBe(true);
  });

  it('passes a small colour profile (a canvas writes sRGB): colours, no time, place or device', async () => {
    expect(isBareJpeg(await picture().jpeg().withIccProfile('srgb').toBuffer())).toBe(true);
  });

  it('refuses any metadata: EXIF with GPS, XMP, a comment, other APP2 data (MPF)', async () => {
    expect(isBareJpeg(await picture().jpeg().withExif({ IFD3: GPS }).toBuffer())).toBe(false);
    expect(isBareJpeg(await picture().jpeg().withIccProfile('srgb').withExif({ IFD3: GPS }).toBuffer())).toBe(false);
    expect(isBareJpeg(await picture().jpeg().withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>').toBuffer())).toBe(false);
    expect(isBareJpeg(withSegment(await picture().jpeg().toBuffer(), 0xfe, 'lat 31.9 lon 120.28'))).toBe(false);
    expect(isBareJpeg(withSegment(await picture().jpeg().toBuffer(), 0xe2, 'MPF\0II*\0'))).toBe(false);
  });

  it('refuses data after the end of the image (phones append second images there)', async () => {
    const jpeg = await picture().jpeg().toBuffer();
    const trailer = await picture()
      .jpeg()
      .withExif({ IFD0: { Make: 'TestCam' } })
      .toBuffer();
    expect(isBareJpeg(Buffer.concat([jpeg, trailer]))).toBe(false);
    expect(isBareJpeg(Buffer.concat([jpeg, Buffer.from([0])]))).toBe(false);
  });

  it('refuses what is not a whole JPEG', async () => {
    const jpeg = await picture().jpeg().toBuffer();
    expect(isBareJpeg(jpeg.subarray(0, jpeg.length - 1))).toBe(false);
    expect(isBareJpeg(jpeg.subarray(0, 200))).toBe(false);
    expect(isBareJpeg(await picture().png().toBuffer())).toBe(false);
    expect(isBareJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBe(false);
    expect(isBareJpeg(new Uint8Array())).toBe(false);
  });
});
