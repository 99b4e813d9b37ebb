import { vi } from 'vitest';
import type { Settings } from '../../../widget/contract';

/*
 * A stand-in for the Echobox API behind `fetch`: records every request the widget makes and
 * answers with a handler, so tests assert what went over the wire.
 */

/** One request as the widget sent it. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A handler's answer: status and JSON body (or a thrown error for a network failure). */
export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** Install a fake global fetch; returns the request log and a way to change the handler. */
export function fakeApi(handler: (req: SentRequest) => Answer | Promise<Answer>) {
  const requests: SentRequest[] = [];
  let current = handler;
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const raw = init.body;
    const body = typeof raw === 'string' ? JSON.parse(raw) : raw;
    const req: SentRequest = { method: init.method ?? 'GET', url: String(input), headers, body };
    requests.push(req);
    const answer = await current(req);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json', ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchFn);
  return {
    requests,
    answer(next: typeof handler) {
      current = next;
    },
  };
}

/** A network failure, as fetch reports it. */
export const offline = (): never => {
  throw new TypeError('Failed to fetch');
};

/** The batch endpoint's answer accepting every item, numbering from `first`. */
export const acceptAll = (first = 1) => {
  let n = first;
  return (req: SentRequest): Answer => {
    if (!req.url.endsWith('/submissions/batch')) return { status: 201, body: { status: 'accepted' } };
    const items = (req.body as { items: { id: string }[] }).items;
    return { status: 200, body: { results: items.map((i) => ({ id: i.id, status: 'accepted', recordNumber: `WEB-20250930-${String(n++).padStart(3, '0')}`, version: 1 })) } };
  };
};

let counter = 0;
/** Settings of a widget with a site key of its own (so each test gets a fresh database). */
export const testSettings = (overrides: Partial<Settings> = {}): Settings => ({
  siteKey: `ebx_pk_test_${Date.now().toString(36)}_${counter++}`,
  api: 'https://echobox.example.test',
  locale: 'zh-CN',
  position: 'bottom-end',
  theme: 'auto',
  ...overrides,
});
