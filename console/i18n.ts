import type { MessageKey, en } from '../shared/i18n/catalog';
import { interpolate, type Messages, type ParamsArg } from '../shared/i18n/translator';

/*
 * The console holds one language's messages at a time (console/load-messages.ts fetches them), so
 * its translator is bound to a table, not to a locale: only types come from the full catalog.
 */

/** Translate in one locale: what every component gets as `t`. */
export type T = <K extends MessageKey>(key: K, ...params: ParamsArg<(typeof en)[K]>) => string;

/** Bind a translator to one language's messages (`en` or `zhCN` of shared/i18n/catalog, or a loaded table); an unknown key comes back as itself. */
export const translator =
  (messages: Messages): T =>
  (key, ...params) =>
    interpolate(Object.prototype.hasOwnProperty.call(messages, key) ? messages[key]! : String(key), params[0]);

/** Text of a key built from data (an enum code, an error code); an unknown key comes back as itself. */
export const textOf = (t: T, key: string): string => (t as unknown as (key: string) => string)(key);

/** The translated text of an error code from the server or the transport, falling back to the generic one. */
export const errorText = (t: T, code: string): string => {
  const text = textOf(t, `error.${code}`);
  return text === `error.${code}` ? t('error.internal') : text;
};
