import type { ItemResult } from '../schemas/sync';
import { CONFLICT_CODES, isConflict, malformed, type Answer, type ApiFailure, type ProblemFailure } from './request';
import type { OutboxEntry, SendOutcome } from './types';

/*
 * From the server's answers to the outcome of each outbox entry, the same for every transport of
 * the widget and the extension (zod-free: the widget bundles it).
 */

/** What becomes of an entry whose request failed: sent again later, kept as a conflict, or refused with the server's reason. */
export const outcomeOf = (id: string, f: ApiFailure): SendOutcome =>
  // Members a failure lacks stay undefined: only a retry has retryAfterMs, only a conflict a current version.
  ({
    id,
    status: f.retry ? 'retry' : isConflict(f) ? 'conflict' : 'rejected',
    error: { code: f.code, message: f.detail, errors: (f as ProblemFailure).errors },
    retryAfterMs: f.retryAfterMs,
    serverCopy: (f as ProblemFailure).current,
  }) as SendOutcome;

/** Every entry gets the failure of the request that carried them all. */
export const everyEntry = (entries: readonly OutboxEntry[], failure: ApiFailure): SendOutcome[] => entries.map((e) => outcomeOf(e.id, failure));

/** Each entry's outcome from a batch answer's per-item results; an entry the answer leaves out is retried. */
export function batchOutcomes(entries: readonly OutboxEntry[], results: readonly ItemResult[]): SendOutcome[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return entries.map((entry): SendOutcome => {
    const result = byId.get(entry.id);
    if (!result) return outcomeOf(entry.id, malformed());
    if (result.status !== 'rejected') return { id: entry.id, status: result.status, recordNumber: result.recordNumber, version: result.version };
    return { id: entry.id, status: CONFLICT_CODES.includes(result.error.code) ? 'conflict' : 'rejected', error: result.error };
  });
}

/** What a single-entry route answers on success (a rating, a survey response, an edit). */
interface SingleAnswer {
  status?: unknown;
  recordNumber?: unknown;
  version?: unknown;
}

/**
 * Send entries one request each, in order. Any 2xx is accepted (`duplicate` when the server says
 * so); a refusal answers that entry alone, while a failure worth retrying means the server or
 * network is down for this request, so it is for the rest too.
 */
export async function eachEntry(entries: readonly OutboxEntry[], send: (entry: OutboxEntry) => Promise<Answer>): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  for (const [index, entry] of entries.entries()) {
    const answer = await send(entry);
    if (!answer.ok) {
      if (answer.failure.retry) return outcomes.concat(everyEntry(entries.slice(index), answer.failure));
      outcomes.push(outcomeOf(entry.id, answer.failure));
      continue;
    }
    const body = (answer.body ?? {}) as SingleAnswer;
    outcomes.push({
      id: entry.id,
      status: body.status === 'duplicate' ? 'duplicate' : 'accepted',
      ...(typeof body.recordNumber === 'string' ? { recordNumber: body.recordNumber } : {}),
      ...(Number.isInteger(body.version) ? { version: body.version as number } : {}),
    });
  }
  return outcomes;
}

/**
 * Upload each entry's blobs, then send the entries whose blobs are all on the server as one batch
 * (widget submissions and extension records). A refused upload answers its entry alone. An upload
 * to retry means the server is busy or out of reach for uploads: the later entries with blobs wait
 * with it, untried, while those without blobs still go out in the batch.
 */
export async function uploadThenBatch(
  entries: readonly OutboxEntry[],
  upload: (entry: OutboxEntry) => Promise<ApiFailure | undefined>,
  batch: (ready: OutboxEntry[]) => Promise<SendOutcome[]>,
): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  const ready: OutboxEntry[] = [];
  let unreachable: ApiFailure | undefined;
  for (const entry of entries) {
    const failure = unreachable && entry.blobKeys?.length ? unreachable : await upload(entry);
    if (!failure) ready.push(entry);
    else {
      outcomes.push(outcomeOf(entry.id, failure));
      if (failure.retry) unreachable = failure;
    }
  }
  return ready.length === 0 ? outcomes : outcomes.concat(await batch(ready));
}
