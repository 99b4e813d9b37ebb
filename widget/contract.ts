import type { Category, CustomerKind, CustomerType } from '../shared/schemas/enums';
import type { Locale } from '../shared/i18n/locale';

/*
 * What the loader (always on the page, a few hundred lines) and the lazily loaded box agree on.
 * Types only, plus one naming rule, so the loader stays within its byte budget.
 */

/** Where the launcher sits (logical: `end` is right in left-to-right pages), or `none` for a host-owned button. */
export type Position = 'bottom-end' | 'bottom-start' | 'none';

/** Colour scheme: follow the system, or force one. */
export type Theme = 'auto' | 'light' | 'dark';

/** The host application's signed-in user; traits target surveys, a host-signed `token` links records to the user. */
export interface WidgetUser {
  id?: string;
  name?: string;
  company?: string;
  customerType?: CustomerType;
  customerKind?: CustomerKind;
  industry?: string;
  plan?: string;
  /** Identity token the host's backend signed with the site's identity secret. */
  token?: string;
}

/** What `init()` accepts; only `siteKey` is required. */
export interface InitOptions {
  siteKey: string;
  /** Echobox server origin; defaults to where the widget script was loaded from. */
  apiUrl?: string;
  /** `zh-CN` or `en`; defaults to `<html lang>`, then the browser's languages. */
  locale?: string;
  position?: Position;
  /** The host application's version, attached to every submission. */
  appVersion?: string;
  theme?: Theme;
  user?: WidgetUser;
}

/** What `open()` accepts: a category and scenario to start with. */
export interface OpenOptions {
  category?: Category;
  scenario?: string;
}

/** Settings after defaults were applied. */
export interface Settings {
  siteKey: string;
  /** Absolute API origin without a trailing slash. */
  api: string;
  locale: Locale;
  position: Position;
  theme: Theme;
  appVersion?: string;
}

/** Detail of the `submitted` event: `sent` once the server has it, `saved` while it waits in the outbox. */
export interface SubmittedDetail {
  id: string;
  status: 'sent' | 'saved';
  recordNumber?: string;
}

/** Detail of the `error` event: a code from ERROR_CODES (or `screenshot_failed`) and a developer message. */
export interface ErrorDetail {
  code: string;
  message: string;
}

/** Events a host page can listen to with `on()`. */
export interface WidgetEvents {
  submitted: SubmittedDetail;
  error: ErrorDetail;
  open: undefined;
  close: undefined;
}

/** Everything the box gets from the loader. */
export interface BoxContext {
  settings: Settings;
  /** The themed container inside the shadow root; the box renders into it. */
  root: HTMLElement;
  /** The one host element in the page (excluded from screenshots). */
  host: HTMLElement;
  user(): WidgetUser | undefined;
  emit<K extends keyof WidgetEvents>(type: K, detail: WidgetEvents[K]): void;
  /** Active surveys the loader already fetched for this page, if any. */
  surveys?: unknown[];
  /** The site's allowed query keys, once the loader's survey request told them (until then none are kept). */
  queryKeys(): string[] | undefined;
}

/** What the box gives back to the loader. */
export interface BoxHandle {
  open(options?: OpenOptions): void;
  close(): void;
  /** The user changed (identify); re-read ctx.user(). */
  identify(): void;
  /** Stop timers and listeners, close the database; the loader removes the host element. */
  destroy(): void;
}

/** The box chunk's exports. */
export interface BoxModule {
  startBox(ctx: BoxContext): Promise<BoxHandle>;
}

/** IndexedDB database of one site key: its outbox, blobs and meta (reporter secret, cursors, history). */
export const databaseName = (siteKey: string): string => `echobox-${siteKey}`;
