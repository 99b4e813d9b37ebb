import { err, ok, type Result } from './result';

/** The company time zone when none is configured (DOMAIN.md §11: mainland China). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
// Four-digit years only: record numbers and 'YYYY-MM-DD' strings cannot spell anything else.
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Formatter construction is the slow part of Intl, so one per zone is kept.
const formatterFor = (timeZone: string): Intl.DateTimeFormat | null => {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      return null;
    }
    formatters.set(timeZone, f);
  }
  return f;
};

/** True when `timeZone` is an IANA zone name this runtime knows (e.g. 'Europe/Berlin'). */
export const isTimeZone = (timeZone: unknown): timeZone is string =>
  typeof timeZone === 'string' && timeZone.length > 0 && timeZone.length <= 64 && formatterFor(timeZone) !== null;

/** True for a real Date object holding a valid time (works across realms, unlike instanceof). */
export const isValidInstant = (value: unknown): value is Date =>
  Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime());

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (years 1000–9999), or NaN when it is not a real date. */
export const epochDay = (date: unknown): number => {
  const m = typeof date === 'string' ? LOCAL_DATE.exec(date) : null;
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return y >= MIN_YEAR && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t / DAY_MS : Number.NaN;
};

const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / DAY_MS;
const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / DAY_MS;

/** The 'YYYY-MM-DD' date of a day number from `epochDay`; '' outside the years 1000–9999. */
export const fromEpochDay = (day: number): string =>
  Number.isInteger(day) && day >= MIN_DAY && day <= MAX_DAY ? new Date(day * DAY_MS).toISOString().slice(0, 10) : '';

/** Day of the week of a day number from `epochDay`: 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** True for a real calendar date written 'YYYY-MM-DD' with a four-digit year (no Feb 30). */
export const isLocalDate = (value: unknown): value is string => !Number.isNaN(epochDay(value));

// formatToParts is the costly call left. Zone offsets are whole seconds, so every instant of one UTC
// second falls on the same local day: the last answer per zone is kept for the next instant of that second.
const lastDay = new WeakMap<Intl.DateTimeFormat, { second: number; day: number }>();

// Local calendar day (as a day number) of an instant; the caller has checked zone and range.
const localDay = (f: Intl.DateTimeFormat, t: number): number => {
  const second = Math.floor(t / 1000);
  const last = lastDay.get(f);
  if (last?.second === second) return last.day;
  let y = 0;
  let mo = 0;
  let d = 0;
  for (const p of f.formatToParts(t)) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
  }
  const day = Date.UTC(y, mo - 1, d) / DAY_MS;
  if (last) {
    last.second = second;
    last.day = day;
  } else lastDay.set(f, { second, day });
  return day;
};

// Keeps every computed local date inside four-digit years whatever the zone offset (< 1 day).
const MIN_INSTANT = Date.UTC(MIN_YEAR, 0, 2);
const MAX_INSTANT = Date.UTC(MAX_YEAR, 11, 30);

const checkInstant = (instant: unknown, timeZone: unknown): Result<Intl.DateTimeFormat> => {
  if (!isTimeZone(timeZone)) return err('invalid_time_zone', 'Unknown IANA time zone', { details: { timeZone } });
  if (!isValidInstant(instant) || instant.getTime() < MIN_INSTANT || instant.getTime() > MAX_INSTANT) {
    return err('invalid_date', 'Not a valid instant in the years 1000–9999');
  }
  return ok(formatterFor(timeZone) as Intl.DateTimeFormat);
};

/** The local calendar day number (see `epochDay`) of an instant in a zone. */
export const localEpochDayOf = (instant: Date, timeZone: string = DEFAULT_TIME_ZONE): Result<number> => {
  const f = checkInstant(instant, timeZone);
  return f.ok ? ok(localDay(f.value, instant.getTime())) : f;
};

/** The local calendar date 'YYYY-MM-DD' of an instant in an IANA zone, e.g. 2024-05-19T16:30Z → '2024-05-20' in Shanghai. */
export const localDateOf = (instant: Date, timeZone: string = DEFAULT_TIME_ZONE): Result<string> => {
  const day = localEpochDayOf(instant, timeZone);
  return day.ok ? ok(fromEpochDay(day.value)) : day;
};

/**
 * The last millisecond of a local date in a zone (inclusive end of day, so a deadline still
 * reads as that date and "overdue" means now > due). Correct across DST: the end is found by
 * searching for the first instant whose local date is later, not by assuming 24-hour days.
 */
export const endOfLocalDay = (date: string, timeZone: string = DEFAULT_TIME_ZONE): Result<Date> => {
  // The search costs ~27 zone conversions, and every record stored computes its deadlines: most share a day.
  const key = `${timeZone}|${date}`;
  const known = dayEnds.get(key);
  if (known !== undefined) return ok(new Date(known));
  const end = searchEndOfLocalDay(date, timeZone);
  if (end.ok) {
    if (dayEnds.size >= 4096) dayEnds.clear();
    dayEnds.set(key, end.value.getTime());
  }
  return end;
};

/**
 * The first instant of a local date in a zone: the instant after the previous day's end (so it is
 * right across DST too), e.g. '2025-10-01' in Shanghai → 2025-09-30T16:00:00Z.
 */
export const startOfLocalDay = (date: string, timeZone: string = DEFAULT_TIME_ZONE): Result<Date> => {
  const day = epochDay(date);
  if (Number.isNaN(day)) return err('invalid_date', "Not a real date written 'YYYY-MM-DD'", { details: { date } });
  const before = endOfLocalDay(fromEpochDay(day - 1), timeZone);
  return before.ok ? ok(new Date(before.value.getTime() + 1)) : before;
};

const dayEnds = new Map<string, number>();

const searchEndOfLocalDay = (date: string, timeZone: string): Result<Date> => {
  const day = epochDay(date);
  if (Number.isNaN(day)) return err('invalid_date', "Not a real date written 'YYYY-MM-DD'", { details: { date } });
  if (!isTimeZone(timeZone)) return err('invalid_time_zone', 'Unknown IANA time zone', { details: { timeZone } });
  const f = formatterFor(timeZone) as Intl.DateTimeFormat;
  // Offsets stay within ±15 h, so the next local midnight lies in this window; lo is before it, hi after.
  const next = (day + 1) * DAY_MS;
  let lo = next - 15 * 3_600_000;
  let hi = next + 15 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(f, mid) > day) hi = mid;
    else lo = mid;
  }
  return ok(new Date(hi - 1));
};
