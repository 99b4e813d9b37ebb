/*
 * Identifiers made on the device: record ids (UUID v7, the idempotency key of every send) and the
 * reporter secret (digests: shared/sync/digest). Small on purpose: the uuid package would cost more bytes.
 */

import { hex } from '../../shared/sync/digest';

export { sha256Hex } from '../../shared/sync/digest';

/** A UUID v7: 48-bit Unix milliseconds, version 7, variant 10, random rest (RFC 9562). */
export function uuidv7(now: number = Date.now()): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  // `& 255` works on the float quotient: ToInt32 keeps the low bits of the truncated value.
  for (let i = 0; i < 6; i++) b[i] = (now / 2 ** (8 * (5 - i))) & 255;
  b[6] = (b[6]! & 15) | 112;
  b[8] = (b[8]! & 63) | 128;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 32 random bytes as hex: the anonymous reporter's secret, kept only on this device. */
export const randomSecret = (): string => hex(crypto.getRandomValues(new Uint8Array(32)));

