/*
 * Search that works for Chinese and English without a database extension: text is cut into
 * tokens here (CJK runs into single characters and bigrams, other scripts into words) and stored
 * as a tsvector with array_to_tsvector, so PGlite and PostgreSQL index it the same way (GIN).
 */

/** Han, kana and hangul: scripts written without spaces between words. */
const CJK_CHARS = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3040-\\u30ff\\uac00-\\ud7af';
const CJK = new RegExp(`[${CJK_CHARS}]`, 'u');
/** A segment's runs: CJK characters (captured), or anything else (a word). */
const RUN = new RegExp(`([${CJK_CHARS}]+)|[^${CJK_CHARS}]+`, 'gu');
const SEGMENT = /[\p{L}\p{N}]+/gu;
const MAX_TOKENS = 4000;

/**
 * The tokens of one letters-and-digits segment, in order: each word, and for each CJK run its
 * characters (for a query only a lone one) followed by its bigrams.
 */
function segmentTokens(segment: string, forQuery: boolean, out: string[]): void {
  for (const [run, cjkRun] of segment.matchAll(RUN)) {
    if (!cjkRun) {
      out.push(run);
      continue;
    }
    const chars = Array.from(cjkRun);
    if (chars.length === 1 || !forQuery) for (const ch of chars) out.push(ch);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
}

/** Tokens to index for a text: lowercased words, CJK characters and CJK bigrams, deduplicated. */
export function indexTokens(...texts: Array<string | undefined | null>): string[] {
  const out = new Set<string>();
  const tokens: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const [segment] of text.normalize('NFKC').toLowerCase().matchAll(SEGMENT)) {
      tokens.length = 0;
      segmentTokens(segment, false, tokens);
      for (const token of tokens) {
        if (out.size >= MAX_TOKENS) return [...out];
        out.add(token.length > 100 ? token.slice(0, 100) : token);
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
  for (const [segment] of query.normalize('NFKC').toLowerCase().matchAll(SEGMENT)) segmentTokens(segment, true, tokens);
  for (let i = 0; i < tokens.length; i++) tokens[i] = tokens[i]!.slice(0, 100);
  const unique = [...new Set(tokens)].slice(0, 64);
  return unique
    .map((token, i) => {
      const quoted = `'${token.replace(/'/g, "''")}'`;
      return i === unique.length - 1 && !CJK.test(token) ? `${quoted}:*` : quoted;
    })
    .join(' & ');
}
