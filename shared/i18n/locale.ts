/*
 * The process in DOMAIN.md comes from the operating manuals of Chinese companies, and their staff and
 * customers are the first audience, so Simplified Chinese is the default; English is the second
 * catalog. zh-CN is the only Chinese catalog: Traditional Chinese readers get it too (see
 * negotiate-locale.ts).
 */

/** Every locale that has a complete message catalog. */
export const LOCALES = ['zh-CN', 'en'] as const;

/** A locale with a complete message catalog. */
export type Locale = (typeof LOCALES)[number];

/** Locale used when nothing the person prefers is supported. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** True when `value` is exactly one of LOCALES (case-sensitive, as stored). */
export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
