import { sha256Hex } from '../auth/secrets';

/** JSON with object keys sorted at every depth, so equal content always serialises the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as { [key: string]: unknown };
  // Default sort is by UTF-16 code units, as JSON key order needs to be stable everywhere.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(v);
  }
  return `${out}}`;
}

/** SHA-256 of the canonical JSON of a request body: the idempotency fingerprint of a client id. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
