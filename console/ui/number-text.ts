const formats = new Map<string, Intl.NumberFormat>();

/**
 * A count or measure as its reader writes it (100,000; at most one decimal) in `locale`, by default
 * the console's language: the root element's `lang`, which console/main.tsx sets on every switch.
 */
export function numberText(n: number, locale = typeof document === 'undefined' ? '' : document.documentElement.lang): string {
  let format = formats.get(locale);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale || undefined, { maximumFractionDigits: 1 });
    } catch {
      format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
    }
    formats.set(locale, format);
  }
  return format.format(n);
}
