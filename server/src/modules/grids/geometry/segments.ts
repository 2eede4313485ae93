/**
 * Exact orientation and segment-contact predicates for validating imported boundaries.
 *
 * The plain floating-point cross product misjudges nearly collinear points, and imported
 * boundaries are full of them: a vertex digitised onto a neighbour's edge, a ring that
 * comes back to touch itself. So the sign is taken from the float result only when a
 * forward error bound (Shewchuk's orient2d filter) proves it right, and otherwise from an
 * exact computation on BigInts: every double is m·2^e with an integer m, so after
 * scaling to a common exponent the determinant is plain integer arithmetic.
 */

const EPSILON = 2 ** -53;
/** Shewchuk's ccwerrboundA: |error of the float determinant| ≤ this × (|detLeft| + |detRight|). */
const ORIENT_ERROR_BOUND = (3 + 16 * EPSILON) * EPSILON;

const bits = new DataView(new ArrayBuffer(8));

/** A finite double as integer mantissa and binary exponent: value = mantissa · 2^exponent. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  if (value === 0) return { mantissa: 0n, exponent: 0 };
  bits.setFloat64(0, value);
  const high = bits.getUint32(0);
  const low = bits.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  return { mantissa: high >>> 31 === 1 ? -mantissa : mantissa, exponent };
}

function exactOrientation(values: readonly number[]): -1 | 0 | 1 {
  const parts = values.map(decompose);
  let minExponent = Number.POSITIVE_INFINITY;
  for (const part of parts) if (part.mantissa !== 0n && part.exponent < minExponent) minExponent = part.exponent;
  const [ax, ay, bx, by, cx, cy] = parts.map((part) =>
    part.mantissa === 0n ? 0n : part.mantissa << BigInt(part.exponent - minExponent),
  ) as [bigint, bigint, bigint, bigint, bigint, bigint];
  const det = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}

/**
 * Sign of the turn a → b → c: 1 counter-clockwise (c left of a→b), −1 clockwise,
 * 0 exactly collinear. Exact for all finite doubles.
 */
export function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): -1 | 0 | 1 {
  const detLeft = (bx - ax) * (cy - ay);
  const detRight = (by - ay) * (cx - ax);
  const det = detLeft - detRight;
  const detSum = Math.abs(detLeft) + Math.abs(detRight);
  // The bound covers the rounding of the differences as well; it assumes no underflow,
  // hence the exact path for vanishingly small products too.
  if (Math.abs(det) > ORIENT_ERROR_BOUND * detSum && detSum > 1e-280) return det > 0 ? 1 : -1;
  return exactOrientation([ax, ay, bx, by, cx, cy]);
}

/** Whether c lies on the closed segment a–b, given that a, b, c are collinear. */
function onCollinearSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/**
 * How two closed segments p1–p2 and q1–q2 meet:
 * - 'none': no common point;
 * - 'cross': they cross at one point interior to both;
 * - 'touch': exactly one common point, an endpoint of at least one of them;
 * - 'overlap': collinear with a common stretch of positive length.
 * Both segments must have positive length.
 */
export type SegmentContact = 'none' | 'cross' | 'touch' | 'overlap';

/**
 * Classifies the contact of two segments exactly (see `orientation`), so ring validation
 * neither invents intersections from rounding nor misses a vertex placed on an edge.
 */
export function segmentContact(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): SegmentContact {
  const o1 = orientation(p1x, p1y, p2x, p2y, q1x, q1y);
  const o2 = orientation(p1x, p1y, p2x, p2y, q2x, q2y);
  if (o1 !== 0 && o1 === o2) return 'none';
  const o3 = orientation(q1x, q1y, q2x, q2y, p1x, p1y);
  const o4 = orientation(q1x, q1y, q2x, q2y, p2x, p2y);
  if (o3 !== 0 && o3 === o4) return 'none';
  if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return 'cross';
  if (o1 === 0 && o2 === 0) {
    // Collinear: compare along the dominant axis, where the projection keeps order.
    const alongX = Math.abs(p2x - p1x) + Math.abs(q2x - q1x) >= Math.abs(p2y - p1y) + Math.abs(q2y - q1y);
    const [pLo, pHi] = alongX ? [Math.min(p1x, p2x), Math.max(p1x, p2x)] : [Math.min(p1y, p2y), Math.max(p1y, p2y)];
    const [qLo, qHi] = alongX ? [Math.min(q1x, q2x), Math.max(q1x, q2x)] : [Math.min(q1y, q2y), Math.max(q1y, q2y)];
    const lo = Math.max(pLo, qLo);
    const hi = Math.min(pHi, qHi);
    if (lo > hi) return 'none';
    return lo === hi ? 'touch' : 'overlap';
  }
  // One endpoint lies on the other segment's line; the orientation tests above put it
  // within the other segment's span unless the collinear point falls outside it.
  if (o1 === 0 && !onCollinearSegment(p1x, p1y, p2x, p2y, q1x, q1y)) return 'none';
  if (o2 === 0 && !onCollinearSegment(p1x, p1y, p2x, p2y, q2x, q2y)) return 'none';
  if (o3 === 0 && !onCollinearSegment(q1x, q1y, q2x, q2y, p1x, p1y)) return 'none';
  if (o4 === 0 && !onCollinearSegment(q1x, q1y, q2x, q2y, p2x, p2y)) return 'none';
  return 'touch';
}
