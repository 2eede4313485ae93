/**
 * Whether a JPEG carries nothing but its picture: no EXIF, XMP, IPTC, comment or any other
 * application segment (APP1, APP3–APP15, COM), at most a bare JFIF header without its
 * optional thumbnail and a small colour profile (a browser's canvas writes an sRGB one:
 * colours, no time, place or device), and nothing after the end-of-image marker (phones
 * append second images and maker data there). Such a file — what the worker app and the
 * portal send, re-encoded by the phone's canvas — can be shown to others as it is:
 * re-encoding it would only cost time and quality. Anything unusual answers false, and
 * the caller then re-encodes, which strips everything: this check may only ever err on
 * that side.
 */
export function isBareJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let at = 2;
  let sawFrame = false;
  // Header segments up to the first scan.
  for (;;) {
    const segment = segmentAt(bytes, at);
    if (!segment) return false;
    const { marker, length } = segment;
    if (marker === 0xe0) {
      // APP0: only "JFIF\0" with no thumbnail (16 bytes); JFXX and others are extensions.
      if (length !== 16 || !startsWith(bytes, at + 4, JFIF)) return false;
    } else if (marker === 0xe2) {
      // APP2: only a one-chunk ICC profile of a few KB (MPF, FlashPix and others are refused).
      if (length > MAX_ICC_SEGMENT || !startsWith(bytes, at + 4, ICC_PROFILE)) return false;
      if (bytes[at + 16] !== 1 || bytes[at + 17] !== 1) return false;
    } else if (marker === 0xda) {
      if (!sawFrame) return false;
      break;
    } else if (isFrameMarker(marker)) {
      sawFrame = true;
    } else if (!TABLE_MARKERS.has(marker)) {
      // APP1–APP15 (EXIF, XMP, ICC, IPTC…), COM, and anything unknown.
      return false;
    }
    at += 2 + length;
  }
  return endsAfterScans(bytes, at);
}

/** The segment at `at`: FF, a marker, a 2-byte length that counts itself; null when that does not fit the file. */
function segmentAt(bytes: Uint8Array, at: number): { marker: number; length: number } | null {
  if (at + 4 > bytes.length || bytes[at] !== 0xff) return null;
  const marker = bytes[at + 1] as number;
  const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
  return length < 2 || at + 2 + length > bytes.length ? null : { marker, length };
}

/** DQT, DHT, DAC, DRI: tables the decoder needs, no metadata. */
const TABLE_MARKERS = new Set([0xdb, 0xc4, 0xcc, 0xdd]);

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameMarker = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

const JFIF = [...'JFIF\0'].map((c) => c.charCodeAt(0));
const ICC_PROFILE = [...'ICC_PROFILE\0'].map((c) => c.charCodeAt(0));
const MAX_ICC_SEGMENT = 4096;

const startsWith = (bytes: Uint8Array, at: number, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[at + i] === b);

/**
 * From the first SOS: scans of entropy-coded data (where FF is followed by 00 stuffing or
 * an RST marker), between which a progressive JPEG may put further tables and scans.
 * True when the first EOI is the file's last two bytes and no metadata segment appears.
 */
function endsAfterScans(bytes: Uint8Array, start: number): boolean {
  const n = bytes.length;
  let at = start;
  for (;;) {
    // A segment with a length: SOS, or tables between progressive scans.
    const segment = segmentAt(bytes, at);
    if (!segment) return false;
    const { marker, length } = segment;
    if (marker !== 0xda && !TABLE_MARKERS.has(marker)) return false;
    at += 2 + length;
    if (marker !== 0xda) continue;
    // Entropy-coded data until a marker that is neither stuffing nor a restart.
    // indexOf is the engine's native search: a byte-by-byte loop here was a visible share
    // of an upload's CPU for a few hundred KB of picture.
    for (;;) {
      const ff = bytes.indexOf(0xff, at);
      if (ff === -1 || ff + 1 >= n) return false;
      const next = bytes[ff + 1] as number;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
        at = ff + (next === 0xff ? 1 : 2);
        continue;
      }
      at = ff;
      break;
    }
    if (bytes[at + 1] === 0xd9) return at + 2 === n;
  }
}
