import { interpolate, type MessageParams, type Messages } from '../../shared/i18n/translator';
import type { Locale } from '../../shared/i18n/locale';
import type { Key } from './box-keys';

export type { Key } from './box-keys';

/*
 * The box carries its words in the page's language only: one small chunk per locale
 * (locales/en.ts, locales/zh-cn.ts) built from the shared areas it shows. Lazily loaded parts
 * bring their own areas and fall back to the box's words (extend.ts).
 */

/** Translate into the widget's locale. */
export interface T {
  (key: Key, params?: MessageParams): string;
  /** The message for an error code from the server or the transport; unknown codes read as `internal`. */
  error(code: string): string;
}

/** The message of `key` in `table`, if it has one. */
export const own = (table: Messages, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** A translator over one locale's flat table; an unknown key shows itself rather than nothing. */
export function translatorOf(table: Messages): T {
  const t = ((key, params) => interpolate(own(table, key) ?? key, params)) as T;
  t.error = (code) => t((own(table, `error.${code}`) ? `error.${code}` : 'error.internal') as Key);
  return t;
}

/** Load the box's words in one language. */
export const loadMessages = async (locale: Locale): Promise<Messages> =>
  (locale === 'en' ? await import('./locales/en') : await import('./locales/zh-cn')).messages;
