import { v7 as uuidv7 } from 'uuid';
import type { OutboxEntry, OutboxKind } from '../../shared/sync/types';

/** What the fake API answers the next request with, instead of handling it (then it goes back to normal). */
export type Override =
  | { kind: 'offline' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number; body?: unknown; text?: string; headers?: Record<string, string> };

/** One request that reached the fake server. */
export interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

const problem = (status: number, code: string, title: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: { type: 'about:blank', title, status, code, ...extra },
  headers: { 'content-type': 'application/problem+json' },
});

/**
 * A tiny stand-in for the batch API (server/routes/public-records.ts): per-item results,
 * idempotent by id (same body → duplicate, other body → idempotency_conflict), items without a
 * `problem` text rejected with validation_failed, a site key checked on every request.
 */
export function createFakeServer(options: { delayMs?: number; siteKey?: string } = {}) {
  const stored = new Map<string, { body: string; recordNumber: string }>();
  const seen: Seen[] = [];
  const overrides: Override[] = [];
  let offline = false;
  let seq = 0;

  const respond = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

  const handle = (item: { id: string; problem?: unknown }) => {
    const body = JSON.stringify(item);
    const before = stored.get(item.id);
    if (before) {
      return before.body === body
        ? { id: item.id, status: 'duplicate', recordNumber: before.recordNumber, version: 1 }
        : { id: item.id, status: 'rejected', error: { code: 'idempotency_conflict', message: 'This id was used with a different body.' } };
    }
    if (typeof item.problem !== 'string' || item.problem.trim() === '') {
      return {
        id: item.id,
        status: 'rejected',
        error: {
          code: 'validation_failed',
          message: 'The submission is invalid.',
          errors: [{ path: ['problem'], code: 'too_small', message: 'Too small: at least 1', limit: 1 }],
        },
      };
    }
    seq += 1;
    const recordNumber = `SUP-20250301-${String(seq).padStart(3, '0')}`;
    stored.set(item.id, { body, recordNumber });
    return { id: item.id, status: 'accepted', recordNumber, version: 1 };
  };

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const signal = init.signal ?? undefined;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const override = overrides.shift();
    if (offline || override?.kind === 'offline') throw new TypeError('Failed to fetch');
    if (override?.kind === 'hang') {
      return new Promise<Response>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    }
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    seen.push({ url: String(input), method: init.method ?? 'GET', headers, body });
    if (override?.kind === 'status') {
      return respond(override.status, override.text ?? override.body, { 'content-type': 'application/json', ...override.headers });
    }
    if (options.siteKey && headers['x-echobox-site-key'] !== options.siteKey) {
      const p = problem(401, 'unknown_site_key', 'Unknown site key');
      return respond(p.status, p.body, p.headers);
    }
    const items = (body as { items: { id: string }[] }).items;
    return respond(200, { results: items.map(handle) });
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    stored,
    seen,
    /** Every item id the server received, in order, with repeats. */
    receivedIds: () => seen.flatMap((s) => ((s.body as { items?: { id: string }[] })?.items ?? []).map((i) => i.id)),
    next: (...o: Override[]) => void overrides.push(...o),
    setOffline: (value: boolean) => void (offline = value),
    problem,
  };
}

/** A queued outbox entry carrying a submission-like payload with the entry's id. */
export function makeEntry(now: number, payload: Record<string, unknown> = {}, kind: OutboxKind = 'submission'): OutboxEntry {
  const id = uuidv7();
  return {
    id,
    kind,
    payload: { id, problem: 'The export button does nothing on Safari.', ...payload },
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

let counter = 0;
/** A fresh database name per test, so tests never see each other's entries. */
export const freshName = () => `outbox-test-${Date.now()}-${counter++}`;
