import { interpolate, type Catalog, type MessageParams, type Messages } from '../../shared/i18n/translator';
import type { Locale } from '../../shared/i18n/locale';
import { own, type Key, type T } from './i18n';

/*
 * Kept apart from i18n.ts so only the lazily loaded parts (updates, surveys, screenshot) carry it,
 * not the box.
 */

/** A translator for a lazily loaded part: its own catalog first, then the box's words. */
export const extend = <E extends Messages>(t: T, catalog: Catalog<E>, locale: Locale) => {
  const table: Messages = locale === 'en' ? catalog.en : catalog.zhCN;
  return (key: Key | (keyof E & string), params?: MessageParams): string => {
    const found = own(table, key);
    return found === undefined ? t(key as Key, params) : interpolate(found, params);
  };
};
