import { describe, expect, it } from 'vitest';
import { uploadThenBatch } from '../../shared/sync/outcomes';
import type { ApiFailure } from '../../shared/sync/request';
import type { OutboxEntry, SendOutcome } from '../../shared/sync/types';

const entry = (id: string, blobKeys: string[] = [`shot-${id}`]): OutboxEntry =>
  ({ id, kind: 'record', state: 'queued', payload: { id }, blobKeys, attempts: 0, createdAt: 0, updatedAt: 0, nextAttemptAt: 0 }) as unknown as OutboxEntry;

const accepted = async (ready: OutboxEntry[]): Promise<SendOutcome[]> => ready.map((e) => ({ id: e.id, status: 'accepted' as const }));

describe('uploadThenBatch (widget submissions and extension records)', () => {
  it('sends the entries whose uploads went through as one batch; a refused upload answers its entry alone', async () => {
    const uploads: string[] = [];
    const batches: string[][] = [];
    const refused: ApiFailure = { kind: 'problem', status: 415, code: 'unsupported_media_type', detail: 'no', retry: false };
    const outcomes = await uploadThenBatch(
      [entry('a'), entry('b'), entry('c')],
      async (e) => {
        uploads.push(e.id);
        return e.id === 'b' ? refused : undefined;
      },
      async (ready) => {
        batches.push(ready.map((e) => e.id));
        return accepted(ready);
      },
    );
    expect(uploads).toEqual(['a', 'b', 'c']);
    expect(batches).toEqual([['a', 'c']]);
    expect(outcomes).toEqual([
      { id: 'b', status: 'rejected', error: { code: 'unsupported_media_type', message: 'no' } },
      { id: 'a', status: 'accepted' },
      { id: 'c', status: 'accepted' },
    ]);
  });

  it('stops uploading at an upload to retry: later entries with blobs wait with the same Retry-After, the others are sent', async () => {
    const uploads: string[] = [];
    const busy: ApiFailure = { kind: 'problem', status: 429, code: 'rate_limited', detail: 'busy', retry: true, retryAfterMs: 5_000 };
    const waiting = { status: 'retry', error: { code: 'rate_limited', message: 'busy' }, retryAfterMs: 5_000 };
    const outcomes = await uploadThenBatch(
      [entry('a'), entry('b'), entry('c'), entry('d', [])],
      async (e) => {
        uploads.push(e.id);
        return e.id === 'b' ? busy : undefined;
      },
      accepted,
    );
    expect(uploads).toEqual(['a', 'b', 'd']);
    expect(outcomes).toEqual([
      { id: 'b', ...waiting },
      { id: 'c', ...waiting },
      { id: 'a', status: 'accepted' },
      { id: 'd', status: 'accepted' },
    ]);
  });

  it('makes no batch request when nothing is ready', async () => {
    let batched = false;
    const outcomes = await uploadThenBatch(
      [entry('a')],
      async (): Promise<ApiFailure> => ({ kind: 'problem', status: 413, code: 'payload_too_large', detail: 'big', retry: false }),
      async (ready) => {
        batched = true;
        return accepted(ready);
      },
    );
    expect(batched).toBe(false);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected']);
  });
});
