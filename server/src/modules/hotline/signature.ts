import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme of both directions (work orders in, status callbacks out):
 * `X-Hotline-Timestamp: <unix seconds>` and
 * `X-Hotline-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.
 * The timestamp is signed too, so a captured delivery cannot be replayed later with a
 * fresh timestamp. Pure.
 */
export function signHotline(secret: string, timestamp: string, body: Buffer | string): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

export type SignatureCheck =
  | { ok: true }
  | {
      ok: false;
      reason: 'not-configured' | 'missing-signature' | 'bad-timestamp' | 'stale-timestamp' | 'bad-signature';
    };

export function verifyHotlineSignature(input: {
  secret: string | null;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  now: Date;
  maxSkewSeconds: number;
}): SignatureCheck {
  if (!input.secret) return { ok: false, reason: 'not-configured' };
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'missing-signature' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'bad-timestamp' };
  const skew = Math.abs(input.now.getTime() / 1000 - Number(input.timestamp));
  if (skew > input.maxSkewSeconds) return { ok: false, reason: 'stale-timestamp' };
  const expected = Buffer.from(signHotline(input.secret, input.timestamp, input.body));
  const sent = Buffer.from(input.signature.trim().toLowerCase());
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
    return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}
