/*
 * The entity tag of a stored document without a version counter (campaigns, surveys): a hash of
 * its canonical JSON. The server answers it as ETag and compares If-Match with it; the console
 * computes the same tag from the document it showed, so an edit made over someone else's change
 * is refused (409) instead of silently overwriting it. Equal content gives an equal tag, which is
 * exactly when an overwrite loses nothing.
 */

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

/**
 * A 64-bit FNV-1a hash of the canonical JSON, as 16 hex digits. Not a security measure (the
 * If-Match only guards against lost updates by staff who may edit anyway); synchronous, so the
 * browser and the server compute it alike without Web Crypto.
 */
export function documentTag(doc: unknown): string {
  const text = canonicalJson(doc);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** Whether an If-Match header (`"tag"`, `W/"tag"` or the bare tag) names this document's tag. */
export const tagMatches = (header: string, doc: unknown): boolean => {
  const tag = /^(?:W\/)?"?([0-9a-f]{16})"?$/.exec(header.trim())?.[1];
  return tag === documentTag(doc);
};
