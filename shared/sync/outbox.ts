import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { backoffDelay } from './backoff';
import type { OutboxEntry, OutboxKind, OutboxState, SendOutcome } from './types';

/** Schema version of the outbox database; bump it and add a `case` in upgrade() to migrate. */
export const OUTBOX_DB_VERSION = 1;

interface OutboxDB extends DBSchema {
  entries: {
    key: string;
    value: OutboxEntry;
    indexes: { state: OutboxState; kind_state: [OutboxKind, OutboxState] };
  };
  blobs: { key: string; value: Blob };
  meta: { key: string; value: unknown };
}

/** What changed, as told to subscribers in this page and in other tabs of the same origin. */
export interface OutboxChange {
  store: 'entries' | 'blobs' | 'meta';
  keys: string[];
  /** The operation: lets a sync engine flush on new work (put, requeue) but not on its own settle. */
  op: 'put' | 'remove' | 'claim' | 'settle' | 'requeue' | 'prune';
}

/** Options of openOutbox. */
export interface OutboxOptions {
  /** Jitter source for the backoff (tests pass a fixed one). */
  random?: () => number;
  /** Tell other tabs about writes over a BroadcastChannel named after the database (default: where available). */
  broadcast?: boolean;
}

/** Which entries list() returns. */
export interface OutboxFilter {
  state?: OutboxState;
  kind?: OutboxKind;
}

/** The device's durable queue of what a person submitted (ARCHITECTURE.md "Sync protocol"). */
export interface Outbox {
  readonly name: string;
  /** Store or replace an entry; resolves only once the write is durable (write-first). */
  put(entry: OutboxEntry): Promise<void>;
  get(id: string): Promise<OutboxEntry | undefined>;
  /** Entries, oldest id (UUID v7 ⇒ oldest created) first. */
  list(filter?: OutboxFilter): Promise<OutboxEntry[]>;
  /** How many entries are in any of `states` (all entries when omitted). */
  count(states?: OutboxState[]): Promise<number>;
  /** Delete a draft and its blobs; false (and nothing deleted) when the entry is not a draft. */
  remove(id: string): Promise<boolean>;
  putBlob(key: string, blob: Blob): Promise<void>;
  getBlob(key: string): Promise<Blob | undefined>;
  deleteBlob(key: string): Promise<void>;
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  /**
   * Atomically lease up to `limit` due entries of `kind` (queued and due, or sending with an
   * expired lease) to this sender: marks them `sending` until now + leaseMs and returns them.
   */
  claim(kind: OutboxKind, limit: number, now: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** Apply the server's answers; returns the entries as stored afterwards. */
  settle(outcomes: SendOutcome[], now: number): Promise<OutboxEntry[]>;
  /**
   * Send again (a rejected, conflicting, draft or backed-off entry), optionally with an edited
   * payload; undefined when the entry is missing, being sent, or already synced.
   */
  requeue(id: string, payload?: unknown, now?: number): Promise<OutboxEntry | undefined>;
  /** Earliest time an entry becomes due (queued nextAttemptAt or expired lease); undefined if none waits. */
  nextDueAt(): Promise<number | undefined>;
  /** Delete synced entries (and their blobs) last updated before `before`; returns how many. */
  prune(before: number): Promise<number>;
  /** Listen to writes from this page and other tabs; returns the unsubscribe function. */
  subscribe(listener: (change: OutboxChange) => void): () => void;
  close(): void;
}

const CHANNEL_PREFIX = 'echobox-outbox:';

/** Open (creating or migrating) the outbox database `dbName`. */
export async function openOutbox(dbName: string, options: OutboxOptions = {}): Promise<Outbox> {
  const random = options.random ?? Math.random;
  const db: IDBPDatabase<OutboxDB> = await openDB<OutboxDB>(dbName, OUTBOX_DB_VERSION, {
    upgrade(database, oldVersion) {
      switch (oldVersion) {
        case 0: {
          const entries = database.createObjectStore('entries', { keyPath: 'id' });
          entries.createIndex('state', 'state');
          entries.createIndex('kind_state', ['kind', 'state']);
          database.createObjectStore('blobs');
          database.createObjectStore('meta');
        }
        // Later versions add `case 1:` here, falling through from older ones.
      }
    },
    // A newer version in another tab wants to migrate: let it, this page reopens on reload.
    blocking() {
      db.close();
    },
  });

  const listeners = new Set<(change: OutboxChange) => void>();
  const channel =
    options.broadcast !== false && typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(CHANNEL_PREFIX + dbName)
      : undefined;
  const emit = (change: OutboxChange, remote = false) => {
    if (!remote) channel?.postMessage(change);
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // One failing listener must not keep the others (or the writer) from hearing about it.
      }
    }
  };
  if (channel) channel.onmessage = (event: MessageEvent<OutboxChange>) => emit(event.data, true);
  const changed = (store: OutboxChange['store'], keys: string[], op: OutboxChange['op']) => {
    if (keys.length > 0) emit({ store, keys, op });
  };

  const outbox: Outbox = {
    name: dbName,

    async put(entry) {
      const tx = db.transaction('entries', 'readwrite');
      await Promise.all([tx.store.put(entry), tx.done]);
      changed('entries', [entry.id], 'put');
    },

    get: (id) => db.get('entries', id),

    async list({ state, kind } = {}) {
      if (kind && state) return db.getAllFromIndex('entries', 'kind_state', [kind, state]);
      if (state) return db.getAllFromIndex('entries', 'state', state);
      const all = await db.getAll('entries');
      return kind ? all.filter((e) => e.kind === kind) : all;
    },

    async count(states) {
      if (!states) return db.count('entries');
      const counts = await Promise.all(states.map((s) => db.countFromIndex('entries', 'state', s)));
      return counts.reduce((a, b) => a + b, 0);
    },

    async remove(id) {
      const tx = db.transaction(['entries', 'blobs'], 'readwrite');
      const entry = await tx.objectStore('entries').get(id);
      const removable = entry?.state === 'draft';
      if (removable) {
        await tx.objectStore('entries').delete(id);
        for (const key of entry.blobKeys ?? []) await tx.objectStore('blobs').delete(key);
      }
      await tx.done;
      if (removable) changed('entries', [id], 'remove');
      return removable;
    },

    async putBlob(key, blob) {
      await db.put('blobs', blob, key);
      changed('blobs', [key], 'put');
    },
    getBlob: (key) => db.get('blobs', key),
    async deleteBlob(key) {
      await db.delete('blobs', key);
      changed('blobs', [key], 'remove');
    },

    getMeta: <T>(key: string) => db.get('meta', key) as Promise<T | undefined>,
    async setMeta(key, value) {
      await db.put('meta', value, key);
      changed('meta', [key], 'put');
    },

    async claim(kind, limit, now, leaseMs) {
      const claimed: OutboxEntry[] = [];
      if (limit <= 0) return claimed;
      // One readwrite transaction: IndexedDB serialises it against every other connection's, so
      // no two senders (tabs, extension pages) can lease the same entry.
      const tx = db.transaction('entries', 'readwrite');
      const index = tx.store.index('kind_state');
      for (const [state, due] of [
        ['sending', (e: OutboxEntry) => (e.leaseUntil ?? 0) <= now],
        ['queued', (e: OutboxEntry) => e.nextAttemptAt <= now],
      ] as const) {
        let cursor = await index.openCursor([kind, state]);
        while (cursor && claimed.length < limit) {
          if (due(cursor.value)) {
            const entry: OutboxEntry = { ...cursor.value, state: 'sending', leaseUntil: now + leaseMs, updatedAt: now };
            await cursor.update(entry);
            claimed.push(entry);
          }
          cursor = await cursor.continue();
        }
      }
      await tx.done;
      claimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      changed('entries', claimed.map((e) => e.id), 'claim');
      return claimed;
    },

    async settle(outcomes, now) {
      const tx = db.transaction('entries', 'readwrite');
      const settled: OutboxEntry[] = [];
      for (const outcome of outcomes) {
        const stored = await tx.store.get(outcome.id);
        const next = stored && applyOutcome(stored, outcome, now, random);
        if (next) {
          await tx.store.put(next);
          settled.push(next);
        }
      }
      await tx.done;
      changed('entries', settled.map((e) => e.id), 'settle');
      return settled;
    },

    async requeue(id, payload, now = Date.now()) {
      const tx = db.transaction('entries', 'readwrite');
      const stored = await tx.store.get(id);
      let next: OutboxEntry | undefined;
      if (stored && stored.state !== 'sending' && stored.state !== 'synced') {
        const { error: _e, serverCopy: _s, leaseUntil: _l, ...rest } = stored;
        next = { ...rest, ...(payload === undefined ? {} : { payload }), state: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now };
        await tx.store.put(next);
      }
      await tx.done;
      if (next) changed('entries', [id], 'requeue');
      return next;
    },

    async nextDueAt() {
      const [queued, sending] = await Promise.all([
        db.getAllFromIndex('entries', 'state', 'queued'),
        db.getAllFromIndex('entries', 'state', 'sending'),
      ]);
      const times = [...queued.map((e) => e.nextAttemptAt), ...sending.map((e) => e.leaseUntil ?? 0)];
      return times.length ? Math.min(...times) : undefined;
    },

    async prune(before) {
      const tx = db.transaction(['entries', 'blobs'], 'readwrite');
      const removed: string[] = [];
      let cursor = await tx.objectStore('entries').index('state').openCursor('synced');
      while (cursor) {
        if (cursor.value.updatedAt < before) {
          for (const key of cursor.value.blobKeys ?? []) await tx.objectStore('blobs').delete(key);
          await cursor.delete();
          removed.push(cursor.value.id);
        }
        cursor = await cursor.continue();
      }
      await tx.done;
      changed('entries', removed, 'prune');
      return removed.length;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    close() {
      listeners.clear();
      channel?.close();
      db.close();
    },
  };
  return outbox;
}

/**
 * The entry after the server's answer, or undefined to leave it alone. A success is applied to
 * any unsynced entry (the server has it, whoever sent it); a failure only to an entry still
 * `sending`, so a late answer from a sender whose lease expired cannot undo a newer state.
 */
export function applyOutcome(entry: OutboxEntry, outcome: SendOutcome, now: number, random: () => number = Math.random): OutboxEntry | undefined {
  if (entry.state === 'synced' || entry.state === 'draft') return undefined;
  const { leaseUntil: _l, error: _e, serverCopy: _s, ...base } = entry;
  switch (outcome.status) {
    case 'accepted':
    case 'duplicate': {
      const result: NonNullable<OutboxEntry['result']> = {};
      if (outcome.recordNumber !== undefined) result.recordNumber = outcome.recordNumber;
      if (outcome.version !== undefined) result.version = outcome.version;
      // A consented, unmasked contact stays on the device only until the server has it (DOMAIN.md §13).
      const { consentedContact: _sent, ...payload } = (base.payload ?? {}) as { consentedContact?: unknown };
      return { ...base, payload: _sent === undefined ? base.payload : payload, state: 'synced', result, updatedAt: now };
    }
  }
  if (entry.state !== 'sending') return undefined;
  switch (outcome.status) {
    case 'rejected':
      return { ...base, state: 'rejected', error: outcome.error, updatedAt: now };
    case 'conflict':
      return {
        ...base,
        state: 'conflict',
        error: outcome.error,
        ...(outcome.serverCopy === undefined ? {} : { serverCopy: outcome.serverCopy }),
        updatedAt: now,
      };
    case 'retry': {
      const attempts = entry.attempts + 1;
      return {
        ...base,
        state: 'queued',
        attempts,
        nextAttemptAt: now + backoffDelay(attempts, outcome.retryAfterMs, random),
        error: outcome.error,
        updatedAt: now,
      };
    }
  }
}
