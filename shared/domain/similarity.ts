/**
 * Near-duplicate detection for feedback text. A fingerprint is the sorted set of 32-bit FNV-1a hashes
 * of its shingles: CJK runs give character unigrams (minus a few function characters) and bigrams,
 * which separated paraphrases from unrelated complaints better than bigrams + trigrams (trigrams
 * rarely survive Chinese word-order changes: "导出报表时点击按钮" vs "点击导出报表按钮"); other text gives lowercased word unigrams and bigrams after NFKC (full-width -> half-width),
 * punctuation removal, a tiny suffix strip (s / ing / ed) and a short English stop list. Plain numbers,
 * so fingerprints serialise to JSON and compare the same in every runtime.
 */

/** Sorted, duplicate-free 32-bit unsigned shingle hashes. */
export type Fingerprint = number[];

/** A candidate that scored at or above the threshold. */
export interface RankedMatch<T> {
  candidate: T;
  score: number;
}

/** Default cut-off for `rankBySimilarity`: paraphrases of one problem score above it, unrelated text near 0. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.2;

const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af';
const TOKEN = new RegExp(`([${CJK}]+)|([^\\s'${CJK}]+(?:'[^\\s'${CJK}]+)*)`, 'gu');
const STOP = new Set(
  'a an the i me my it its this that is are was be to of on in at for and or so do does did with'.split(' '),
);

// Function characters shared by unrelated sentences; as unigrams they would only add noise.
const STOP_CHARS = '的了是在我你他她它们这那有和就都也很吗呢吧啊时候一';

/** FNV-1a over UTF-16 code units (low byte, then high byte): small, fast and runtime-independent. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), 0x01000193);
    h = Math.imul(h ^ (c >>> 8), 0x01000193);
  }
  return h >>> 0;
}

const stem = (w: string): string => {
  let s = w.endsWith('s') && !w.endsWith('ss') && w.length > 3 ? w.slice(0, -1) : w;
  if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  return s;
};

/** Shingle hashes of a text; a non-string or a text without letters or digits gives []. */
export function fingerprint(text: unknown): Fingerprint {
  if (typeof text !== 'string') return [];
  const hashes = new Set<number>();
  const add = (s: string) => hashes.add(fnv1a32(s));
  const norm = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  // Punctuation ends a phrase, so no word bigram spans two sentences or clauses.
  for (const phrase of norm.split(/[^\p{L}\p{N}\s']+/u)) {
    let prev: string | null = null;
    for (const m of phrase.matchAll(TOKEN)) {
      const run = m[1];
      if (run) {
        const chars = Array.from(run);
        for (let i = 0; i < chars.length; i++) {
          const c = chars[i] as string;
          if (!STOP_CHARS.includes(c) || chars.length === 1) add(c);
          if (i + 1 < chars.length) add(c + chars[i + 1]);
        }
        prev = null;
        continue;
      }
      const word = m[2] ?? '';
      if (STOP.has(word)) continue;
      const w = stem(word);
      add(w);
      if (prev !== null) add(`${prev} ${w}`);
      prev = w;
    }
  }
  return [...hashes].sort((a, b) => a - b);
}

/** Accepts stored fingerprints that may be unsorted or repeat values. */
const canonical = (f: readonly number[]): readonly number[] => {
  for (let i = 1; i < f.length; i++) {
    if (!((f[i] as number) > (f[i - 1] as number))) return [...new Set(f)].sort((a, b) => a - b);
  }
  return f;
};

/** Jaccard similarity of two fingerprints, in [0, 1]; 0 when either is empty or not an array. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length === 0 || b.length === 0) return 0;
  const x = canonical(a);
  const y = canonical(b);
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as number;
    const q = y[j] as number;
    if (p === q) {
      common++;
      i++;
      j++;
    } else if (p < q) i++;
    else j++;
  }
  return common / (x.length + y.length - common);
}

/** Similarity of two texts through their fingerprints. */
export function similarityOfTexts(a: string, b: string): number {
  return similarity(fingerprint(a), fingerprint(b));
}

/** Candidates scoring at least `threshold` against `query`, best first (ties keep input order). */
export function rankBySimilarity<T>(
  query: readonly number[],
  candidates: readonly T[],
  fingerprintOf: (candidate: T) => readonly number[],
  options: { threshold?: number; limit?: number } = {},
): RankedMatch<T>[] {
  const threshold = options.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const ranked: RankedMatch<T>[] = [];
  for (const candidate of candidates) {
    const score = similarity(query, fingerprintOf(candidate));
    if (score > 0 && score >= threshold) ranked.push({ candidate, score });
  }
  ranked.sort((p, q) => q.score - p.score);
  return options.limit === undefined ? ranked : ranked.slice(0, Math.max(0, options.limit));
}
