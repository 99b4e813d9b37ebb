import { computed, createModel, signal } from '@preact/signals';
import type { AdapterCatalog, AdapterDefinition, AdapterOverrideReport } from '../../shared/schemas/adapter';
import { BUILTIN_ADAPTERS } from '../../shared/adapters/builtin';
import { extractTicket, type TicketExtraction } from '../../shared/capture/extract-ticket';
import type { ApiClient } from '../api/client';
import type { FormError } from './session';
import { adminError } from './admin-users';

/** Largest override file the console reads. */
export const MAX_ADAPTER_FILE_BYTES = 1_000_000;

/** Where a served definition comes from (`published`: through the API, e.g. one an agent taught). */
export type AdapterOrigin = 'builtin' | 'override' | 'added' | 'published';

const BUILTIN = new Map(BUILTIN_ADAPTERS.map((a) => [a.id, JSON.stringify(a)]));

/** Whether a served definition is the built-in one, replaces it, or is the company's own. */
export const adapterOrigin = (adapter: AdapterDefinition, published: ReadonlySet<string> = new Set()): AdapterOrigin => {
  if (published.has(adapter.id)) return 'published';
  const builtIn = BUILTIN.get(adapter.id);
  return builtIn === undefined ? 'added' : builtIn === JSON.stringify(adapter) ? 'builtin' : 'override';
};

/**
 * The helpdesk adapter catalog for admins: the served definitions, an override file checked by the
 * server (its report, or its field errors by path), and a definition tried on pasted HTML with the
 * extension's own extraction. `parseHtml` makes an inert document (no script runs, nothing loads).
 */
export const AdminAdapters = createModel((api: ApiClient, parseHtml: (html: string) => Document) => {
  const catalog = signal<AdapterCatalog | null>(null);
  const error = signal<FormError | null>(null);
  const fileError = signal<'not_json' | 'no_list' | 'too_large' | null>(null);
  const fileName = signal<string | null>(null);
  const report = signal<AdapterOverrideReport | null>(null);
  const tried = signal<TicketExtraction | null>(null);
  /** Ids published through the API, and those the last "publish" of a checked file published. */
  const published = signal<ReadonlySet<string>>(new Set());
  /** The definitions of the last file the server found valid (what "publish" sends). */
  const checked = signal<AdapterDefinition[]>([]);
  const publishedNow = signal<string[]>([]);
  /** The definitions to try: the checked file's catalog when there is one, else the served one. */
  const tryable = computed(() => (report.value ?? { catalog: catalog.value }).catalog?.adapters ?? []);

  const load = async () => {
    const [result, listed] = await Promise.all([api.adapters(), api.publishedAdapters()]);
    if (result.ok) catalog.value = result.value;
    else error.value = adminError(result.failure);
    if (listed.ok) published.value = new Set(listed.value.items.map((i) => i.id));
  };

  /** Publish every definition of the checked file (e.g. one an agent taught and exported) to all extensions. */
  const publishChecked = async (definitions: readonly AdapterDefinition[]) => {
    error.value = null;
    const done: string[] = [];
    for (const definition of definitions) {
      const result = await api.publishAdapter(definition);
      if (!result.ok) {
        error.value = adminError(result.failure);
        break;
      }
      done.push(definition.id);
    }
    publishedNow.value = done;
    await load();
  };

  /** Check a file's text: an array of definitions or `{ "adapters": [...] }`, as ECHOBOX_ADAPTERS_FILE takes it. */
  const checkFile = async (text: string, name: string, size = text.length) => {
    fileName.value = name;
    report.value = null;
    error.value = null;
    fileError.value = null;
    if (size > MAX_ADAPTER_FILE_BYTES) return void (fileError.value = 'too_large');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return void (fileError.value = 'not_json');
    }
    const list = Array.isArray(json) ? json : (json as { adapters?: unknown } | null)?.adapters;
    if (!Array.isArray(list)) return void (fileError.value = 'no_list');
    const result = await api.checkAdapters({ adapters: list as AdapterDefinition[] });
    publishedNow.value = [];
    if (result.ok) {
      report.value = result.value;
      checked.value = list as AdapterDefinition[];
    }
    else error.value = adminError(result.failure);
  };

  /** Run one definition on pasted HTML as if it were the page at `url`. */
  const tryOn = (adapterId: string, html: string, url: string) => {
    const adapter = tryable.peek().find((a) => a.id === adapterId);
    tried.value = adapter ? extractTicket(parseHtml(html), url, adapter) : null;
  };

  return { catalog, error, fileError, fileName, report, tried, tryable, published, publishedNow, checked, load, checkFile, tryOn, publishChecked };
});

/** An instance of AdminAdapters. */
export type AdminAdapters = InstanceType<typeof AdminAdapters>;
