import { describe, expect, it } from 'vitest';
import { sniffImageType } from './image-type.js';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('sniffImageType', () => {
  it.each([
    ['JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'image/jpeg'],
    ['JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34, 'Exif'), 'image/jpeg'],
    ['PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'IHDR'), 'image/png'],
    ['WebP', bytes('RIFF', 0x24, 0x10, 0, 0, 'WEBPVP8 '), 'image/webp'],
  ])('recognizes %s by its first bytes', (_, input, expected) => {
    expect(sniffImageType(input)).toBe(expected);
  });

  it.each([
    ['text named .jpg', new TextEncoder().encode('just some text, not a photo')],
    ['empty', bytes()],
    ['two JPEG bytes only', bytes(0xff, 0xd8)],
    ['PNG signature cut short', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a)],
    ['PNG with a damaged signature', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0b, 0)],
    ['RIFF that is not WebP (WAV)', bytes('RIFF', 0x24, 0x10, 0, 0, 'WAVEfmt ')],
    ['GIF', bytes('GIF89a', 1, 0, 1, 0)],
    ['HEIC', bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0, 'mif1heic')],
    ['PDF', bytes('%PDF-1.7\n')],
    ['SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['JPEG magic not at the start', bytes(0, 0xff, 0xd8, 0xff, 0xe0)],
  ])('refuses %s', (_, input) => {
    expect(sniffImageType(input)).toBeUndefined();
  });
});
