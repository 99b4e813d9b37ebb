/*
 * Digests made on the device (widget and extension): attachment names and reporter keys. Web Crypto
 * only, so it needs a secure context (https or localhost); the server hashes with node:crypto.
 */

/** Bytes as lowercase hex digits. */
export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of text (UTF-8) or bytes as 64 lowercase hex digits. */
export async function sha256Hex(data: string | ArrayBuffer): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
