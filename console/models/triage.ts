import { batch, computed, createModel, effect, signal } from '@preact/signals';
import { BULK_CHUNK, type BulkAction, type BulkItemResult, type BulkRequest } from '../../shared/schemas/bulk';
import type { ApiClient } from '../api/client';
import type { Queue } from './queue';

/** A bulk run as the progress panel shows it: how far, and each record's answer. */
export interface BulkRun {
  /** What was done: an action type ('assign', a workflow action, 'merge'). */
  kind: string;
  /** Records to go through; null until the server counted the filtered set. */
  total: number | null;
  results: BulkItemResult[];
  finished: boolean;
  /** Why the run stopped early (a failure of the whole request), if it did. */
  error: string | null;
}

/**
 * The queue's triage: the picked rows (x, shift-x for a range, or every record the filters match),
 * and bulk runs over them in chunks of BULK_CHUNK with progress and a per-record result. Picks are
 * ids, so they survive live updates and paging; a new filter or search drops them.
 */
export const Triage = createModel((api: ApiClient, queue: Queue) => {
  const picked = signal<ReadonlySet<string>>(new Set());
  /** The whole filtered set is picked, loaded or not. */
  const allMatching = signal(false);
  const matchingTotal = signal<number | null>(null);
  const run = signal<BulkRun | null>(null);
  let anchor: string | null = null;

  const count = computed(() => (allMatching.value ? matchingTotal.value : picked.value.size));
  const active = computed(() => allMatching.value || picked.value.size > 0);

  const clear = () =>
    batch(() => {
      picked.value = new Set();
      allMatching.value = false;
      anchor = null;
    });

  // Another filter or search is another set: what was picked under the old one no longer applies.
  let first = true;
  effect(() => {
    void queue.filters.value;
    void queue.search.value;
    if (first) first = false;
    else clear();
  });

  /** Pick or unpick one row (x); it becomes the anchor of a range. */
  const toggle = (id: string) => {
    const next = new Set(allMatching.peek() ? queue.rows.peek().map((r) => r.id) : picked.peek());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    batch(() => {
      allMatching.value = false;
      picked.value = next;
    });
    anchor = id;
  };

  /** Pick every loaded row from the anchor to `id` (shift-x, shift-click). */
  const range = (id: string) => {
    const rows = queue.rows.peek();
    const to = rows.findIndex((r) => r.id === id);
    const from = anchor === null ? to : rows.findIndex((r) => r.id === anchor);
    if (to < 0) return;
    const [lo, hi] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
    const next = new Set(picked.peek());
    for (const row of rows.slice(lo, hi + 1)) next.add(row.id);
    batch(() => {
      allMatching.value = false;
      picked.value = next;
    });
    anchor = id;
  };

  /** Pick every record the filters match, including the ones not loaded yet. */
  const pickAllMatching = async () => {
    batch(() => {
      allMatching.value = true;
      matchingTotal.value = null;
    });
    const result = await api.count(filter());
    if (result.ok && allMatching.peek()) matchingTotal.value = result.value.total;
  };

  /** The queue's filters and search as the bulk route takes them. */
  const filter = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(queue.filters.peek())) if (value) out[key] = value;
    const q = queue.search.peek().trim();
    if (q) out.q = q;
    return out;
  };

  /** The ids an action applies to: the picked rows, or else the focused one. */
  const targetIds = (): string[] => {
    if (picked.peek().size > 0) return [...picked.peek()];
    const focused = queue.selectedId.peek();
    return focused ? [focused] : [];
  };

  const update = (patch: Partial<BulkRun>) => {
    const current = run.peek();
    if (current) run.value = { ...current, ...patch };
  };

  /** Apply `action` to the picked set (or the focused row), a chunk at a time, then reload the queue. */
  const apply = async (action: BulkAction) => {
    const kind = action.type === 'assign' ? 'assign' : action.transition.type;
    const whole = allMatching.peek();
    const ids = whole ? [] : targetIds();
    if (!whole && ids.length === 0) return;
    run.value = { kind, total: whole ? matchingTotal.peek() : ids.length, results: [], finished: false, error: null };
    const results: BulkItemResult[] = [];
    if (whole) {
      const f = filter();
      let cursor: string | undefined;
      do {
        const answer = await api.bulk({ action, filter: f as BulkRequest['filter'], ...(cursor ? { cursor } : {}) });
        if (!answer.ok) return finish(results, answer.failure.code);
        results.push(...answer.value.results);
        update({ results: [...results], ...(answer.value.total === undefined ? {} : { total: answer.value.total }) });
        cursor = answer.value.nextCursor ?? undefined;
      } while (cursor);
    } else {
      for (let i = 0; i < ids.length; i += BULK_CHUNK) {
        const answer = await api.bulk({ action, ids: ids.slice(i, i + BULK_CHUNK) });
        if (!answer.ok) return finish(results, answer.failure.code);
        results.push(...answer.value.results);
        update({ results: [...results] });
      }
    }
    return finish(results, null);
  };

  /** Merge the picked rows (or the focused one) into `into` as duplicates, one request each. */
  const mergeInto = async (into: string) => {
    const ids = targetIds().filter((id) => id !== into);
    if (ids.length === 0) return;
    const number = (id: string) => queue.rows.peek().find((r) => r.id === id)?.recordNumber ?? null;
    run.value = { kind: 'merge', total: ids.length, results: [], finished: false, error: null };
    const results: BulkItemResult[] = [];
    for (const id of ids) {
      const answer = await api.merge(id, into);
      results.push(
        answer.ok
          ? { id, recordNumber: number(id), status: 'ok' }
          : { id, recordNumber: number(id), status: 'refused', code: answer.failure.code as BulkItemResult['code'] },
      );
      update({ results: [...results] });
    }
    return finish(results, null);
  };

  const finish = async (results: BulkItemResult[], error: string | null) => {
    update({ results, finished: true, error });
    // Refused records stay picked, so the person can fix them and try again; done ones are let go.
    const refused = new Set(results.filter((r) => r.status === 'refused').map((r) => r.id));
    batch(() => {
      picked.value = new Set([...picked.peek()].filter((id) => refused.has(id)));
      allMatching.value = false;
    });
    await queue.load();
  };

  const dismiss = () => void (run.value = null);

  return { picked, allMatching, matchingTotal, count, active, run, toggle, range, pickAllMatching, clear, filter, targetIds, apply, mergeInto, dismiss };
});

/** An instance of Triage. */
export type Triage = InstanceType<typeof Triage>;
