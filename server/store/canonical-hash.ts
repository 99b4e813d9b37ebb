import { sha256Hex } from '../auth/secrets';

/** JSON with object keys sorted at every depth, so equal content always serialises the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as { [key: string]: unknown })
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of the canonical JSON of a request body: the idempotency fingerprint of a client id. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
