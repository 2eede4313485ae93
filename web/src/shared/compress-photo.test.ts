import { describe, expect, it } from 'vitest';
import { fittedSize, jpegName, MAX_SIDE_PX } from './compress-photo';

describe('photo compression', () => {
  it('fits the long side into 1600 px and never enlarges', () => {
    expect(fittedSize(4032, 3024)).toEqual({ width: MAX_SIDE_PX, height: 1200 });
    expect(fittedSize(3024, 4032)).toEqual({ width: 1200, height: MAX_SIDE_PX });
    expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fittedSize(12_000, 4)).toEqual({ width: MAX_SIDE_PX, height: 1 });
  });

  it('names the JPEG after the original', () => {
    expect(jpegName('IMG_0001.HEIC')).toBe('IMG_0001.jpg');
    expect(jpegName('photo.from.phone.png')).toBe('photo.from.phone.jpg');
    expect(jpegName('noext')).toBe('noext.jpg');
    expect(jpegName('.jpg')).toBe('photo.jpg');
  });
});
