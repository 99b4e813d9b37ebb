/*
 * Spreadsheets have no time zones: a cell holds the wall-clock time a reader should see. The ledger
 * shows every instant in the company's time zone, so an instant becomes a Date whose UTC fields are
 * that zone's wall clock (exceljs writes a Date's UTC value as the Excel serial).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    };
    try {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      // An unknown zone is a configuration error caught at start-up; an export still renders in UTC.
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The wall-clock time of `instant` in `timeZone` as a Date whose UTC fields carry it, floored to the
 * second (Excel would round 23:59:59.999 up to the next day); null for a missing or invalid instant.
 */
export function wallClock(instant: string | Date | null | undefined, timeZone: string): Date | null {
  if (instant === null || instant === undefined) return null;
  const date = instant instanceof Date ? instant : new Date(instant);
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return null;
  const floored = Math.floor(ms / 1000) * 1000;
  return new Date(floored + offsetAt(floored, timeZone));
}

/** Zone offsets by zone, then by quarter hour (an export asks for the same few thousand again and again). */
const offsets = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

/**
 * Milliseconds `timeZone`'s wall clock is ahead of UTC at `ms`, a whole second. Read once per quarter
 * hour of UTC, since zones change offset only on quarter hours (formatToParts was a fifteenth of an
 * XLSX export's time, called for every date cell).
 */
function offsetAt(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  // Keyed by number within the zone: a string key per call was a fifth of this function's time.
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const parts: { [type: string]: number } = {};
    for (const part of formatterFor(timeZone).formatToParts(new Date(quarter))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const local = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    offset = local - quarter;
    if (zone.size >= 50_000) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

/** `YYYY-MM-DD HH:mm` of `instant` in `timeZone` (locale-free, so spreadsheets parse it); '' when absent. */
export function formatWallClock(instant: string | Date | null | undefined, timeZone: string): string {
  const local = wallClock(instant, timeZone);
  return local ? local.toISOString().slice(0, 16).replace('T', ' ') : '';
}

/** `YYYYMMDD` of `instant` in `timeZone`, for file names. */
export function compactDay(instant: Date, timeZone: string): string {
  const local = wallClock(instant, timeZone) ?? instant;
  return local.toISOString().slice(0, 10).replace(/-/g, '');
}
