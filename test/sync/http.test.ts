import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchTransport, fetchChanges, parseRetryAfter, singleTransport } from '../../shared/sync/http';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffCeiling, backoffDelay } from '../../shared/sync/backoff';
import { createFakeServer, makeEntry } from './fake-server';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const URL_BATCH = 'https://api.example.test/v1/public/submissions/batch';

const reply = (status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch =>
  async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

const problem = (status: number, code: string, title: string, detail?: string) => ({
  type: 'about:blank',
  title,
  status,
  code,
  ...(detail ? { detail } : {}),
});

describe('batchTransport', () => {
  it('posts the payloads with the headers of the moment and maps per-item results', async () => {
    const server = createFakeServer({ siteKey: 'pk_live_shop' });
    const send = batchTransport({
      url: URL_BATCH,
      fetch: server.fetch,
      headers: async () => ({ 'x-echobox-site-key': 'pk_live_shop' }),
    });
    const ok = makeEntry(T0);
    const bad = makeEntry(T0, { problem: '' });
    const outcomes = await send([ok, bad]);
    expect(server.seen[0]).toMatchObject({
      method: 'POST',
      url: URL_BATCH,
      body: { items: [ok.payload, bad.payload] },
      headers: { 'content-type': 'application/json', 'x-echobox-site-key': 'pk_live_shop' },
    });
    expect(outcomes).toEqual([
      { id: ok.id, status: 'accepted', recordNumber: 'SUP-20250301-001', version: 1 },
      { id: bad.id, status: 'rejected', error: expect.objectContaining({ code: 'validation_failed' }) },
    ]);
    expect(await send([ok])).toEqual([{ id: ok.id, status: 'duplicate', recordNumber: 'SUP-20250301-001', version: 1 }]);
  });

  it.each([
    [403, 'origin_not_allowed', 'Origin not allowed'],
    [401, 'unknown_site_key', 'Unknown site key'],
    [413, 'payload_too_large', 'Payload too large'],
    [400, 'invalid_json', 'Invalid JSON'],
  ])('rejects every item on a %i problem (%s)', async (status, code, title) => {
    const send = batchTransport({ url: URL_BATCH, fetch: reply(status, problem(status, code, title, `${title}.`)) });
    const [a, b] = [makeEntry(T0), makeEntry(T0)];
    expect(await send([a, b])).toEqual([
      { id: a.id, status: 'rejected', error: { code, message: `${title}.` } },
      { id: b.id, status: 'rejected', error: { code, message: `${title}.` } },
    ]);
  });

  it('rejects on a 413 page from a proxy, but retries other 4xx bodies that are not problems', async () => {
    const e = makeEntry(T0);
    expect(await batchTransport({ url: URL_BATCH, fetch: reply(413, '<html>too big</html>') })([e])).toEqual([
      { id: e.id, status: 'rejected', error: { code: 'payload_too_large', message: 'HTTP 413' } },
    ]);
    expect(await batchTransport({ url: URL_BATCH, fetch: reply(404, '<html>not found</html>') })([e])).toMatchObject([
      { id: e.id, status: 'retry', error: { code: 'internal' } },
    ]);
  });

  it.each([
    ['a network error', (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch, 'network_error'],
    ['a 500', reply(500, problem(500, 'internal', 'Internal error')), 'internal'],
    ['a 502 page', reply(502, '<html>bad gateway</html>'), 'internal'],
    ['a 408', reply(408, ''), 'timeout'],
    ['a 429', reply(429, problem(429, 'rate_limited', 'Too many requests'), { 'retry-after': '30' }), 'rate_limited'],
    ['a 200 that is not JSON', reply(200, 'OK'), 'internal'],
    ['a 3xx that was not followed', reply(300, ''), 'internal'],
    ['a 200 of the wrong shape', reply(200, { results: [{ id: 'x', status: 'maybe' }] }), 'internal'],
  ])('retries every item after %s', async (_name, fetchFn, code) => {
    const [a, b] = [makeEntry(T0), makeEntry(T0)];
    const outcomes = await batchTransport({ url: URL_BATCH, fetch: fetchFn })([a, b]);
    expect(outcomes.map((o) => [o.id, o.status, 'error' in o ? o.error.code : undefined])).toEqual([
      [a.id, 'retry', code],
      [b.id, 'retry', code],
    ]);
  });

  it('passes the Retry-After of a 429 or 503 on', async () => {
    const e = makeEntry(T0);
    const [limited] = await batchTransport({
      url: URL_BATCH,
      fetch: reply(429, problem(429, 'rate_limited', 'Too many requests'), { 'retry-after': '30' }),
    })([e]);
    expect(limited).toMatchObject({ status: 'retry', retryAfterMs: 30_000 });
    const [unavailable] = await batchTransport({ url: URL_BATCH, fetch: reply(503, '', { 'retry-after': '5' }) })([e]);
    expect(unavailable).toMatchObject({ status: 'retry', retryAfterMs: 5_000 });
  });

  it('retries an item the response does not answer and answers items in request order', async () => {
    const [a, b] = [makeEntry(T0), makeEntry(T0)];
    const body = { results: [{ id: b.id, status: 'accepted', recordNumber: 'SUP-20250303-009', version: 1 }] };
    expect(await batchTransport({ url: URL_BATCH, fetch: reply(200, body) })([a, b])).toMatchObject([
      { id: a.id, status: 'retry', error: { code: 'internal' } },
      { id: b.id, status: 'accepted', recordNumber: 'SUP-20250303-009' },
    ]);
  });

  it('gives up on a request after timeoutMs and answers retry with timeout', async () => {
    const server = createFakeServer();
    server.next({ kind: 'hang' });
    const e = makeEntry(T0);
    expect(await batchTransport({ url: URL_BATCH, fetch: server.fetch, timeoutMs: 30 })([e])).toMatchObject([
      { id: e.id, status: 'retry', error: { code: 'timeout' } },
    ]);
  });
});

describe('singleTransport', () => {
  const url = (e: { payload: unknown }) => `https://api.example.test/v1/public/records/${(e.payload as { recordId: string }).recordId}/satisfaction`;

  it('posts each payload to its own url; 200 and 201 are accepted', async () => {
    const calls: [string, unknown][] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      calls.push([String(input), JSON.parse(String(init?.body))]);
      return calls.length === 1
        ? new Response(JSON.stringify({ change: { recordId: 'r1' } }), { status: 200 })
        : new Response(JSON.stringify({ id: 'x', status: 'accepted', recordNumber: 'SUP-20250303-010', version: 1 }), { status: 201 });
    };
    const a = makeEntry(T0, { recordId: 'r1', rating: 'satisfied' }, 'satisfaction');
    const b = makeEntry(T0, { recordId: 'r2', rating: 'neutral' }, 'satisfaction');
    const outcomes = await singleTransport({ url, fetch: fetchFn })([a, b]);
    expect(calls.map((c) => c[0])).toEqual([url(a), url(b)]);
    expect(calls[0]![1]).toEqual(a.payload);
    expect(outcomes).toEqual([
      { id: a.id, status: 'accepted' },
      { id: b.id, status: 'accepted', recordNumber: 'SUP-20250303-010', version: 1 },
    ]);
  });

  it('rejects one item on its own problem and stops at a transport failure, retrying the rest', async () => {
    let n = 0;
    const fetchFn: typeof fetch = async () => {
      n += 1;
      if (n === 1) return new Response(JSON.stringify(problem(404, 'not_found', 'Not found', 'The record was not found.')), { status: 404 });
      throw new TypeError('Failed to fetch');
    };
    const entries = [1, 2, 3].map((i) => makeEntry(T0, { recordId: `r${i}` }, 'satisfaction'));
    const outcomes = await singleTransport({ url, fetch: fetchFn })(entries);
    expect(n).toBe(2);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'retry', 'retry']);
    expect(outcomes[0]).toMatchObject({ error: { code: 'not_found', message: 'The record was not found.' } });
  });
});

describe('fetchChanges', () => {
  const change = {
    recordId: '0195a0a0-0000-7000-8000-000000000001',
    recordNumber: 'SUP-20250303-001',
    status: 'done',
    validity: 'valid',
    version: 5,
    changedAt: '2025-03-04T10:00:00.000Z',
    cycle: 1,
    lastCommunication: null,
    satisfaction: null,
    satisfactionRequested: true,
  };

  it('reads a page with the cursor and returns it parsed', async () => {
    const urls: string[] = [];
    const fetchFn: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ items: [change], nextCursor: '17', hasMore: false }), { status: 200 });
    };
    const page = await fetchChanges({ url: 'https://api.example.test/v1/public/updates', cursor: '12', fetch: fetchFn });
    expect(urls).toEqual(['https://api.example.test/v1/public/updates?cursor=12']);
    expect(page).toEqual({ ok: true, value: { items: [change], nextCursor: '17', hasMore: false } });
    await fetchChanges({ url: 'https://api.example.test/v1/public/updates?siteKey=pk', fetch: fetchFn });
    expect(urls[1]).toBe('https://api.example.test/v1/public/updates?siteKey=pk');
  });

  it('fails with a typed error on a problem, a malformed page or rate limiting', async () => {
    expect(await fetchChanges({ url: 'https://x.test/u', fetch: reply(401, problem(401, 'unknown_site_key', 'Unknown site key')) })).toEqual({
      ok: false,
      error: { kind: 'problem', status: 401, code: 'unknown_site_key', detail: 'Unknown site key', retry: false },
    });
    expect(await fetchChanges({ url: 'https://x.test/u', fetch: reply(200, { items: 'nope' }) })).toMatchObject({
      ok: false,
      error: { kind: 'malformed', code: 'internal', retry: true },
    });
    expect(
      await fetchChanges({ url: 'https://x.test/u', fetch: reply(429, problem(429, 'rate_limited', 'Slow down'), { 'retry-after': '7' }) }),
    ).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: 7_000 } });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Mon, 03 Mar 2025 09:01:00 GMT', T0)).toBe(60_000);
    expect(parseRetryAfter('Mon, 03 Mar 2025 08:00:00 GMT', T0)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('starts at the base, doubles and is capped', () => {
    expect(backoffCeiling(1)).toBe(BACKOFF_BASE_MS);
    expect(backoffCeiling(2)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffCeiling(9)).toBe(256 * BACKOFF_BASE_MS);
    expect(backoffCeiling(10)).toBe(BACKOFF_CAP_MS);
    expect(backoffCeiling(1_000_000)).toBe(BACKOFF_CAP_MS);
  });

  it('stays within [0, ceiling) for any jitter, and never under Retry-After (up to an hour)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 1, max: 10 * 60 * 60_000 }), { nil: undefined }),
        (attempts, r, retryAfter) => {
          const delay = backoffDelay(attempts, retryAfter, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.min(retryAfter ?? 0, 60 * 60_000));
          if (retryAfter === undefined) expect(delay).toBeLessThan(backoffCeiling(attempts));
          expect(delay).toBeLessThanOrEqual(Math.max(backoffCeiling(attempts), 60 * 60_000));
        },
      ),
    );
  });

  it('spreads retries: different jitter gives different delays', () => {
    expect(backoffDelay(5, undefined, () => 0)).toBe(0);
    expect(backoffDelay(5, undefined, () => 0.5)).toBe(8_000);
  });
});
