import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutbox, type Outbox, type OutboxChange } from '../../shared/sync/outbox';
import { freshName, makeEntry } from './fake-server';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const opened: Outbox[] = [];
const open = async (name = freshName(), random?: () => number) => {
  const outbox = await openOutbox(name, random ? { random } : {});
  opened.push(outbox);
  return outbox;
};
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

describe('openOutbox', () => {
  it('keeps entries durably: a second connection reads what put() resolved for', async () => {
    const name = freshName();
    const a = await open(name);
    const entry = makeEntry(T0);
    await a.put(entry);
    a.close();
    const b = await open(name);
    expect(await b.get(entry.id)).toEqual(entry);
  });

  it('lists by state and kind, oldest first, and counts by states', async () => {
    const o = await open();
    const first = makeEntry(T0);
    const second = makeEntry(T0, {}, 'record');
    const draft = { ...makeEntry(T0), state: 'draft' as const };
    for (const e of [first, second, draft]) await o.put(e);
    expect((await o.list()).map((e) => e.id)).toEqual([first.id, second.id, draft.id]);
    expect((await o.list({ state: 'queued' })).map((e) => e.id)).toEqual([first.id, second.id]);
    expect((await o.list({ kind: 'record' })).map((e) => e.id)).toEqual([second.id]);
    expect((await o.list({ kind: 'submission', state: 'draft' })).map((e) => e.id)).toEqual([draft.id]);
    expect(await o.count()).toBe(3);
    expect(await o.count(['queued', 'draft'])).toBe(3);
    expect(await o.count(['rejected'])).toBe(0);
  });

  it('removes only drafts, together with their blobs', async () => {
    const o = await open();
    const queued = makeEntry(T0);
    const draft = { ...makeEntry(T0), state: 'draft' as const, blobKeys: ['shot-1'] };
    await o.put(queued);
    await o.put(draft);
    await o.putBlob('shot-1', new NodeBlob(['png bytes'], { type: 'image/png' }) as unknown as Blob);
    expect(await o.remove(queued.id)).toBe(false);
    expect(await o.get(queued.id)).toEqual(queued);
    expect(await o.remove(draft.id)).toBe(true);
    expect(await o.get(draft.id)).toBeUndefined();
    expect(await o.getBlob('shot-1')).toBeUndefined();
  });

  it('stores blobs and meta values', async () => {
    const o = await open();
    await o.putBlob('shot', new NodeBlob(['png bytes'], { type: 'image/png' }) as unknown as Blob);
    const blob = await o.getBlob('shot');
    expect(await blob?.text()).toBe('png bytes');
    expect(blob?.type).toBe('image/png');
    await o.deleteBlob('shot');
    expect(await o.getBlob('shot')).toBeUndefined();
    await o.setMeta('changes-cursor', 'c-42');
    expect(await o.getMeta<string>('changes-cursor')).toBe('c-42');
    expect(await o.getMeta('missing')).toBeUndefined();
  });

  it('claims due entries only, marks them sending with a lease, and never hands one out twice', async () => {
    const o = await open();
    const due = makeEntry(T0);
    const later = { ...makeEntry(T0), nextAttemptAt: T0 + 5_000 };
    const draft = { ...makeEntry(T0), state: 'draft' as const };
    const other = makeEntry(T0, {}, 'satisfaction');
    for (const e of [due, later, draft, other]) await o.put(e);
    const claimed = await o.claim('submission', 10, T0, 30_000);
    expect(claimed.map((e) => e.id)).toEqual([due.id]);
    expect(await o.get(due.id)).toMatchObject({ state: 'sending', leaseUntil: T0 + 30_000 });
    expect(await o.claim('submission', 10, T0 + 1_000, 30_000)).toEqual([]);
    expect((await o.claim('submission', 10, T0 + 5_000, 30_000)).map((e) => e.id)).toEqual([later.id]);
  });

  it('respects the limit of a claim', async () => {
    const o = await open();
    const entries = Array.from({ length: 5 }, () => makeEntry(T0));
    for (const e of entries) await o.put(e);
    expect((await o.claim('submission', 3, T0, 1_000)).map((e) => e.id)).toEqual(entries.slice(0, 3).map((e) => e.id));
    expect((await o.claim('submission', 3, T0, 1_000)).map((e) => e.id)).toEqual(entries.slice(3).map((e) => e.id));
  });

  it('settles accepted to synced with the record number, rejected with the reason, retry with backoff', async () => {
    const o = await open(freshName(), () => 0.5);
    const [a, r, t] = [makeEntry(T0), makeEntry(T0), makeEntry(T0)];
    for (const e of [a, r, t]) await o.put(e);
    await o.claim('submission', 10, T0, 30_000);
    const error = { code: 'validation_failed' as const, message: 'The submission is invalid.' };
    await o.settle(
      [
        { id: a.id, status: 'accepted', recordNumber: 'SUP-20250303-001', version: 1 },
        { id: r.id, status: 'rejected', error },
        { id: t.id, status: 'retry', error: { code: 'network_error', message: 'Failed to fetch' } },
      ],
      T0 + 100,
    );
    expect(await o.get(a.id)).toMatchObject({ state: 'synced', result: { recordNumber: 'SUP-20250303-001', version: 1 } });
    expect((await o.get(a.id))?.leaseUntil).toBeUndefined();
    expect(await o.get(r.id)).toMatchObject({ state: 'rejected', error });
    expect(await o.get(t.id)).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: T0 + 100 + 500 });
  });

  it('keeps a consented contact on the device until the server has the record, then deletes it from the entry', async () => {
    const o = await open();
    const consentedContact = { consent: true, contact: { phone: '13987654321', email: 'zs@example.cn' }, locale: 'zh-CN' };
    const [sent, refused] = [makeEntry(T0, { contact: '139****4321', consentedContact }), makeEntry(T0, { consentedContact })];
    for (const e of [sent, refused]) await o.put(e);
    await o.claim('submission', 10, T0, 30_000);
    await o.settle(
      [
        { id: sent.id, status: 'accepted', recordNumber: 'SUP-20250303-001', version: 1 },
        { id: refused.id, status: 'rejected', error: { code: 'validation_failed', message: 'The submission is invalid.' } },
      ],
      T0 + 100,
    );
    const synced = await o.get(sent.id);
    expect(synced).toMatchObject({ state: 'synced', payload: { contact: '139****4321' } });
    expect(synced?.payload).not.toHaveProperty('consentedContact');
    // A refused one is corrected and sent again, so what the person consented to leave stays with it.
    expect((await o.get(refused.id))?.payload).toMatchObject({ consentedContact });
  });

  it('requeues a rejected entry with an edited payload and refuses synced or sending ones', async () => {
    const o = await open();
    const e = makeEntry(T0, { problem: '' });
    await o.put(e);
    await o.claim('submission', 1, T0, 30_000);
    expect(await o.requeue(e.id)).toBeUndefined(); // sending
    await o.settle([{ id: e.id, status: 'rejected', error: { code: 'validation_failed', message: 'x' } }], T0);
    const edited = { ...(e.payload as object), problem: 'Export fails with an empty file.' };
    const requeued = await o.requeue(e.id, edited, T0 + 10);
    expect(requeued).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: T0 + 10, payload: edited });
    expect(requeued?.error).toBeUndefined();
    await o.claim('submission', 1, T0 + 10, 30_000);
    await o.settle([{ id: e.id, status: 'accepted', recordNumber: 'SUP-20250303-002', version: 1 }], T0 + 20);
    expect(await o.requeue(e.id)).toBeUndefined(); // synced
    expect(await o.requeue('no-such-id')).toBeUndefined();
  });

  it('ignores a late failure for an entry that was meanwhile synced by another sender', async () => {
    const o = await open();
    const e = makeEntry(T0);
    await o.put(e);
    await o.claim('submission', 1, T0, 1_000);
    await o.claim('submission', 1, T0 + 2_000, 1_000); // lease expired, taken over
    await o.settle([{ id: e.id, status: 'accepted', recordNumber: 'SUP-20250303-003', version: 1 }], T0 + 2_100);
    await o.settle([{ id: e.id, status: 'retry', error: { code: 'timeout', message: 'slow' } }], T0 + 2_200);
    expect(await o.get(e.id)).toMatchObject({ state: 'synced', attempts: 0 });
  });

  it('reports the next due time and prunes old synced entries with their blobs', async () => {
    const o = await open();
    expect(await o.nextDueAt()).toBeUndefined();
    const a = { ...makeEntry(T0), nextAttemptAt: T0 + 9_000 };
    const b = { ...makeEntry(T0), blobKeys: ['shot-b'] };
    await o.put(a);
    await o.put(b);
    await o.putBlob('shot-b', new NodeBlob(['x']) as unknown as Blob);
    await o.claim('submission', 1, T0, 30_000); // b, lease until T0+30 000
    expect(await o.nextDueAt()).toBe(T0 + 9_000);
    await o.settle([{ id: b.id, status: 'accepted', recordNumber: 'SUP-20250303-004', version: 1 }], T0 + 1);
    expect(await o.prune(T0 + 1)).toBe(0);
    expect(await o.prune(T0 + 2)).toBe(1);
    expect(await o.get(b.id)).toBeUndefined();
    expect(await o.getBlob('shot-b')).toBeUndefined();
    expect(await o.get(a.id)).toBeDefined();
  });

  it('notifies subscribers in this page and in other tabs (another connection) of writes', async () => {
    const name = freshName();
    const here = await open(name);
    const there = await open(name);
    const local: OutboxChange[] = [];
    const remote: OutboxChange[] = [];
    here.subscribe((c) => local.push(c));
    const unsubscribe = there.subscribe((c) => remote.push(c));
    const e = makeEntry(T0);
    await here.put(e);
    await here.setMeta('cursor', 'c1');
    expect(local).toEqual([
      { store: 'entries', keys: [e.id], op: 'put' },
      { store: 'meta', keys: ['cursor'], op: 'put' },
    ]);
    await vi.waitFor(() => expect(remote).toEqual(local));
    unsubscribe();
    await here.put({ ...e, updatedAt: T0 + 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(remote).toHaveLength(2);
  });
});
