import { batch, computed, createModel, effect, signal } from '@preact/signals';
import type { RecordSummary } from '../../shared/schemas/record';
import type { RecordChange } from '../../shared/schemas/sync';
import { type ApiClient, type RecordQuery } from '../api/client';
import { PAGE_SIZE } from '../api/boot-requests';

/** Filters of the record list the queue offers (query parameter name to value; empty means any). */
export const QUEUE_FILTERS = ['status', 'validity', 'urgency', 'priority', 'category', 'nature', 'source', 'customerType', 'department', 'owner', 'overdue', 'dueSoon', 'obligation', 'satisfaction', 'campaignId', 'sort', 'from', 'to', 'obligationState', 'obligationKind', 'obligationDueFrom', 'obligationDueTo', 'rating', 'ratedFrom', 'ratedTo', 'completed', 'ids'] as const;
/** One of QUEUE_FILTERS. */
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** Rows fetched per request (console/boot.ts asks for the first page with the same size). */
export { PAGE_SIZE } from '../api/boot-requests';

/** Options of a queue: how often to poll the changes feed (0: not at all) and whose changes to follow. */
export interface QueueOptions {
  pollMs: number;
  scope: 'mine' | 'all';
}

/** Apply what the feed says about a row to the row (status, screening, version, rating). */
const patchRow = (row: RecordSummary, change: RecordChange): RecordSummary =>
  change.version <= row.version
    ? row
    : {
        ...row,
        status: change.status,
        validity: change.validity,
        version: change.version,
        cycle: change.cycle,
        updatedAt: change.changedAt,
        customerConfirmation: change.satisfaction?.rating ?? row.customerConfirmation,
      };

/**
 * The queue: filters and search, the loaded rows (cursor pages, loaded on demand as the person
 * scrolls or moves down), the selected row by id (so it survives reloads and live updates), and
 * live updates from the changes feed. `prepended` counts rows that arrived above the loaded ones,
 * so the view can keep what the person was looking at in place.
 */
export const Queue = createModel((api: ApiClient, options: QueueOptions) => {
  const filters = signal<Partial<Record<QueueFilter, string>>>({});
  const search = signal('');
  const rows = signal<RecordSummary[]>([]);
  const nextCursor = signal<string | null>(null);
  // Nothing loaded yet counts as loading: the queue never shows itself empty before its first answer.
  const loading = signal(true);
  const loadingMore = signal(false);
  const error = signal<string | null>(null);
  const selectedId = signal<string | null>(null);
  const prepended = signal({ count: 0, seq: 0 });
  const live = signal(false);
  const selectedIndex = computed(() => rows.value.findIndex((r) => r.id === selectedId.value));
  const activeFilters = computed(() => Object.entries(filters.value).filter(([k, v]) => v && k !== 'sort').length + (search.value ? 1 : 0));

  let generation = 0;
  /** The query of the rows shown, to tell a reload from a new filter. */
  let loadedQuery = '';
  let feedCursor: string | null = null;
  let firstLoaded!: () => void;
  /** Settles when the first page has been answered once: the feed and the queue's other requests wait, so the rows come first. */
  const ready = new Promise<void>((resolve) => (firstLoaded = resolve));

  const query = (): RecordQuery => ({ ...filters.peek(), q: search.peek().trim() || undefined, limit: String(PAGE_SIZE) });

  /** Load the first page for the current filters and search; an older answer arriving late is dropped. */
  const load = async () => {
    const mine = ++generation;
    // Where the selection was: if its row left the list (merged, screened out of the filter), the
    // row that took its place is selected, so triage goes on from there.
    const key = JSON.stringify(query());
    const at = key === loadedQuery ? selectedIndex.peek() : 0;
    loadedQuery = key;
    loading.value = true;
    error.value = null;
    const result = await api.records(query());
    firstLoaded();
    if (mine !== generation) return;
    batch(() => {
      loading.value = false;
      if (!result.ok) {
        error.value = result.failure.code;
        return;
      }
      rows.value = result.value.items;
      nextCursor.value = result.value.nextCursor;
      const items = result.value.items;
      if (!items.some((r) => r.id === selectedId.peek())) selectedId.value = (items[Math.min(Math.max(at, 0), items.length - 1)] ?? items[0])?.id ?? null;
    });
  };

  /** Load the next page, if there is one and none is on its way. */
  const loadMore = async () => {
    const cursor = nextCursor.peek();
    if (!cursor || loadingMore.peek() || loading.peek()) return;
    const mine = generation;
    loadingMore.value = true;
    const result = await api.records({ ...query(), cursor });
    loadingMore.value = false;
    if (mine !== generation) return;
    if (!result.ok) {
      error.value = result.failure.code;
      return;
    }
    const known = new Set(rows.peek().map((r) => r.id));
    batch(() => {
      rows.value = [...rows.peek(), ...result.value.items.filter((r) => !known.has(r.id))];
      nextCursor.value = result.value.nextCursor;
    });
  };

  const setFilter = (name: QueueFilter, value: string) => {
    filters.value = { ...filters.peek(), [name]: value || undefined };
    void load();
  };

  /** Replace every filter at once (a view), keeping the search. */
  const setFilters = (next: Partial<Record<QueueFilter, string>>) => {
    filters.value = { ...next };
    void load();
  };

  /** Replace filters and search at once (a saved view, or the address the queue was opened at). */
  const apply = (next: Partial<Record<QueueFilter, string>>, text: string) => {
    batch(() => {
      filters.value = { ...next };
      search.value = text;
    });
    void load();
  };

  const setSearch = (text: string) => {
    if (text === search.peek()) return;
    search.value = text;
    void load();
  };

  const clearFilters = () => {
    batch(() => {
      filters.value = {};
      search.value = '';
    });
    void load();
  };

  /** Move the selection by `delta` rows (j/k), fetching the next page when close to the end. */
  const move = (delta: number) => {
    const list = rows.peek();
    if (list.length === 0) return;
    const at = Math.max(0, selectedIndex.peek());
    const next = Math.min(list.length - 1, Math.max(0, at + delta));
    selectedId.value = list[next]!.id;
    if (next >= list.length - 10) void loadMore();
  };

  const select = (id: string) => void (selectedId.value = id);

  /**
   * Take the changes since the last poll: rows already loaded are updated in place; when a record
   * the queue has not loaded changed (a new one, most often), the first page is asked again and the
   * rows that are new to the queue go on top. Nothing else moves.
   */
  const poll = async () => {
    if (feedCursor === null) {
      const head = await api.changes('now', options.scope);
      if (!head.ok) return;
      feedCursor = head.value.nextCursor;
      live.value = true;
      // Records stored between the first page and the feed's end are caught by asking the first page again.
      await mergeFirstPage();
      return;
    }
    const page = await api.changes(feedCursor, options.scope);
    if (!page.ok) {
      live.value = false;
      return;
    }
    live.value = true;
    feedCursor = page.value.nextCursor;
    if (page.value.items.length === 0) return;
    const byId = new Map(page.value.items.map((c) => [c.recordId, c]));
    const current = rows.peek();
    const unknown = page.value.items.some((c) => !current.some((r) => r.id === c.recordId));
    rows.value = current.map((r) => {
      const change = byId.get(r.id);
      return change ? patchRow(r, change) : r;
    });
    if (unknown) await mergeFirstPage();
  };

  /** Ask the first page again: rows new to the queue go on top, known ones take the fresh copy. */
  const mergeFirstPage = async () => {
    const mine = generation;
    const first = await api.records(query());
    if (!first.ok || mine !== generation) return;
    const known = new Set(rows.peek().map((r) => r.id));
    const fresh = first.value.items.filter((r) => !known.has(r.id) && Date.parse(r.createdAt) >= Date.parse(rows.peek()[0]?.createdAt ?? '1970-01-01'));
    const updated = new Map(first.value.items.map((r) => [r.id, r]));
    batch(() => {
      rows.value = [...fresh, ...rows.peek().map((r) => updated.get(r.id) ?? r)];
      if (fresh.length > 0) prepended.value = { count: fresh.length, seq: prepended.peek().seq + 1 };
      if (selectedId.peek() === null) selectedId.value = rows.peek()[0]?.id ?? null;
    });
  };

  // Polling belongs to the queue: it stops when the queue is disposed (signed out, page left).
  effect(() => {
    if (options.pollMs <= 0) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await ready;
      await poll();
      if (!stopped) timer = setTimeout(tick, options.pollMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  });

  return {
    filters,
    search,
    rows,
    nextCursor,
    loading,
    loadingMore,
    error,
    selectedId,
    selectedIndex,
    activeFilters,
    prepended,
    live,
    load,
    loadMore,
    setFilter,
    setFilters,
    apply,
    setSearch,
    clearFilters,
    move,
    select,
    poll,
    /** Settles once the first page has been answered (rows or a failure), for requests that should wait for it. */
    firstPage: () => ready,
  };
});

/** An instance of Queue. */
export type Queue = InstanceType<typeof Queue>;
