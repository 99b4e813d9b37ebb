import { computed, createModel, signal } from '@preact/signals';

/** A console page and its parameter. */
export type Route = { page: 'queue' } | { page: 'account' } | { page: 'new_record' } | { page: 'record'; id: string } | { page: 'not_found' };

/** What the router needs of the browser's history. */
export interface HistoryPort {
  readonly path: string;
  /** The query of the current entry (`?status=…`), the queue's filters. */
  readonly search: string;
  push(path: string): void;
  /** Replace the current entry's query without a new history entry (the queue's filters as they change). */
  replaceSearch(search: string): void;
}

/** Read a path as a console page. */
export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'queue' };
  if (path === '/account') return { page: 'account' };
  if (path === '/records/new') return { page: 'new_record' };
  const record = /^\/records\/([^/]{1,100})$/.exec(path);
  if (record?.[1]) return { page: 'record', id: decodeURIComponent(record[1]) };
  return { page: 'not_found' };
}

/** The current page, following history; `go` pushes a new entry, `sync` follows back and forward. */
export const Router = createModel((history: HistoryPort) => {
  const path = signal(history.path);
  const route = computed(() => parseRoute(path.value));
  const go = (next: string) => {
    if (next === path.peek()) return;
    history.push(next);
    path.value = next;
    search.value = '';
  };
  const search = signal(history.search);
  const sync = () => {
    path.value = history.path;
    search.value = history.search;
  };
  /** Keep the address in step with the page's state, so a copied link reopens it. */
  const setSearch = (next: string) => {
    if (next === search.peek()) return;
    history.replaceSearch(next);
    search.value = next;
  };
  return { path, search, route, go, sync, setSearch };
});

/** An instance of Router. */
export type Router = InstanceType<typeof Router>;
