import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from '../../server/store/canonical-hash';

/** The definition, written plainly (stored fingerprints were made with it, so the fast one must agree). */
const plainCanonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(plainCanonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${plainCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '导出' }, u: undefined })).toBe(
      '{"a":{"c":"导出","d":[3,{"y":null,"z":true}]},"b":1}',
    );
    expect(canonicalJson([undefined, 'x'])).toBe('[null,"x"]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson({ u: undefined })).toBe('{}');
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    // UTF-16 code-unit order (a surrogate pair sorts before U+FF5A), integer-like keys included.
    expect(canonicalJson({ b: 1, B: 2, 'ｚ': 4, '😀': 3, '10': 5, '9': 6, '': 7 })).toBe('{"":7,"10":5,"9":6,"B":2,"b":1,"😀":3,"ｚ":4}');
  });

  it('property: agrees with the plain definition, whatever order the keys came in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        expect(canonical).toBe(plainCanonicalJson(value));
        const reversed = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(canonical);
      }),
      { numRuns: 500 },
    );
  });

  it('hashes the same content in any key order to the same fingerprint, and other content to another', () => {
    expect(canonicalHash({ id: 'x', problem: '导出没有反应' })).toBe(canonicalHash({ problem: '导出没有反应', id: 'x' }));
    expect(canonicalHash({ id: 'x', problem: '导出没有反应' })).not.toBe(canonicalHash({ id: 'x', problem: '导出没有反应。' }));
    expect(canonicalHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
