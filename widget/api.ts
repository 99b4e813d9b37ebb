import { negotiateLocale } from '../shared/i18n/negotiate-locale';
import type { Locale } from '../shared/i18n/locale';
import {
  databaseName,
  type BoxHandle,
  type BoxModule,
  type InitOptions,
  type OpenOptions,
  type Settings,
  type WidgetEvents,
  type WidgetUser,
} from './contract';
import { hostCss } from './host-css';

/** What the public API is built from: how to fetch the box chunk and the launcher's label. */
export interface WidgetDeps {
  loadBox(): Promise<BoxModule>;
  label(locale: Locale): string;
  /** Defaults to the global window (tests pass happy-dom's). */
  window?: Window & typeof globalThis;
}

/** The public API: one object, also behind the `Echobox` global of the script-tag build. */
export interface WidgetApi {
  init(options: InitOptions): void;
  identify(user: WidgetUser | null): void;
  open(options?: OpenOptions): void;
  close(): void;
  on<K extends keyof WidgetEvents>(type: K, listener: (detail: WidgetEvents[K]) => void): () => void;
  destroy(): void;
}

type Listener = (detail: never) => void;

const POSITIONS = ['bottom-end', 'bottom-start', 'none'];
const THEMES = ['auto', 'light', 'dark'];
const TRAITS = ['customerType', 'customerKind', 'industry', 'plan'] as const;

/** Page language, then the browser's; the shared negotiation maps any Chinese tag to zh-CN. */
const pickLocale = (w: Window, wanted?: string): Locale =>
  negotiateLocale([wanted, w.document.documentElement.lang, ...w.navigator.languages].filter((x): x is string => !!x));

/** Settings from init options; throws on a missing site key, the one mistake that makes the widget useless. */
export function resolveSettings(options: InitOptions, w: Window, fallbackApi: string): Settings {
  if (!options || typeof options.siteKey !== 'string' || !options.siteKey) throw new TypeError('Echobox.init: siteKey is required');
  const position = POSITIONS.includes(options.position as string) ? options.position! : 'bottom-end';
  const theme = THEMES.includes(options.theme as string) ? options.theme! : 'auto';
  return {
    siteKey: options.siteKey,
    api: new URL(options.apiUrl || fallbackApi, w.location.href).origin,
    locale: pickLocale(w, options.locale),
    position,
    theme,
    ...(options.appVersion ? { appVersion: String(options.appVersion).slice(0, 50) } : {}),
  };
}

/** The query that asks the server which surveys this page view may show. */
export function surveysUrl(settings: Settings, pageUrl: string, user: WidgetUser | undefined): string {
  const query = new URLSearchParams({ siteKey: settings.siteKey, url: pageUrl.split('#')[0] ?? pageUrl });
  for (const key of TRAITS) if (user?.[key]) query.set(key, String(user[key]));
  return `${settings.api}/api/v1/public/surveys?${query}`;
}

/**
 * Build the widget API. Nothing touches the page until init(); then exactly one host element with
 * an open shadow root holds everything, and destroy() removes it again. The box chunk loads on the
 * first open, or in the background when this device has widget data (pending sends, updates to
 * check) or the server has surveys for this page.
 */
export function createWidget(deps: WidgetDeps, fallbackApi: string): WidgetApi {
  const w = deps.window ?? window;
  const doc = w.document;
  const listeners = new Map<string, Set<Listener>>();
  let settings: Settings | undefined;
  let user: WidgetUser | undefined;
  let host: HTMLElement | undefined;
  let root: HTMLElement | undefined;
  let launcher: HTMLButtonElement | undefined;
  let box: Promise<BoxHandle> | undefined;
  let queryKeys: string[] | undefined;
  let idle: number | undefined;
  let generation = 0;

  const emit = <K extends keyof WidgetEvents>(type: K, detail: WidgetEvents[K]) => {
    for (const fn of listeners.get(type) ?? []) {
      try {
        (fn as (d: WidgetEvents[K]) => void)(detail);
      } catch (error) {
        w.setTimeout(() => {
          throw error;
        });
      }
    }
    if (launcher && (type === 'open' || type === 'close')) launcher.setAttribute('aria-expanded', String(type === 'open'));
  };

  const mount = (s: Settings) => {
    if (host) return;
    host = doc.createElement('echobox-widget');
    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = new w.CSSStyleSheet();
    sheet.replaceSync(hostCss);
    shadow.adoptedStyleSheets = [sheet];
    root = doc.createElement('div');
    root.className = `r ${s.theme}`;
    root.setAttribute('part', 'root');
    root.lang = s.locale;
    root.dir = doc.documentElement.dir === 'rtl' ? 'rtl' : 'ltr';
    if (s.position !== 'none') {
      launcher = doc.createElement('button');
      launcher.type = 'button';
      launcher.className = `l ${s.position}`;
      launcher.setAttribute('part', 'launcher');
      launcher.setAttribute('aria-haspopup', 'dialog');
      launcher.setAttribute('aria-expanded', 'false');
      const ns = 'http://www.w3.org/2000/svg';
      const icon = doc.createElementNS(ns, 'svg');
      icon.setAttribute('viewBox', '0 0 24 24');
      icon.setAttribute('aria-hidden', 'true');
      const path = doc.createElementNS(ns, 'path');
      path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h10V9zm0-3v2h10V6zm0 6v2h6v-2z');
      icon.append(path);
      const text = doc.createElement('span');
      text.textContent = deps.label(s.locale);
      launcher.append(icon, text);
      launcher.onclick = () => api.open();
      root.append(launcher);
    }
    shadow.append(root);
    doc.body.append(host);
  };

  const startBox = (surveys?: unknown[]): Promise<BoxHandle> | undefined => {
    const s = settings;
    if (!s) return undefined;
    mount(s);
    if (!box) {
      const mine = generation;
      box = deps
        .loadBox()
        .then((m) => m.startBox({ settings: s, root: root!, host: host!, user: () => user, queryKeys: () => queryKeys, emit, ...(surveys ? { surveys } : {}) }))
        .then((handle) => {
          // destroy() or a new init() ran while the chunk loaded: this box belongs to nobody.
          if (mine !== generation) handle.destroy();
          return handle;
        });
      box.catch((error: unknown) => {
        if (mine === generation) box = undefined;
        emit('error', { code: 'network_error', message: String((error as Error)?.message ?? error) });
      });
    }
    return box;
  };

  /** Background check after the page settled: load the box only if there is something to do. */
  const probe = async () => {
    const s = settings;
    if (!s) return;
    const idb = w.indexedDB as IDBFactory & { databases?: () => Promise<IDBDatabaseInfo[]> };
    let known = true;
    try {
      if (idb.databases) known = (await idb.databases()).some((d) => d.name === databaseName(s.siteKey));
    } catch {
      // An unreadable list: load the box, which knows for sure.
    }
    let surveys: unknown[] | undefined;
    try {
      // The site key travels in the query so the request stays simple (no preflight) and cacheable.
      const res = await w.fetch(surveysUrl(s, w.location.href, user));
      if (res.ok) ({ items: surveys, queryKeys } = (await res.json()) as { items?: unknown[]; queryKeys?: string[] });
    } catch {
      // Offline or blocked: surveys wait for the next page view.
    }
    if (s === settings && (known || surveys?.length)) startBox(surveys)?.catch(() => {});
  };

  /** Remove every trace from the page: box, host element, timers. */
  const teardown = () => {
    generation++;
    void box?.then((b) => b.destroy(), () => {});
    box = undefined;
    if (idle !== undefined) {
      if (w.cancelIdleCallback) w.cancelIdleCallback(idle);
      else w.clearTimeout(idle);
    }
    host?.remove();
    host = root = launcher = settings = idle = queryKeys = undefined;
  };

  const api: WidgetApi = {
    init(options) {
      teardown();
      settings = resolveSettings(options, w, fallbackApi);
      if (options.user) user = options.user;
      if (settings.position !== 'none') mount(settings);
      const later = () => void probe();
      idle = w.requestIdleCallback ? w.requestIdleCallback(later, { timeout: 3000 }) : w.setTimeout(later, 1);
    },
    identify(next) {
      user = next ?? undefined;
      void box?.then((b) => b.identify(), () => {});
    },
    open(options) {
      startBox()?.then((b) => b.open(options), () => {});
    },
    close() {
      void box?.then((b) => b.close(), () => {});
    },
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener as Listener);
      return () => void set.delete(listener as Listener);
    },
    destroy() {
      teardown();
      listeners.clear();
    },
  };
  return api;
}
