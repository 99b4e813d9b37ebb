import * as z from 'zod/mini';
import { BatchResponse, ChangesPage } from '../schemas/sync';
import { problemIn } from '../schemas/problem';
import type { Result } from '../domain/result';
import { batchOutcomes, eachEntry, everyEntry } from './outcomes';
import { malformed, networkFailure, request, type Answer, type ApiFailure } from './request';
import type { OutboxEntry, Transport } from './types';

export { parseRetryAfter } from './request';

/** Request headers (site key, reporter secret, bearer token), read fresh for every request. */
export type HeadersSource = () => Record<string, string> | Promise<Record<string, string>>;

/** What every HTTP helper here takes. */
export interface HttpOptions {
  headers?: HeadersSource;
  /** Defaults to the global fetch; the extension may pass one built on ky. */
  fetch?: typeof fetch;
  /** Whole request including the body; a timeout is retried. Default 20 s. */
  timeoutMs?: number;
}

/** Options of batchTransport. */
export interface BatchTransportOptions extends HttpOptions {
  /** The batch endpoint, e.g. `${api}/v1/public/submissions/batch`. */
  url: string;
}

/** Options of singleTransport. */
export interface SingleTransportOptions extends HttpOptions {
  /** Where this entry goes, e.g. `${api}/v1/public/records/${entry.payload.recordId}/satisfaction`. */
  url: (entry: OutboxEntry) => string;
  method?: 'POST' | 'PUT' | 'PATCH';
  /** What to send; default entry.payload. */
  body?: (entry: OutboxEntry) => unknown;
  /** Extra headers of this entry, e.g. If-Match for an edit. */
  entryHeaders?: (entry: OutboxEntry) => Record<string, string>;
}

/** Options of fetchChanges. */
export interface FetchChangesOptions extends HttpOptions {
  url: string;
  /** Where the previous page ended; omitted for the first page. */
  cursor?: string;
}

async function call(options: HttpOptions, url: string, method: string, body?: unknown, extra?: Record<string, string>): Promise<Answer> {
  let headers: Record<string, string>;
  try {
    headers = {
      accept: 'application/json, application/problem+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(await options.headers?.()),
      ...extra,
    };
  } catch (error) {
    // Reading the credentials failed (storage busy); a transport never throws, so try again later.
    return { ok: false, failure: networkFailure(error) };
  }
  return request(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    problem: problemIn,
  });
}

/** Sends entries as `{ items: payloads }` to a batch endpoint answering BatchResponse (per-item results). */
export function batchTransport(options: BatchTransportOptions): Transport {
  return async (entries) => {
    if (entries.length === 0) return [];
    const answer = await call(options, options.url, 'POST', { items: entries.map((e) => e.payload) });
    if (!answer.ok) return everyEntry(entries, answer.failure);
    const parsed = z.safeParse(BatchResponse, answer.body);
    return parsed.success ? batchOutcomes(entries, parsed.data.results) : everyEntry(entries, malformed());
  };
}

/** Sends each entry in a request of its own (satisfaction ratings, edits); any 2xx is accepted. */
export function singleTransport(options: SingleTransportOptions): Transport {
  return (entries) =>
    eachEntry(entries, (entry) =>
      call(options, options.url(entry), options.method ?? 'POST', options.body ? options.body(entry) : entry.payload, options.entryHeaders?.(entry)),
    );
}

/** Read one page of a changes feed; storing nextCursor (outbox meta) is the caller's job. */
export async function fetchChanges(options: FetchChangesOptions): Promise<Result<ChangesPage, ApiFailure>> {
  const url = options.cursor === undefined ? options.url : `${options.url}${options.url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(options.cursor)}`;
  const answer = await call(options, url, 'GET');
  if (!answer.ok) return { ok: false, error: answer.failure };
  const parsed = z.safeParse(ChangesPage, answer.body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: malformed() };
}
