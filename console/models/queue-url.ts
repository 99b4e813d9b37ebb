import { QUEUE_FILTERS, type QueueFilter } from './queue';

/** What the queue's address says: its filters, search and the saved view it was opened from. */
export interface QueueAddress {
  filters: Partial<Record<QueueFilter, string>>;
  search: string;
  viewId: string | null;
}

const isFilter = (key: string): key is QueueFilter => (QUEUE_FILTERS as readonly string[]).includes(key);

/** The queue's state as a URL query (`?status=in_progress&q=导出&view=…`), empty values left out, in a stable order. */
export function queueSearch(address: QueueAddress): string {
  const params = new URLSearchParams();
  for (const key of QUEUE_FILTERS) {
    const value = address.filters[key];
    if (value) params.set(key, value);
  }
  if (address.search.trim()) params.set('q', address.search.trim());
  if (address.viewId) params.set('view', address.viewId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Read a queue URL query back; unknown parameters are ignored (the server checks the values). */
export function parseQueueSearch(search: string): QueueAddress {
  const params = new URLSearchParams(search);
  const filters: Partial<Record<QueueFilter, string>> = {};
  for (const [key, value] of params) if (isFilter(key) && value) filters[key] = value.slice(0, 500);
  return { filters, search: (params.get('q') ?? '').slice(0, 200), viewId: params.get('view') };
}
