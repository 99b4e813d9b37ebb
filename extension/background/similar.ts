import { fingerprint, rankBySimilarity } from '../../shared/domain/similarity';
import type { RecordSummary } from '../../shared/schemas/record';
import type { RequestOf, SimilarRecord } from '../messaging/protocol';
import type { ApiFailure } from '../../shared/sync/request';
import { searchRecords, type ApiTarget } from './server-api';
import type { Result } from '../../shared/domain/result';

type Reason = SimilarRecord['reasons'][number];

/** Words of a problem text worth searching for: the longest few, so the full-text search is not too narrow. */
function searchTerms(text: string): string {
  const cjk = text.match(/[\u4e00-\u9fff]{2,}/g) ?? [];
  const words = text.match(/[A-Za-z][A-Za-z0-9-]{3,}/g) ?? [];
  return [...cjk, ...words]
    .sort((a, b) => b.length - a.length)
    .slice(0, 4)
    .join(' ');
}

/** What the panel shows of a record it offers to link to. */
function pick(record: RecordSummary): SimilarRecord['record'] {
  const { id, recordNumber, customerName, problem, status, category, askedBy } = record;
  return { id, recordNumber, problem, status, category, ...(customerName === undefined ? {} : { customerName }), ...(askedBy === undefined ? {} : { askedBy }) };
}

/**
 * Records that look like the same request: the same ticket id (it is in the notes of clipped
 * records), the same customer, or a similar problem text (server search, then ranked on the device
 * with shared/domain/similarity). Best first, at most `limit`.
 */
export async function findSimilar(target: ApiTarget, query: RequestOf<'similar.find'>, limit = 5): Promise<Result<SimilarRecord[], ApiFailure>> {
  // The agent's own words: the records the search finds, newest first, as the list answers them.
  if (query.q?.trim()) {
    const found = await searchRecords(target, query.q.trim(), limit * 2);
    return found.ok ? { ok: true, value: found.value.map((record) => ({ record: pick(record), reasons: [], score: 0 })) } : found;
  }
  const searches: Array<[Reason, string]> = [];
  if (query.ticketId?.trim()) searches.push(['same_ticket', query.ticketId.trim()]);
  // A masked person (`*先生`) says nothing about who it is; only a real (company) name is searched.
  if (query.customerName?.trim() && !query.customerName.includes('*')) searches.push(['same_customer', query.customerName.trim()]);
  const terms = query.text ? searchTerms(query.text) : '';
  if (terms) searches.push(['similar_text', terms]);
  if (searches.length === 0) return { ok: true, value: [] };

  const answers = await Promise.all(searches.map(([, q]) => searchRecords(target, q, 20)));
  const failed = answers.find((a) => !a.ok);
  if (failed && answers.every((a) => !a.ok)) return failed as { ok: false; error: ApiFailure };

  const found = new Map<string, { record: RecordSummary; reasons: Set<Reason> }>();
  answers.forEach((answer, index) => {
    if (!answer.ok) return;
    const reason = searches[index]![0];
    for (const record of answer.value) {
      const item = found.get(record.id) ?? { record, reasons: new Set<Reason>() };
      if (reason !== 'similar_text') item.reasons.add(reason);
      found.set(record.id, item);
    }
  });
  const query_fp = fingerprint(query.text ?? '');
  const scores = new Map(
    rankBySimilarity(query_fp, [...found.values()], (item) => fingerprint(item.record.problem)).map((m) => [m.candidate.record.id, m.score]),
  );
  const items: SimilarRecord[] = [];
  for (const { record, reasons } of found.values()) {
    const score = scores.get(record.id) ?? 0;
    if (score > 0) reasons.add('similar_text');
    if (reasons.size === 0) continue;
    items.push({
      record: pick(record),
      reasons: [...reasons],
      score: score + (reasons.has('same_ticket') ? 2 : 0) + (reasons.has('same_customer') ? 1 : 0),
    });
  }
  items.sort((a, b) => b.score - a.score);
  return { ok: true, value: items.slice(0, limit) };
}
