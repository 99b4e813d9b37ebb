import { computed, createModel, signal } from '@preact/signals';

/** A console page and its parameter. */
export type Route = { page: 'queue' } | { page: 'account' } | { page: 'new_record' } | { page: 'record'; id: string } | { page: 'not_found' } | { page: 'dashboard' };

/** What the router needs of the browser's history. */
export interface HistoryPort {
  readonly path: string;
  push(path: string): void;
}

/** Read a path as a console page. */
export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'queue' };
  if (path === '/account') return { page: 'account' };
  if (path === '/records/new') return { page: 'new_record' };
  if (path === '/dashboard') return { page: 'dashboard' };
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
  };
  const sync = () => void (path.value = history.path);
  return { path, route, go, sync };
});

/** An instance of Router. */
export type Router = InstanceType<typeof Router>;
