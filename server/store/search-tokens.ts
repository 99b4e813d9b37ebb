/*
 * Search that works for Chinese and English without a database extension: text is cut into
 * tokens here (CJK runs into single characters and bigrams, other scripts into words) and stored
 * as a tsvector with array_to_tsvector, so PGlite and PostgreSQL index it the same way (GIN).
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u;
const SEGMENT = /[\p{L}\p{N}]+/gu;
const MAX_TOKENS = 4000;

function* segmentTokens(segment: string, forQuery: boolean): Generator<string> {
  let latin = '';
  let cjk: string[] = [];
  const flushCjk = function* () {
    if (cjk.length === 1 || !forQuery) for (const ch of cjk) yield ch;
    for (let i = 0; i + 1 < cjk.length; i++) yield cjk[i]! + cjk[i + 1]!;
    cjk = [];
  };
  for (const ch of segment) {
    if (CJK.test(ch)) {
      if (latin) yield latin;
      latin = '';
      cjk.push(ch);
    } else {
      yield* flushCjk();
      latin += ch;
    }
  }
  if (latin) yield latin;
  yield* flushCjk();
}

/** Tokens to index for a text: lowercased words, CJK characters and CJK bigrams, deduplicated. */
export function indexTokens(...texts: Array<string | undefined | null>): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const [segment] of text.normalize('NFKC').toLowerCase().matchAll(SEGMENT)) {
      for (const token of segmentTokens(segment, false)) {
        if (out.size >= MAX_TOKENS) return [...out];
        out.add(token.slice(0, 100));
      }
    }
  }
  return [...out];
}

/**
 * A tsquery string for what a person typed: every token must match; CJK runs match by bigrams,
 * and the last Latin word matches as a prefix so results appear while typing. Empty when the
 * query has no searchable characters.
 */
export function queryTsquery(query: string): string {
  const tokens: string[] = [];
  for (const [segment] of query.normalize('NFKC').toLowerCase().matchAll(SEGMENT)) {
    for (const token of segmentTokens(segment, true)) tokens.push(token.slice(0, 100));
  }
  const unique = [...new Set(tokens)].slice(0, 64);
  return unique
    .map((token, i) => {
      const quoted = `'${token.replace(/'/g, "''")}'`;
      return i === unique.length - 1 && !CJK.test(token) ? `${quoted}:*` : quoted;
    })
    .join(' & ');
}
