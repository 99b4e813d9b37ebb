import { computed, createModel, signal } from '@preact/signals';

/** The sections of the administration pages, in their tab order. */
export const ADMIN_SECTIONS = ['users', 'site-keys', 'calendars', 'adapters', 'notifications'] as const;
/** One section of the administration pages. */
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** A console page and its parameter. */
export type Route =
  | { page: 'queue' }
  | { page: 'account' }
  | { page: 'new_record' }
  | { page: 'record'; id: string }
  | { page: 'admin'; section: AdminSection }
  | { page: 'campaigns' }
  | { page: 'campaign'; id: string }
  | { page: 'survey_new'; campaignId: string }
  | { page: 'survey'; id: string }
  | { page: 'survey_results'; id: string }
  | { page: 'dashboard' }
  | { page: 'reports' }
  | { page: 'not_found' };

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
  if (path === '/dashboard') return { page: 'dashboard' };
  if (path === '/reports') return { page: 'reports' };
  const record = /^\/records\/([^/]{1,100})$/.exec(path);
  if (record?.[1]) return { page: 'record', id: decodeURIComponent(record[1]) };
  if (path === '/admin') return { page: 'admin', section: 'users' };
  const admin = /^\/admin\/([a-z-]+)$/.exec(path);
  const section = ADMIN_SECTIONS.find((s) => s === admin?.[1]);
  if (section) return { page: 'admin', section };
  const campaignRoute = parseCampaignRoute(path);
  if (campaignRoute) return campaignRoute;
  return { page: 'not_found' };
}

/** The campaign pages: `/campaigns`, `/campaigns/:id`, `/campaigns/:id/surveys/new`, `/surveys/:id`, `/surveys/:id/results`. */
function parseCampaignRoute(path: string): Route | undefined {
  if (path === '/campaigns') return { page: 'campaigns' };
  const m = /^\/(campaigns|surveys)\/([0-9a-fA-F-]{36})(\/surveys\/new|\/results)?$/.exec(path);
  if (!m?.[2]) return undefined;
  const [, kind, id, tail] = m;
  if (kind === 'campaigns') return tail === '/surveys/new' ? { page: 'survey_new', campaignId: id } : tail ? undefined : { page: 'campaign', id };
  return tail === '/results' ? { page: 'survey_results', id } : tail ? undefined : { page: 'survey', id };
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
