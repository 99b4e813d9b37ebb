import * as z from 'zod/mini';
import { err, ok, type DomainError, type Result } from './result';
import {
  endOfLocalDay,
  epochDay,
  fromEpochDay,
  isLocalDate,
  isTimeZone,
  localEpochDayOf,
  weekdayOf,
} from './time-zone';

const LocalDate = z.string().check(z.refine(isLocalDate, "Expected a real date written 'YYYY-MM-DD'"));
const DateList = z.array(LocalDate).check(z.maxLength(366));

/** One year of a working-day calendar: days off on weekdays, and make-up working days (调休上班) on weekends. */
export const CalendarYear = z.object({ holidays: DateList, workdays: DateList });
export type CalendarYear = z.infer<typeof CalendarYear>;

type Issue = { message: string; path: (string | number)[]; input: unknown };

// A date filed under another year would be ignored by the lookups, so it is refused; so is a day both off and working.
const yearIssues = (year: string, { holidays, workdays }: CalendarYear): Issue[] => {
  const off = new Set(holidays);
  const issues: Issue[] = [];
  for (const [list, dates] of [['holidays', holidays], ['workdays', workdays]] as const) {
    dates.forEach((date, i) => {
      if (!date.startsWith(`${year}-`)) issues.push({ message: `Date is not in ${year}`, path: [list, i], input: date });
      if (list === 'workdays' && off.has(date)) issues.push({ message: 'Date is both a holiday and a working day', path: [list, i], input: date });
    });
  }
  return issues;
};

/**
 * A working-day calendar as data (DOMAIN.md §11): per year, the public holidays and the
 * make-up working days; `weekend` lists the days off each week (0 = Sunday … 6 = Saturday,
 * default Saturday and Sunday). Companies and regions supply their own through `parseCalendar`.
 */
export const WorkingDayCalendar = z
  .object({
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    timeZone: z.string().check(z.refine(isTimeZone, 'Unknown IANA time zone')),
    weekend: z.optional(z.array(z.int().check(z.gte(0), z.lte(6))).check(z.maxLength(6))),
    years: z.record(z.string().check(z.regex(/^\d{4}$/)), CalendarYear),
  })
  .check(
    z.superRefine((cal, ctx) => {
      if (new Set(cal.weekend).size !== (cal.weekend ?? []).length) {
        ctx.addIssue({ code: 'custom', message: 'Weekend days repeat', path: ['weekend'], input: cal.weekend });
      }
      for (const [year, data] of Object.entries(cal.years)) {
        for (const issue of yearIssues(year, data)) ctx.addIssue({ code: 'custom', ...issue, path: ['years', year, ...issue.path] });
      }
    }),
  );
export type WorkingDayCalendar = z.infer<typeof WorkingDayCalendar>;

// 'invalid_calendar' with every issue and its path, the first one's as the error's path.
const invalid = (message: string, found: readonly { path: readonly PropertyKey[]; message: string }[]): Result<never> => {
  const issues = found.map((i) => ({ path: i.path.map(String), message: i.message }));
  return err('invalid_calendar', message, { path: issues[0]?.path ?? [], details: { issues } });
};

/** Validate a calendar a company supplies; failures carry 'invalid_calendar' and every issue with its path. */
export const parseCalendar = (input: unknown): Result<WorkingDayCalendar> => {
  const parsed = WorkingDayCalendar.safeParse(input);
  return parsed.success ? ok(parsed.data) : invalid('The working-day calendar is not valid', parsed.error.issues);
};

/** Validate one year of a calendar as a company supplies it: 'invalid_calendar' with each issue's path inside the year. */
export const parseCalendarYear = (year: number, input: unknown): Result<CalendarYear> => {
  const parsed = CalendarYear.safeParse(input);
  const issues = parsed.success ? yearIssues(String(year), parsed.data) : parsed.error.issues;
  return parsed.success && !issues.length ? ok(parsed.data) : invalid(`The calendar for ${year} is not valid`, issues);
};

/** Every date from `from` to `to` inclusive, for writing holiday ranges in calendar data; [] if either is not a real date, they are reversed, or the span exceeds a year. */
export const dateRange = (from: string, to: string): string[] => {
  const a = epochDay(from);
  const b = epochDay(to);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a || b - a > 365) return [];
  return Array.from({ length: b - a + 1 }, (_, i) => fromEpochDay(a + i));
};

/** A calendar year the calendar does not cover: weekends-only was assumed for it. */
export interface CalendarWarning extends DomainError {
  code: 'calendar_year_missing';
  details: { calendarId: string; year: number };
}

/** The years a result's warnings name, ascending and once each: what a deadline is flagged with (`calendarMissing`). */
export const missingYears = (warnings: readonly CalendarWarning[]): number[] =>
  [...new Set(warnings.map((w) => w.details.year))].sort((a, b) => a - b);

/** `strict`: return the 'calendar_year_missing' error instead of assuming weekends-only for an uncovered year. */
export interface CalendarOptions {
  strict?: boolean;
}

/** A deadline instant (last millisecond of its local day, or a clock time) and any calendar warnings. */
export interface Deadline {
  due: Date;
  warnings: CalendarWarning[];
}

// Working-day test over day numbers that remembers which years had no data.
const dayTester = (cal: WorkingDayCalendar) => {
  const missing = new Set<number>();
  const weekend = new Set(cal.weekend ?? [0, 6]);
  const test = (day: number): boolean => {
    const date = fromEpochDay(day);
    const key = date.slice(0, 4);
    const year = Object.hasOwn(cal.years, key) ? cal.years[key] : undefined;
    if (!year || !Array.isArray(year.holidays) || !Array.isArray(year.workdays)) missing.add(Number(key));
    else if (year.workdays.includes(date)) return true;
    else if (year.holidays.includes(date)) return false;
    return !weekend.has(weekdayOf(day));
  };
  return { test, missing };
};

// Missing years become warnings, or the error in strict mode, so a new year never crashes production.
const settle = <T>(cal: WorkingDayCalendar, missing: Set<number>, options: CalendarOptions, value: T): Result<T & { warnings: CalendarWarning[] }> => {
  const years = [...missing].sort((a, b) => a - b);
  if (options.strict && years.length) {
    return err('calendar_year_missing', `Calendar ${cal.id} has no data for ${years.join(', ')}`, { details: { calendarId: cal.id, years } });
  }
  const warnings = years.map(
    (year): CalendarWarning => ({
      code: 'calendar_year_missing',
      message: `Calendar ${cal.id} has no data for ${year}; only weekends were skipped`,
      details: { calendarId: cal.id, year },
    }),
  );
  return ok({ ...value, warnings });
};

// Structural guard so untyped data gets an error instead of a TypeError.
const unusable = (cal: unknown): Result<never> | null =>
  cal && typeof cal === 'object' && isTimeZone((cal as WorkingDayCalendar).timeZone) &&
  typeof (cal as WorkingDayCalendar).years === 'object' && (cal as WorkingDayCalendar).years !== null
    ? null
    : err('invalid_calendar', 'The working-day calendar is not valid');

/** Whether a local date ('YYYY-MM-DD', or an instant read in the calendar's zone) is a working day. */
export const isWorkingDay = (
  date: string | Date,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<{ working: boolean; warnings: CalendarWarning[] }> => {
  const bad = unusable(calendar);
  if (bad) return bad;
  const day = typeof date === 'string' ? ok(epochDay(date)) : localEpochDayOf(date, calendar.timeZone);
  if (!day.ok) return day;
  if (Number.isNaN(day.value)) return err('invalid_date', "Not a real date written 'YYYY-MM-DD'", { details: { date } });
  const { test, missing } = dayTester(calendar);
  return settle(calendar, missing, options, { working: test(day.value) });
};

/** Largest n `addWorkingDays` accepts (about 40 years), so hostile input cannot spin forever. */
export const MAX_WORKING_DAYS = 10_000;

/**
 * The deadline `n` working days after `from` (DOMAIN.md §11): the day of `from` never counts,
 * counting starts with the next working day, and the deadline is the last millisecond of the
 * n-th counted day in the calendar's zone. n = 0 gives the end of `from`'s own day.
 */
export const addWorkingDays = (
  from: Date,
  n: number,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<Deadline & { date: string }> => {
  const bad = unusable(calendar);
  if (bad) return bad;
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    return err('validation_failed', `n must be a whole number from 0 to ${MAX_WORKING_DAYS}`, { path: ['n'] });
  }
  const start = localEpochDayOf(from, calendar.timeZone);
  if (!start.ok) return start;
  const { test, missing } = dayTester(calendar);
  let day = start.value;
  for (let left = n, idle = 0; left > 0; ) {
    day += 1;
    if (!fromEpochDay(day)) return err('invalid_date', 'The deadline falls after the year 9999');
    if (test(day)) {
      left -= 1;
      idle = 0;
    } else if (++idle > 366) {
      return err('invalid_calendar', `Calendar ${calendar.id} has no working day for over a year`);
    }
  }
  const date = fromEpochDay(day);
  const due = endOfLocalDay(date, calendar.timeZone);
  return due.ok ? settle(calendar, missing, options, { due: due.value, date }) : due;
};

/**
 * Working days from `from` to `to` as `addWorkingDays` counts them: the working days after
 * `from`'s local day up to and including `to`'s. Negative when `to` is before `from`.
 */
export const countWorkingDays = (
  from: Date,
  to: Date,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<{ count: number; warnings: CalendarWarning[] }> => {
  const bad = unusable(calendar);
  if (bad) return bad;
  const a = localEpochDayOf(from, calendar.timeZone);
  if (!a.ok) return a;
  const b = localEpochDayOf(to, calendar.timeZone);
  if (!b.ok) return b;
  const [lo, hi, sign] = a.value <= b.value ? [a.value, b.value, 1] : [b.value, a.value, -1];
  const { test, missing } = dayTester(calendar);
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) if (test(day)) count += 1;
  return settle(calendar, missing, options, { count: sign * count || 0 });
};

/**
 * The latest local date from which `to` is still `n` working days away, the inverse of
 * `addWorkingDays`: starting on that date or earlier, n working days end on or before `to`'s
 * day (an instant `to` is read in the calendar's zone). Used for "file n working days ahead".
 */
export const latestStartBefore = (
  to: string | Date,
  n: number,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<{ date: string; warnings: CalendarWarning[] }> => {
  const bad = unusable(calendar);
  if (bad) return bad;
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    return err('validation_failed', `n must be a whole number from 0 to ${MAX_WORKING_DAYS}`, { path: ['n'] });
  }
  const end = typeof to === 'string' ? ok(epochDay(to)) : localEpochDayOf(to, calendar.timeZone);
  if (!end.ok) return end;
  if (Number.isNaN(end.value)) return err('invalid_date', "Not a real date written 'YYYY-MM-DD'", { details: { date: to } });
  const { test, missing } = dayTester(calendar);
  // Walk back to the n-th working day on or before `to`; the start is the day before it.
  let day = end.value + 1;
  for (let found = 0, idle = 0; found < n; ) {
    day -= 1;
    if (!fromEpochDay(day - 1)) return err('invalid_date', 'The date falls before the year 1000');
    if (test(day)) {
      found += 1;
      idle = 0;
    } else if (++idle > 366) {
      return err('invalid_calendar', `Calendar ${calendar.id} has no working day for over a year`);
    }
  }
  return settle(calendar, missing, options, { date: fromEpochDay(day - 1) });
};
