import { DEFAULT_LOCALE, isLocale, type Locale } from './locale';

/*
 * Dates through Intl.DateTimeFormat only: no date library in the bundles. The formatters never
 * throw: an unusable instant gives '' and an unknown time zone falls back to UTC, because a
 * label must not take a screen down; time zones are validated where they are configured.
 */

type Instant = Date | string | number;

const cache = new Map<string, Intl.DateTimeFormat>();

const formatter = (locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat => {
  const id = `${locale}|${timeZone}|${withTime ? 1 : 0}`;
  let f = cache.get(id);
  if (f === undefined) {
    const options: Intl.DateTimeFormatOptions = withTime
      ? { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }
      : { dateStyle: 'medium' };
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    cache.set(id, f);
  }
  return f;
};

const toDate = (instant: unknown): Date | null => {
  const d =
    instant instanceof Date
      ? instant
      : typeof instant === 'string' || typeof instant === 'number'
        ? new Date(instant)
        : null;
  return d !== null && Number.isFinite(d.getTime()) ? d : null;
};

const format = (instant: Instant, locale: Locale, timeZone: string, withTime: boolean): string => {
  const d = toDate(instant);
  if (d === null) return '';
  return formatter(isLocale(locale) ? locale : DEFAULT_LOCALE, typeof timeZone === 'string' ? timeZone : 'UTC', withTime).format(d);
};

/** The calendar date of `instant` in `timeZone`, e.g. zh-CN "2025年10月11日", en "Oct 11, 2025". */
export const formatDate = (instant: Instant, locale: Locale, timeZone: string): string =>
  format(instant, locale, timeZone, false);

/** Date and 24-hour time of `instant` in `timeZone`, e.g. zh-CN "2025年10月11日 18:00". */
export const formatDateTime = (instant: Instant, locale: Locale, timeZone: string): string =>
  format(instant, locale, timeZone, true);

const zoneNames = new Map<string, string>();

/**
 * The reader's name of a time zone, e.g. en "China Standard Time", zh-CN "中国标准时间" for
 * Asia/Shanghai ('longGeneric', so it does not flip with daylight saving); the zone id itself
 * when the runtime has no name for it.
 */
export const formatTimeZoneName = (locale: Locale, timeZone: string): string => {
  const id = `${locale}|${timeZone}`;
  let name = zoneNames.get(id);
  if (name === undefined) {
    try {
      const parts = new Intl.DateTimeFormat(isLocale(locale) ? locale : DEFAULT_LOCALE, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(0);
      name = parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
    } catch {
      name = timeZone;
    }
    zoneNames.set(id, name);
  }
  return name;
};
