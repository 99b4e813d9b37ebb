import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutbox } from '../../../shared/sync/outbox';
import type { OutboxEntry } from '../../../shared/sync/types';
import { isConflict } from '../../../shared/sync/request';
import { request, singleTransport, submissionTransport, type Endpoint } from '../../../widget/box/net';
import { fakeApi, offline } from '../support/fake-api';

const ep: Endpoint = { api: 'https://echobox.example.test', siteKey: 'ebx_pk_test_0001', reporter: () => 'anon s3cret-s3cret-s3cret' };
const entry = (id: string, payload: unknown = { id }, blobKeys?: string[]): OutboxEntry => ({
  id,
  kind: 'submission',
  payload,
  state: 'sending',
  attempts: 0,
  nextAttemptAt: 0,
  createdAt: 0,
  updatedAt: 0,
  ...(blobKeys ? { blobKeys } : {}),
});

afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('answers in the one failure union: a problem with its retry decision and field issues, a page, no answer', async () => {
    const api = fakeApi(() => ({ status: 429, body: { type: 'about:blank', title: 'Too many', status: 429, code: 'rate_limited' }, headers: { 'retry-after': '7' } }));
    expect(await request('https://x.test/a', {})).toEqual({
      ok: false,
      failure: { kind: 'problem', status: 429, code: 'rate_limited', detail: 'Too many', retry: true, retryAfterMs: 7000 },
    });
    api.answer(() => ({ status: 400, body: { title: 'Invalid', status: 400, code: 'validation_failed', errors: [{ path: ['problem'], code: 'too_small', message: 'x' }] } }));
    expect(await request('https://x.test/a', {})).toEqual({
      ok: false,
      failure: { kind: 'problem', status: 400, code: 'validation_failed', detail: 'Invalid', retry: false, errors: [{ path: ['problem'], code: 'too_small', message: 'x' }] },
    });
    api.answer(() => ({ status: 409, body: { title: 'Conflict', status: 409, code: 'idempotency_conflict' } }));
    const conflict = await request('https://x.test/a', {});
    expect(!conflict.ok && isConflict(conflict.failure)).toBe(true);
    api.answer(() => ({ status: 502 }));
    expect(await request('https://x.test/a', {})).toMatchObject({ ok: false, failure: { kind: 'http', status: 502, code: 'internal', retry: true } });
    api.answer(offline);
    expect(await request('https://x.test/a', {})).toMatchObject({ ok: false, failure: { kind: 'network', code: 'network_error', retry: true } });
    // A redirect fetch could not follow (no Location) never counts as the server taking the request.
    api.answer(() => ({ status: 300 }));
    expect(await request('https://x.test/a', {})).toMatchObject({ ok: false, failure: { kind: 'http', code: 'internal', detail: 'HTTP 300', retry: true } });
    api.answer(() => ({ status: 200, body: { fine: true } }));
    expect(await request('https://x.test/a', {})).toMatchObject({ ok: true, status: 200, body: { fine: true } });
  });

  it('keeps retrying while the site key is unknown or the page origin not allowed yet (the site owner’s to fix)', async () => {
    const api = fakeApi(() => ({ status: 403, body: { type: 'about:blank', title: 'Unknown site key', status: 403, code: 'unknown_site_key' } }));
    expect(await request('https://x.test/a', {})).toEqual({
      ok: false,
      failure: { kind: 'problem', status: 403, code: 'unknown_site_key', detail: 'Unknown site key', retry: true },
    });
    api.answer(() => ({ status: 403, body: { type: 'about:blank', title: 'Origin not allowed', status: 403, code: 'origin_not_allowed' } }));
    expect(await request('https://x.test/a', {})).toMatchObject({ ok: false, failure: { code: 'origin_not_allowed', retry: true } });
    api.answer(() => ({ status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden' } }));
    expect(await request('https://x.test/a', {})).toMatchObject({ ok: false, failure: { code: 'forbidden', retry: false } });
  });
});

describe('submissionTransport', () => {
  it('uploads a screenshot before the batch and answers each item on its own', async () => {
    const outbox = await openOutbox(`net-${Math.random()}`);
    await outbox.putBlob('shot-1', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }));
    const api = fakeApi((req) =>
      req.url.endsWith('/attachments')
        ? { status: 201, body: { sha256: 'x' } }
        : {
            status: 200,
            body: {
              results: [
                { id: 'a', status: 'accepted', recordNumber: 'WEB-20250930-001', version: 1 },
                { id: 'b', status: 'rejected', error: { code: 'validation_failed', message: 'bad' } },
              ],
            },
          },
    );
    const outcomes = await submissionTransport(ep, outbox)([entry('a', { id: 'a' }, ['shot-1']), entry('b')]);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://echobox.example.test/api/v1/public/attachments',
      'POST https://echobox.example.test/api/v1/public/submissions/batch',
    ]);
    expect(api.requests[0]!.headers).toMatchObject({ 'content-type': 'image/png', 'x-echobox-site-key': 'ebx_pk_test_0001' });
    expect(api.requests[1]!.body).toEqual({ items: [{ id: 'a' }, { id: 'b' }] });
    expect(api.requests[1]!.headers).not.toHaveProperty('x-echobox-reporter');
    expect(outcomes).toEqual([
      { id: 'a', status: 'accepted', recordNumber: 'WEB-20250930-001', version: 1 },
      { id: 'b', status: 'rejected', error: { code: 'validation_failed', message: 'bad' } },
    ]);
    outbox.close();
  });

  it('keeps an item whose screenshot could not be uploaded, and sends the others', async () => {
    const outbox = await openOutbox(`net-${Math.random()}`);
    await outbox.putBlob('shot-2', new Blob(['x'], { type: 'image/png' }));
    fakeApi((req) => (req.url.endsWith('/attachments') ? { status: 503 } : { status: 200, body: { results: [{ id: 'b', status: 'duplicate', recordNumber: 'WEB-20250930-002', version: 1 }] } }));
    const outcomes = await submissionTransport(ep, outbox)([entry('a', { id: 'a' }, ['shot-2']), entry('b')]);
    expect(outcomes).toEqual([
      { id: 'a', status: 'retry', error: { code: 'internal', message: 'HTTP 503' } },
      { id: 'b', status: 'duplicate', recordNumber: 'WEB-20250930-002', version: 1 },
    ]);
    outbox.close();
  });
});

describe('singleTransport', () => {
  it('sends each entry with the reporter and stops at the first transport failure', async () => {
    let n = 0;
    const api = fakeApi(() => (n++ === 0 ? { status: 200, body: { change: {} } } : offline()));
    const send = singleTransport(ep, (e) => `${ep.api}/r/${e.id}`, (e) => ({ body: e.id }));
    const outcomes = await send([entry('a'), entry('b'), entry('c')]);
    expect(outcomes.map((o) => `${o.id}:${o.status}`)).toEqual(['a:accepted', 'b:retry', 'c:retry']);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[0]).toMatchObject({ url: 'https://echobox.example.test/r/a', body: { body: 'a' }, headers: { 'x-echobox-reporter': 'anon s3cret-s3cret-s3cret' } });
  });
});
