import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordChange } from '../../../shared/schemas/sync';
import { openStore, META, type Store } from '../../../widget/box/store';
import { createUpdatesModel, isNews } from '../../../widget/updates/updates-model';
import { fakeApi, testSettings } from '../support/fake-api';

/* Closing the loop on the device: the reporter's changes feed, an inbox of news, ratings through the outbox. */

const T0 = Date.UTC(2025, 9, 10, 9, 0, 0);
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  vi.unstubAllGlobals();
});

const change = (n: number, over: Partial<RecordChange> = {}): RecordChange => ({
  recordId: `01927b3e-7c1a-7000-8000-0000000000${String(n).padStart(2, '0')}`,
  recordNumber: `WEB-20250930-00${n}`,
  status: 'pending_analysis',
  validity: 'unscreened',
  version: 1,
  changedAt: '2025-09-30T09:00:00.000Z',
  cycle: 1,
  lastCommunication: null,
  satisfaction: null,
  satisfactionRequested: false,
  ...over,
});

async function storeFor(handler: Parameters<typeof fakeApi>[0]) {
  const api = fakeApi(handler);
  const store = await openStore(testSettings(), () => undefined, () => T0);
  await store.engine.flush();
  store.engine.stop();
  stores.push(store);
  return { api, store };
}

describe('updates', () => {
  it('tells news from a record that was only received', () => {
    expect(isNews(change(1))).toBe(false);
    expect(isNews(change(1, { status: 'in_progress' }))).toBe(true);
    expect(isNews(change(1, { lastCommunication: { kind: 'adopted', message: '已收录', at: '2025-10-01T00:00:00.000Z' } }))).toBe(true);
  });

  it('reads the feed with the reporter secret, pages on, and keeps the cursor for next time', async () => {
    const done = change(2, { status: 'done', validity: 'valid', version: 5, satisfactionRequested: true });
    const { api, store } = await storeFor((req) =>
      req.url.includes('cursor=7') ? { status: 200, body: { items: [done], nextCursor: '9', hasMore: false } } : { status: 200, body: { items: [change(1), change(3, { status: 'in_progress' })], nextCursor: '7', hasMore: true } },
    );
    const model = createUpdatesModel(store, () => T0);
    expect(await model.poll()).toBe(true);
    expect(api.requests.map((r) => r.url)).toEqual([
      'https://echobox.example.test/api/v1/public/updates',
      'https://echobox.example.test/api/v1/public/updates?cursor=7',
    ]);
    const secret = await store.outbox.getMeta<string>(META.secret);
    expect(api.requests[0]!.headers['x-echobox-reporter']).toBe(`anon ${secret}`);
    expect(model.items.value.map((c) => c.recordNumber)).toEqual(['WEB-20250930-003', 'WEB-20250930-002']);
    expect(await store.outbox.getMeta(META.cursor)).toBe('9');
  });

  it('queues a rating (comment masked) and keeps unanswered rating requests after the card is closed', async () => {
    const ask = change(4, { status: 'done', satisfactionRequested: true });
    const told = change(5, { status: 'in_progress', lastCommunication: { kind: 'adopted', message: '已收录', expectedVersion: '2.4', at: '2025-10-01T00:00:00.000Z' } });
    const { store } = await storeFor(() => ({ status: 200, body: { items: [ask, told], nextCursor: '3', hasMore: false } }));
    const model = createUpdatesModel(store, () => T0);
    await model.poll();
    await model.dismiss();
    expect(model.items.value.map((c) => c.recordId)).toEqual([ask.recordId]);

    await model.rate(ask.recordId, 'dissatisfied', '还是很慢,请打 13812345678 联系我');
    const [entry] = await store.outbox.list({ kind: 'satisfaction' });
    expect(entry).toMatchObject({ state: 'queued', payload: { recordId: ask.recordId, body: { rating: 'dissatisfied', comment: '还是很慢,请打 138****5678 联系我' } } });
    expect(model.rated.value).toEqual({ [ask.recordId]: 'dissatisfied' });
    await model.dismiss();
    expect(model.items.value).toEqual([]);
    expect(await store.outbox.getMeta(META.inbox)).toEqual([]);
  });
});
