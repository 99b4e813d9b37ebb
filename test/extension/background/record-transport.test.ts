// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openOutbox, type Outbox, type OutboxEntry } from '../../../shared/sync';
import { recordTransport } from '../../../extension/background/record-transport';

const SERVER = 'https://echobox.example.test';
let outbox: Outbox | undefined;
afterEach(() => outbox?.close());

const entry = (blobKeys: string[] = []): OutboxEntry => {
  const id = uuidv7();
  return { id, kind: 'record', payload: { id }, state: 'sending', attempts: 0, nextAttemptAt: 0, createdAt: 0, updatedAt: 0, blobKeys };
};

/** The transport against a server that answers every screenshot upload with `upload`. */
async function transportWith(upload: () => Response) {
  outbox = await openOutbox(`record-transport-${uuidv7()}`);
  await outbox.putBlob('shot', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }));
  const seen: string[] = [];
  const fetchFn = (async (input: RequestInfo | URL) => {
    seen.push(String(input));
    return String(input).endsWith('/attachments') ? upload() : new Response(JSON.stringify({ results: [] }), { status: 200 });
  }) as typeof fetch;
  return { send: recordTransport(outbox, async () => ({ serverUrl: SERVER, token: 'ebx_st_token', fetch: fetchFn })), seen };
}

describe('the extension’s record transport', () => {
  it('keeps the records of an upload the server is too busy for, waiting as long as its Retry-After says', async () => {
    const { send, seen } = await transportWith(() => new Response('', { status: 503, headers: { 'retry-after': '30' } }));
    const [first, second, third] = [entry(['shot']), entry(['shot']), entry()];
    const outcomes = await send([first, second, third]);
    const busy = { status: 'retry', error: { code: 'internal', message: 'HTTP 503' }, retryAfterMs: 30_000 };
    expect(outcomes.slice(0, 2)).toEqual([
      { id: first.id, ...busy },
      { id: second.id, ...busy },
    ]);
    // No other upload is tried; the record without a screenshot still goes out.
    expect(seen).toEqual([`${SERVER}/api/v1/attachments`, `${SERVER}/api/v1/records/batch`]);
  });

  it('refuses the record of a screenshot the server will never take, and sends the others', async () => {
    const problem = { type: 'about:blank', title: 'Too large', status: 413, code: 'payload_too_large', detail: 'At most 5 MB.' };
    const { send, seen } = await transportWith(() => new Response(JSON.stringify(problem), { status: 413, headers: { 'content-type': 'application/problem+json' } }));
    const [first, second] = [entry(['shot']), entry()];
    const outcomes = await send([first, second]);
    expect(outcomes[0]).toEqual({ id: first.id, status: 'rejected', error: { code: 'payload_too_large', message: 'At most 5 MB.' } });
    expect(seen).toEqual([`${SERVER}/api/v1/attachments`, `${SERVER}/api/v1/records/batch`]);
  });
});
