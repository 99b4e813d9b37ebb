import type { ErrorCode } from '../../shared/schemas/error-codes';
import type { ItemError } from '../../shared/schemas/sync';
import type { Outbox } from '../../shared/sync/outbox';
import type { OutboxEntry, SendOutcome, Transport } from '../../shared/sync/types';

/*
 * The widget's HTTP edge: fetch behind the shared outbox's Transport contract. It answers like
 * shared/sync/http.ts (retry on network errors, timeouts, 408, 429 and 5xx; conflict on 409;
 * rejected with the server's problem otherwise), except that an
 * unknown or not-yet-allowed site key is retried too (the saved feedback goes out once the site
 * owner fixes the setup, as error.unknown_site_key tells the person). It trusts the
 * shape of our own API's answers instead of parsing them with zod, which would cost the widget
 * more bytes than all of its UI.
 */

/** Where and as whom the widget talks to the API. */
export interface Endpoint {
  /** API origin, e.g. https://echobox.example.com. */
  api: string;
  siteKey: string;
  /** `x-echobox-reporter` value (`anon <secret>[, token <identity token>]`). */
  reporter(): string;
}

/** A request that did not produce a usable answer, in SendOutcome's vocabulary. */
export type Failure =
  | { status: 'retry'; error: ItemError; retryAfterMs?: number }
  | { status: 'rejected' | 'conflict'; error: ItemError };

/** A parsed answer, or why there is none. */
export type Reply<T = unknown> = { ok: true; body: T } | { ok: false; failure: Failure };

const TIMEOUT_MS = 20_000;

type Problem = { code?: unknown; title?: unknown; detail?: unknown; errors?: unknown };

const retry = (code: ErrorCode, message: string, retryAfterMs?: number): Failure => ({
  status: 'retry',
  error: { code, message },
  ...(retryAfterMs ? { retryAfterMs } : {}),
});

/** Send one request; never throws. */
export async function request<T = unknown>(url: string, init: RequestInit): Promise<Reply<T>> {
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    body = await res.json().catch(() => undefined);
  } catch (error) {
    const e = error as Error | null;
    return { ok: false, failure: e?.name === 'TimeoutError' ? retry('timeout', 'No answer in time.') : retry('network_error', String(e?.message ?? e)) };
  }
  if (res.ok) return { ok: true, body: body as T };
  const s = res.status;
  const p = (body ?? {}) as Problem;
  const code = typeof p.code === 'string' ? (p.code as ErrorCode) : undefined;
  const message = String(p.detail ?? p.title ?? `HTTP ${s}`).slice(0, 1000);
  // A site key that is unknown or not allowed here yet is the site owner's to fix: keep retrying.
  if (s === 408 || s === 429 || s >= 500 || (!code && s !== 413) || code === 'unknown_site_key' || code === 'origin_not_allowed') {
    const after = Number(res.headers.get('retry-after')) * 1000;
    return { ok: false, failure: retry(code ?? (s === 429 ? 'rate_limited' : s === 408 ? 'timeout' : 'internal'), message, after || undefined) };
  }
  const error: ItemError = { code: code ?? 'payload_too_large', message, ...(Array.isArray(p.errors) ? { errors: p.errors } : {}) };
  // Every 409 of the widget's routes is final: an id reused with another body, a survey closed or answered.
  return { ok: false, failure: { status: s === 409 ? 'conflict' : 'rejected', error } };
}

/** Headers of a widget request: site key, JSON body, and the reporter when reading or rating. */
export const headers = (ep: Endpoint, json: boolean, reporter = false): Record<string, string> => ({
  'x-echobox-site-key': ep.siteKey,
  ...(json ? { 'content-type': 'application/json' } : {}),
  ...(reporter ? { 'x-echobox-reporter': ep.reporter() } : {}),
});

const postJson = (ep: Endpoint, body: unknown, reporter = false): RequestInit => ({
  method: 'POST',
  headers: headers(ep, true, reporter),
  body: JSON.stringify(body),
});

/** Upload an entry's screenshots (content-addressed, so a retry uploads the same bytes harmlessly). */
async function uploadBlobs(ep: Endpoint, outbox: Outbox, entry: OutboxEntry): Promise<Failure | undefined> {
  for (const key of entry.blobKeys ?? []) {
    const blob = await outbox.getBlob(key);
    if (!blob) continue;
    const reply = await request(`${ep.api}/api/v1/public/attachments`, {
      method: 'POST',
      headers: { ...headers(ep, false), 'content-type': blob.type },
      body: blob,
    });
    if (!reply.ok) return reply.failure;
  }
  return undefined;
}

type BatchResult =
  | { id: string; status: 'accepted' | 'duplicate'; recordNumber?: string; version?: number }
  | { id: string; status: 'rejected'; error: ItemError };

/** Submissions: screenshots first, then one batch request answered item by item. */
export function submissionTransport(ep: Endpoint, outbox: Outbox): Transport {
  return async (entries) => {
    const outcomes: SendOutcome[] = [];
    const ready: OutboxEntry[] = [];
    for (const entry of entries) {
      const failure = await uploadBlobs(ep, outbox, entry);
      if (failure) outcomes.push({ id: entry.id, ...failure });
      else ready.push(entry);
    }
    if (ready.length === 0) return outcomes;
    const reply = await request<{ results?: BatchResult[] }>(
      `${ep.api}/api/v1/public/submissions/batch`,
      postJson(ep, { items: ready.map((e) => e.payload) }),
    );
    if (!reply.ok) return outcomes.concat(ready.map((e) => ({ id: e.id, ...reply.failure })));
    const byId = new Map((reply.body.results ?? []).map((r) => [r.id, r]));
    for (const { id } of ready) {
      const r = byId.get(id);
      outcomes.push(
        !r
          ? { id, ...retry('internal', 'No answer for this item.') }
          : r.status === 'rejected'
            ? { id, status: r.error.code === 'idempotency_conflict' ? 'conflict' : 'rejected', error: r.error }
            : { id, status: r.status, ...(r.recordNumber ? { recordNumber: r.recordNumber } : {}), ...(r.version ? { version: r.version } : {}) },
      );
    }
    return outcomes;
  };
}

/** One request per entry (survey responses, ratings); any 2xx is accepted. */
export function singleTransport(ep: Endpoint, url: (entry: OutboxEntry) => string, body: (entry: OutboxEntry) => unknown = (e) => e.payload): Transport {
  return async (entries) => {
    const outcomes: SendOutcome[] = [];
    for (const entry of entries) {
      const reply = await request<{ status?: string }>(url(entry), postJson(ep, body(entry), true));
      if (reply.ok) {
        outcomes.push({ id: entry.id, status: reply.body?.status === 'duplicate' ? 'duplicate' : 'accepted' });
      } else if (reply.failure.status === 'retry') {
        // The server or network is down for this request, so it is for the rest too.
        return outcomes.concat(entries.slice(outcomes.length).map((e) => ({ id: e.id, ...reply.failure })));
      } else {
        outcomes.push({ id: entry.id, ...reply.failure });
      }
    }
    return outcomes;
  };
}
