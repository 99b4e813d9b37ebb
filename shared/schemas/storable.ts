import * as z from 'zod/mini';

/*
 * What every store can hold. PostgreSQL refuses NUL in text and jsonb, UTF-8 cannot encode half a
 * surrogate pair, and timestamptz has no year 0 and ends long before JavaScript's dates do: a
 * schema that accepted these let a caller turn a valid-looking request into a 500. Text is
 * normalised rather than refused: it mostly arrives from offline outboxes, where a refused item
 * would sit forever and the person's words be lost over a character that carries no meaning (a
 * stray control, or half an emoji cut off at a UTF-16 boundary).
 */

/** C0 controls except tab, line feed and carriage return; DEL; the C1 controls. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** A whole surrogate pair (kept) or a lone half (replaced). */
const SURROGATES = /([\ud800-\udbff][\udc00-\udfff])|[\ud800-\udfff]/g;

/** Text as every store can hold it: controls dropped (tab, newline, CR kept), lone surrogates replaced by U+FFFD. */
export const storableText = (value: string): string =>
  value.replace(CONTROLS, '').replace(SURROGATES, (_whole, pair: string | undefined) => pair ?? '\ufffd');

/** A string made storable before any other check; the base of every free-text field. */
export const storableString = () => z.string().check(z.overwrite(storableText));

/** Earliest instant a record, filter or cursor may name (no feedback predates it). */
export const MIN_INSTANT = Date.UTC(1970, 0, 1);
/** Latest instant (exclusive): far beyond any deadline, well inside what PostgreSQL and JavaScript hold, and a day after it still is. */
export const MAX_INSTANT = Date.UTC(3000, 0, 1);

/** Whether a date or instant string lies in [MIN_INSTANT, MAX_INSTANT); unparseable text is left to the format check. */
export const isStorableInstant = (value: string): boolean => {
  const at = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(at) || (at >= MIN_INSTANT && at < MAX_INSTANT);
};

/** The check every date and instant schema adds: between 1970 and 2999, reported as `date_out_of_range`. */
export const storableInstant = <T extends string>() =>
  z.refine<T>(isStorableInstant, {
    message: 'Expected a date between 1970-01-01 and 2999-12-31',
    params: { code: 'date_out_of_range' },
  });
