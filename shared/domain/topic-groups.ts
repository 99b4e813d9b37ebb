import { DEFAULT_SIMILARITY_THRESHOLD, type Fingerprint } from './similarity';

/** One item to group: its fingerprint (shared/domain/similarity) and how many asked for it. */
export interface TopicItem<T> {
  item: T;
  fingerprint: Fingerprint;
  askedBy: number;
}

/** A group of items whose text reads alike: the first (most asked) item leads it. */
export interface TopicGroup<T> {
  items: T[];
  askedBy: number;
}

/**
 * Groups items by the shared similarity (Jaccard of fingerprints, the duplicate detection's
 * threshold): items are taken most asked first (then in input order), and each joins the group of
 * the best-scoring leader at or above the threshold, else leads a new group. Leaders are found
 * through an index of their shingles, so only leaders sharing a shingle are scored: the Jaccard
 * score follows from the shared count. Groups come out biggest "asked by" first, then most items.
 */
export function groupBySimilarity<T>(items: readonly TopicItem<T>[], threshold = DEFAULT_SIMILARITY_THRESHOLD): TopicGroup<T>[] {
  const order = items.map((x, i) => ({ x, i })).sort((a, b) => b.x.askedBy - a.x.askedBy || a.i - b.i);
  const groups: { leaderSize: number; group: TopicGroup<T>; first: number }[] = [];
  const byShingle = new Map<number, number[]>();
  for (const { x, i } of order) {
    const shingles = [...new Set(x.fingerprint)];
    const shared = new Map<number, number>();
    for (const h of shingles) for (const g of byShingle.get(h) ?? []) shared.set(g, (shared.get(g) ?? 0) + 1);
    let best = -1;
    let bestScore = 0;
    for (const [g, common] of shared) {
      const score = common / (shingles.length + (groups[g] as { leaderSize: number }).leaderSize - common);
      if (score >= threshold && (score > bestScore || (score === bestScore && g < best))) {
        best = g;
        bestScore = score;
      }
    }
    if (best >= 0) {
      const target = (groups[best] as { group: TopicGroup<T> }).group;
      target.items.push(x.item);
      target.askedBy += x.askedBy;
      continue;
    }
    if (shingles.length === 0) {
      groups.push({ leaderSize: 0, group: { items: [x.item], askedBy: x.askedBy }, first: i });
      continue;
    }
    const g = groups.length;
    groups.push({ leaderSize: shingles.length, group: { items: [x.item], askedBy: x.askedBy }, first: i });
    for (const h of shingles) {
      const list = byShingle.get(h);
      if (list) list.push(g);
      else byShingle.set(h, [g]);
    }
  }
  return groups
    .sort((a, b) => b.group.askedBy - a.group.askedBy || b.group.items.length - a.group.items.length || a.first - b.first)
    .map((g) => g.group);
}
