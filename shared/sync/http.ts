import * as z from 'zod/mini';
import { BatchResponse, ChangesPage, type ItemError } from '../schemas/sync';
import { Problem } from '../schemas/problem';
import type { Result } from '../domain/result';
import type { OutboxEntry, SendOutcome, Transport } from './types';

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

/** Why a request did not produce a usable answer; retryAfterMs is set when trying again later may help. */
export type HttpError = ItemError & { retryAfterMs?: number };

/** A failure of a whole request, in the vocabulary of SendOutcome. */
type Failure =
  | { status: 'retry'; error: ItemError; retryAfterMs?: number }
  | { status: 'rejected'; error: ItemError }
  | { status: 'conflict'; error: ItemError; serverCopy?: unknown };

type Answer = { ok: true; status: number; body: unknown } | { ok: false; failure: Failure };

const DEFAULT_TIMEOUT_MS = 20_000;
const CONFLICT_CODES = new Set(['idempotency_conflict', 'version_conflict', 'conflict']);

const retry = (code: ItemError['code'], message: string, retryAfterMs?: number): Failure =>
  retryAfterMs === undefined ? { status: 'retry', error: { code, message } } : { status: 'retry', error: { code, message }, retryAfterMs };

const malformed = (): Failure => retry('internal', 'Malformed response from the server.');

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const problemError = (problem: Problem): ItemError => ({
  code: problem.code,
  message: (problem.detail ?? problem.title).slice(0, 1_000),
  ...(problem.errors ? { errors: problem.errors } : {}),
});

async function call(options: HttpOptions, url: string, method: string, body?: unknown, extra?: Record<string, string>): Promise<Answer> {
  let response: Response;
  let text: string;
  try {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(await options.headers?.()),
      ...extra,
    };
    response = await (options.fetch ?? fetch)(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    return name === 'TimeoutError' || name === 'AbortError'
      ? { ok: false, failure: retry('timeout', 'The server did not answer in time.') }
      : { ok: false, failure: retry('network_error', String((error as Error | null)?.message ?? error).slice(0, 1_000)) };
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { ok: true, status, body: json };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const parsed = z.safeParse(Problem, json);
  const problem = parsed.success ? parsed.data : undefined;
  if (status === 408) return { ok: false, failure: retry('timeout', 'The server timed out.', retryAfterMs) };
  if (status === 429) return { ok: false, failure: retry('rate_limited', problem?.title ?? 'Too many requests.', retryAfterMs) };
  if (status >= 500 || status < 400) {
    return { ok: false, failure: retry(problem?.code ?? 'internal', problem?.title ?? `HTTP ${status}`, retryAfterMs) };
  }
  if (!problem) {
    // A proxy's 413 page still means the request will never fit; any other 4xx without a
    // problem body is not the API talking, so keep the items and try later.
    return {
      ok: false,
      failure: status === 413 ? { status: 'rejected', error: { code: 'payload_too_large', message: 'Payload too large.' } } : malformed(),
    };
  }
  if (status === 409 && CONFLICT_CODES.has(problem.code)) {
    return {
      ok: false,
      failure: { status: 'conflict', error: problemError(problem), ...(problem.current ? { serverCopy: problem.current } : {}) },
    };
  }
  return { ok: false, failure: { status: 'rejected', error: problemError(problem) } };
}

const everyItem = (entries: OutboxEntry[], failure: Failure): SendOutcome[] => entries.map((e) => ({ id: e.id, ...failure }));

/** Sends entries as `{ items: payloads }` to a batch endpoint answering BatchResponse (per-item results). */
export function batchTransport(options: BatchTransportOptions): Transport {
  return async (entries) => {
    if (entries.length === 0) return [];
    const answer = await call(options, options.url, 'POST', { items: entries.map((e) => e.payload) });
    if (!answer.ok) return everyItem(entries, answer.failure);
    const parsed = z.safeParse(BatchResponse, answer.body);
    if (!parsed.success) return everyItem(entries, malformed());
    const byId = new Map(parsed.data.results.map((r) => [r.id, r]));
    return entries.map((entry): SendOutcome => {
      const result = byId.get(entry.id);
      if (!result) return { id: entry.id, ...malformed() } as SendOutcome;
      if (result.status !== 'rejected') {
        return { id: entry.id, status: result.status, recordNumber: result.recordNumber, version: result.version };
      }
      return CONFLICT_CODES.has(result.error.code)
        ? { id: entry.id, status: 'conflict', error: result.error }
        : { id: entry.id, status: 'rejected', error: result.error };
    });
  };
}

const SingleAnswer = z.looseObject({
  status: z.optional(z.string()),
  recordNumber: z.optional(z.string()),
  version: z.optional(z.int()),
});

/** Sends each entry in a request of its own (satisfaction ratings, edits); any 2xx is accepted. */
export function singleTransport(options: SingleTransportOptions): Transport {
  return async (entries) => {
    const outcomes: SendOutcome[] = [];
    for (const [index, entry] of entries.entries()) {
      const body = options.body ? options.body(entry) : entry.payload;
      const answer = await call(options, options.url(entry), options.method ?? 'POST', body, options.entryHeaders?.(entry));
      if (!answer.ok) {
        if (answer.failure.status === 'retry') {
          // The server or network is down for this request, so it is for the rest too.
          return outcomes.concat(everyItem(entries.slice(index), answer.failure));
        }
        outcomes.push({ id: entry.id, ...answer.failure } as SendOutcome);
        continue;
      }
      const parsed = z.safeParse(SingleAnswer, answer.body);
      const data = parsed.success ? parsed.data : {};
      outcomes.push({
        id: entry.id,
        status: data.status === 'duplicate' ? 'duplicate' : 'accepted',
        ...(data.recordNumber === undefined ? {} : { recordNumber: data.recordNumber }),
        ...(data.version === undefined ? {} : { version: data.version }),
      });
    }
    return outcomes;
  };
}

/** Read one page of a changes feed; storing nextCursor (outbox meta) is the caller's job. */
export async function fetchChanges(options: FetchChangesOptions): Promise<Result<ChangesPage, HttpError>> {
  const url = options.cursor === undefined ? options.url : `${options.url}${options.url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(options.cursor)}`;
  const answer = await call(options, url, 'GET');
  if (!answer.ok) {
    const { error } = answer.failure;
    const retryAfterMs = answer.failure.status === 'retry' ? answer.failure.retryAfterMs : undefined;
    return { ok: false, error: retryAfterMs === undefined ? error : { ...error, retryAfterMs } };
  }
  const parsed = z.safeParse(ChangesPage, answer.body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: malformed().error };
}
