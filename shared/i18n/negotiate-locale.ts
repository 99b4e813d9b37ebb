import { DEFAULT_LOCALE, LOCALES, type Locale } from './locale';

/*
 * Any Chinese tag (zh, zh-Hans, zh-TW, zh-Hant-HK …) resolves to zh-CN because it is the only
 * Chinese catalog, and a reader of Traditional Chinese reads Simplified far more easily than
 * English. Matching is by language subtag once no exact tag matches, in the person's order.
 */

// Headers are attacker-controlled: bound the work done on them.
const MAX_HEADER_LENGTH = 4096;
const MAX_ENTRIES = 64;
const TAG = /^(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/i;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/** Language tags of an Accept-Language header, most preferred first; q=0 and malformed entries dropped. */
export const parseAcceptLanguage = (header: unknown): string[] => {
  if (typeof header !== 'string' || header.length > MAX_HEADER_LENGTH) return [];
  const entries: { tag: string; q: number; index: number }[] = [];
  const parts = header.split(',').slice(0, MAX_ENTRIES);
  parts.forEach((part, index) => {
    const [rawTag = '', ...rawParams] = part.split(';').map((s) => s.trim());
    const tag = rawTag.replace(/_/g, '-');
    if (!TAG.test(tag)) return;
    let q = 1;
    for (const param of rawParams) {
      const m = QUALITY.exec(param.replace(/\s+/g, ''));
      if (m === null) return;
      q = Number(m[1]);
    }
    if (q > 0) entries.push({ tag, q, index });
  });
  // Equal weights keep the header's order.
  entries.sort((a, b) => b.q - a.q || a.index - b.index);
  return entries.map((e) => e.tag);
};

const language = (tag: string): string => tag.split('-')[0] ?? '';

/** Pick the supported locale that best fits the person's preferred tags; never throws. */
export const negotiateLocale = (
  preferred: readonly string[],
  supported: readonly Locale[] = LOCALES,
): Locale => {
  const candidates = Array.isArray(supported) ? supported.filter((s) => (LOCALES as readonly unknown[]).includes(s)) : [];
  const fallback = candidates.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : (candidates[0] ?? DEFAULT_LOCALE);
  if (!Array.isArray(preferred)) return fallback;
  for (const raw of preferred.slice(0, MAX_ENTRIES)) {
    if (typeof raw !== 'string' || raw.length > 100) continue;
    const tag = raw.trim().replace(/_/g, '-').toLowerCase();
    if (!TAG.test(tag) || tag === '*') continue;
    const exact = candidates.find((s) => s.toLowerCase() === tag);
    if (exact !== undefined) return exact;
    const sameLanguage = candidates.find((s) => language(s.toLowerCase()) === language(tag));
    if (sameLanguage !== undefined) return sameLanguage;
  }
  return fallback;
};
