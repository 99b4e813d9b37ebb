import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutbox, type Outbox } from '../../shared/sync/outbox';
import { createSyncEngine, type LockManagerLike, type SyncEngine } from '../../shared/sync/engine';
import { batchTransport, singleTransport } from '../../shared/sync/http';
import { BACKOFF_CAP_MS } from '../../shared/sync/backoff';
import { createFakeServer, freshName, makeEntry } from './fake-server';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const URL_BATCH = 'https://api.example.test/v1/public/submissions/batch';
const opened: Outbox[] = [];
const engines: SyncEngine[] = [];
const open = async (name = freshName(), random?: () => number) => {
  const outbox = await openOutbox(name, random ? { random } : {});
  opened.push(outbox);
  return outbox;
};
afterEach(() => {
  for (const e of engines.splice(0)) e.stop();
  for (const o of opened.splice(0)) o.close();
});

/** A clock the test moves by hand. */
const clock = (start = T0) => {
  let t = start;
  return { now: () => t, set: (value: number) => void (t = value), advance: (ms: number) => void (t += ms) };
};

const engineFor = (outbox: Outbox, server: ReturnType<typeof createFakeServer>, now: () => number, extra = {}) => {
  const engine = createSyncEngine({
    outbox,
    transports: { submission: batchTransport({ url: URL_BATCH, fetch: server.fetch }) },
    now,
    locks: null,
    ...extra,
  });
  engines.push(engine);
  return engine;
};

describe('createSyncEngine', () => {
  it('writes first: the entry is in IndexedDB before fetch is called', async () => {
    const name = freshName();
    const outbox = await open(name);
    const reader = await open(name);
    const server = createFakeServer();
    const inDbAtFetch: unknown[] = [];
    const spyFetch: typeof fetch = async (input, init) => {
      const { items } = JSON.parse(String(init?.body)) as { items: { id: string }[] };
      for (const item of items) inDbAtFetch.push((await reader.get(item.id))?.state);
      return server.fetch(input, init);
    };
    const engine = createSyncEngine({
      outbox,
      transports: { submission: batchTransport({ url: URL_BATCH, fetch: spyFetch }) },
      locks: null,
      now: () => T0,
    });
    const entry = makeEntry(T0);
    await outbox.put(entry);
    const report = await engine.flush();
    expect(inDbAtFetch).toEqual(['sending']);
    expect(report).toMatchObject({ sent: 1, synced: 1 });
    expect(await reader.get(entry.id)).toMatchObject({ state: 'synced', result: { recordNumber: 'SUP-20250301-001' } });
  });

  it('offline then online delivers each entry exactly once', async () => {
    const c = clock();
    const outbox = await open(freshName(), () => 0.5);
    const server = createFakeServer();
    const onSynced = vi.fn();
    const engine = engineFor(outbox, server, c.now, { onSynced });
    const entries = [makeEntry(T0), makeEntry(T0)];
    for (const e of entries) await outbox.put(e);

    server.setOffline(true);
    expect(await engine.flush()).toMatchObject({ sent: 2, synced: 0, retried: 2 });
    const waiting = await outbox.get(entries[0]!.id);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, error: { code: 'network_error' }, nextAttemptAt: T0 + 500 });
    // Not due yet: nothing is sent even though the network is back.
    server.setOffline(false);
    expect(await engine.flush()).toMatchObject({ sent: 0 });

    c.advance(500);
    engine.start({ online: true, intervalMs: 0 });
    await vi.waitFor(() => expect(onSynced).toHaveBeenCalled());
    window.dispatchEvent(new Event('online'));
    await engine.flush();
    expect(server.receivedIds().sort()).toEqual(entries.map((e) => e.id).sort());
    expect(await outbox.count(['synced'])).toBe(2);
    expect(server.stored.size).toBe(2);
  });

  it('flushes on the online event after start()', async () => {
    const c = clock();
    const outbox = await open();
    const server = createFakeServer();
    const engine = engineFor(outbox, server, c.now);
    server.setOffline(true);
    const e = makeEntry(T0);
    await outbox.put(e);
    engine.start({ intervalMs: 0 });
    await vi.waitFor(async () => expect(await outbox.get(e.id)).toMatchObject({ state: 'queued', attempts: 1 }));
    server.setOffline(false);
    c.advance(BACKOFF_CAP_MS);
    window.dispatchEvent(new Event('online'));
    // Well before the engine's own wake-up timer (at least 1 s away).
    await vi.waitFor(async () => expect(await outbox.get(e.id)).toMatchObject({ state: 'synced' }), { timeout: 300 });
  });

  it('flushes new work put into the outbox after start()', async () => {
    const outbox = await open();
    const server = createFakeServer();
    engineFor(outbox, server, () => T0).start({ intervalMs: 0 });
    const e = makeEntry(T0);
    await outbox.put(e);
    await vi.waitFor(async () => expect(await outbox.get(e.id)).toMatchObject({ state: 'synced' }));
    expect(server.receivedIds()).toEqual([e.id]);
  });

  it('two engines over two outboxes on the same database send each entry once', async () => {
    const name = freshName();
    const [a, b] = [await open(name), await open(name)];
    const server = createFakeServer({ delayMs: 2 });
    const entries = Array.from({ length: 230 }, () => makeEntry(T0));
    for (const e of entries) await a.put(e);
    const ea = engineFor(a, server, () => T0, { batchSize: 20 });
    const eb = engineFor(b, server, () => T0, { batchSize: 20 });
    const [ra, rb] = await Promise.all([ea.flush(), eb.flush(), ea.flush(), eb.flush()]);
    const ids = server.receivedIds();
    expect(ids).toHaveLength(230);
    expect(new Set(ids).size).toBe(230);
    expect(ra!.sent).toBeGreaterThan(0);
    expect(rb!.sent).toBeGreaterThan(0);
    expect(await a.count(['synced'])).toBe(230);
  });

  it('takes over the entries of a crashed sender once its lease expired', async () => {
    const c = clock();
    const name = freshName();
    const crashed = await open(name);
    const survivor = await open(name);
    const e = makeEntry(T0);
    await crashed.put(e);
    expect(await crashed.claim('submission', 100, T0, 30_000)).toHaveLength(1); // then the tab dies
    const server = createFakeServer();
    const engine = engineFor(survivor, server, c.now);
    c.set(T0 + 29_999);
    expect(await engine.flush()).toMatchObject({ sent: 0 });
    c.set(T0 + 30_000);
    expect(await engine.flush()).toMatchObject({ sent: 1, synced: 1 });
    expect(server.receivedIds()).toEqual([e.id]);
  });

  it('keeps a rejected entry with the reason; after editing and requeue it is delivered', async () => {
    const outbox = await open();
    const server = createFakeServer();
    const engine = engineFor(outbox, server, () => T0);
    const good = makeEntry(T0);
    const bad = makeEntry(T0, { problem: '   ' });
    await outbox.put(good);
    await outbox.put(bad);
    expect(await engine.flush()).toMatchObject({ sent: 2, synced: 1, rejected: 1 });
    const rejected = await outbox.get(bad.id);
    expect(rejected).toMatchObject({
      state: 'rejected',
      error: { code: 'validation_failed', errors: [{ path: ['problem'], code: 'too_small' }] },
    });
    expect(await engine.flush()).toMatchObject({ sent: 0 }); // stays, is not retried by itself
    await outbox.requeue(bad.id, { ...(bad.payload as object), problem: 'Export produces an empty CSV.' }, T0);
    expect(await engine.flush()).toMatchObject({ sent: 1, synced: 1 });
    expect(await outbox.get(bad.id)).toMatchObject({ state: 'synced', result: { recordNumber: 'SUP-20250301-002' } });
  });

  it('answers an idempotency conflict with state conflict, and a stale edit keeps the server copy', async () => {
    const outbox = await open();
    const server = createFakeServer();
    const e = makeEntry(T0);
    await outbox.put(e);
    await engineFor(outbox, server, () => T0).flush();
    // The same id again with another body (a client bug or a tampered outbox).
    const twin = { ...makeEntry(T0), id: e.id, payload: { ...(e.payload as object), problem: 'different' } };
    const other = await open();
    await other.put(twin);
    await engineFor(other, server, () => T0).flush();
    expect(await other.get(e.id)).toMatchObject({ state: 'conflict', error: { code: 'idempotency_conflict' } });

    const current = { id: '0195a0a0-0000-7000-8000-000000000001', version: 4, status: 'in_progress' };
    const editFetch = vi.fn(async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Version conflict', status: 409, code: 'version_conflict', current }), {
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const edits = await open();
    const edit = { ...makeEntry(T0, { baseVersion: 3 }, 'record') };
    await edits.put(edit);
    const engine = createSyncEngine({
      outbox: edits,
      locks: null,
      now: () => T0,
      transports: {
        record: singleTransport({
          url: () => `https://api.example.test/v1/records/${current.id}`,
          method: 'PATCH',
          entryHeaders: () => ({ 'if-match': '"3"' }),
          fetch: editFetch,
        }),
      },
    });
    expect(await engine.flush()).toMatchObject({ conflicts: 1 });
    expect(await edits.get(edit.id)).toMatchObject({ state: 'conflict', serverCopy: current, error: { code: 'version_conflict' } });
    expect(new Headers((editFetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers).get('if-match')).toBe('"3"');
  });

  it('backs off longer after each failure, up to the cap, within the jitter bounds', async () => {
    const c = clock();
    const outbox = await open(freshName(), () => 0.999);
    const server = createFakeServer();
    server.setOffline(true);
    const engine = engineFor(outbox, server, c.now);
    const e = makeEntry(T0);
    await outbox.put(e);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      await engine.flush();
      const stored = (await outbox.get(e.id))!;
      waits.push(stored.nextAttemptAt - c.now());
      c.set(stored.nextAttemptAt);
    }
    expect(waits.slice(0, 4)).toEqual([999, 1998, 3996, 7992]);
    expect(waits.at(-1)).toBe(Math.floor(0.999 * BACKOFF_CAP_MS));
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
  });

  it('honours Retry-After of a 429 over a shorter backoff', async () => {
    const c = clock();
    const outbox = await open(freshName(), () => 0);
    const server = createFakeServer();
    server.next({ kind: 'status', ...server.problem(429, 'rate_limited', 'Too many requests'), headers: { 'retry-after': '120' } });
    const engine = engineFor(outbox, server, c.now);
    const e = makeEntry(T0);
    await outbox.put(e);
    expect(await engine.flush()).toMatchObject({ retried: 1 });
    expect(await outbox.get(e.id)).toMatchObject({ state: 'queued', nextAttemptAt: T0 + 120_000, error: { code: 'rate_limited' } });
    c.set(T0 + 119_999);
    expect(await engine.flush()).toMatchObject({ sent: 0 });
    c.set(T0 + 120_000);
    expect(await engine.flush()).toMatchObject({ synced: 1 });
  });

  it('splits into batches of at most 100 items', async () => {
    const outbox = await open();
    const server = createFakeServer();
    for (let i = 0; i < 250; i++) await outbox.put(makeEntry(T0));
    expect(await engineFor(outbox, server, () => T0).flush()).toMatchObject({ sent: 250, synced: 250 });
    expect(server.seen.map((s) => (s.body as { items: unknown[] }).items.length)).toEqual([100, 100, 50]);
  });

  it('retries every item of a malformed response and stops sending that kind for this flush', async () => {
    const outbox = await open(freshName(), () => 0);
    const server = createFakeServer();
    server.next({ kind: 'status', status: 200, text: '<html>gateway</html>', headers: { 'content-type': 'text/html' } });
    for (let i = 0; i < 150; i++) await outbox.put(makeEntry(T0));
    const report = await engineFor(outbox, server, () => T0).flush();
    expect(report).toMatchObject({ sent: 100, retried: 100, synced: 0 });
    const retried = await outbox.list({ state: 'queued' });
    expect(retried.filter((e) => e.attempts === 1)).toHaveLength(100);
    expect(retried.find((e) => e.attempts === 1)?.error?.code).toBe('internal');
  });

  it('rejects every item of a request refused for an unknown site key, with the code', async () => {
    const outbox = await open();
    const server = createFakeServer({ siteKey: 'pk_live_shop' });
    for (let i = 0; i < 3; i++) await outbox.put(makeEntry(T0));
    expect(await engineFor(outbox, server, () => T0).flush()).toMatchObject({ sent: 3, rejected: 3 });
    const rejected = await outbox.list({ state: 'rejected' });
    expect(rejected.map((e) => e.error?.code)).toEqual(['unknown_site_key', 'unknown_site_key', 'unknown_site_key']);
    expect(rejected[0]!.error?.message).toBe('Unknown site key');
  });

  it('coalesces concurrent flush calls in one page', async () => {
    const outbox = await open();
    const server = createFakeServer({ delayMs: 5 });
    const engine = engineFor(outbox, server, () => T0);
    await outbox.put(makeEntry(T0));
    const reports = await Promise.all([engine.flush(), engine.flush(), engine.flush(), engine.flush()]);
    expect(server.seen).toHaveLength(1);
    expect(reports[0]).toMatchObject({ sent: 1 });
    expect(reports[1]).toBe(reports[3]); // the calls made during the run share the next one
  });

  it('lets only the tab holding the Web Lock flush', async () => {
    const held = new Set<string>();
    const locks: LockManagerLike = {
      async request(name, _options, callback) {
        if (held.has(name)) return callback(null);
        held.add(name);
        try {
          return await callback({ name });
        } finally {
          held.delete(name);
        }
      },
    };
    const name = freshName();
    const [a, b] = [await open(name), await open(name)];
    const server = createFakeServer({ delayMs: 5 });
    await a.put(makeEntry(T0));
    const [ra, rb] = await Promise.all([
      engineFor(a, server, () => T0, { locks }).flush(),
      engineFor(b, server, () => T0, { locks }).flush(),
    ]);
    expect(ra).toMatchObject({ sent: 1 });
    expect(rb).toMatchObject({ sent: 0, skipped: 'locked' });
  });

  it('never rejects: a throwing transport retries the batch and reports to onError', async () => {
    const outbox = await open();
    const onError = vi.fn();
    const engine = createSyncEngine({
      outbox,
      locks: null,
      now: () => T0,
      onError,
      transports: {
        submission: async () => {
          throw new Error('bug');
        },
      },
    });
    const e = makeEntry(T0);
    await outbox.put(e);
    expect(await engine.flush()).toMatchObject({ sent: 1, retried: 1 });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'bug' }));
    expect(await outbox.get(e.id)).toMatchObject({ state: 'queued', attempts: 1 });
  });
});
