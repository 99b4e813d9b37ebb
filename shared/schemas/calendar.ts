import * as z from 'zod/mini';
import { IsoDateTime, LocalDate } from './common';

/*
 * Working-day calendars as the admin API and ECHOBOX_CALENDARS_FILE carry them (DOMAIN.md §11):
 * per calendar and year, the days off and the make-up working days. The rules that need the year
 * (every date in it, no day both off and working) are shared/domain's parseCalendarYear.
 */

/** A calendar's id: `CN` (mainland China, from the chinese-days package) or a company's own, e.g. `HK`, `acme-sh`. */
export const CalendarId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'Expected letters, digits, - or _ (at most 40)'));
export type CalendarId = z.infer<typeof CalendarId>;

/** A calendar year as written in a path or a file key: four digits, 2000–2199. */
export const CalendarYearKey = z.string().check(z.regex(/^2[01]\d\d$/, 'Expected a year from 2000 to 2199'));

const Dates = z.array(LocalDate).check(z.maxLength(366));

/** PUT body for one year: its public holidays (days off) and make-up working days (调休上班). */
export const CalendarYearBody = z.strictObject({ holidays: Dates, workdays: Dates });
export type CalendarYearBody = z.infer<typeof CalendarYearBody>;

/** Where a year's data comes from: the chinese-days package, ECHOBOX_CALENDARS_FILE, or the admin API. */
export const CalendarYearSource = z.enum(['package', 'file', 'api']);
export type CalendarYearSource = z.infer<typeof CalendarYearSource>;

/** One year of a calendar as served; a stored year (file or API) replaces the package's. */
export const CalendarYearView = z.object({
  year: z.int(),
  source: CalendarYearSource,
  holidays: z.array(LocalDate),
  workdays: z.array(LocalDate),
  /** When it was stored; null for package data. */
  updatedAt: z.nullable(IsoDateTime),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;

/** A year the active calendar lacks that deadlines fall into now or within 60 days. */
export const CalendarGapView = z.object({
  calendarId: CalendarId,
  year: z.int(),
  startsOn: LocalDate,
  /** Days until the year begins; 0 or less once it has. */
  daysUntil: z.int(),
});
export type CalendarGapView = z.infer<typeof CalendarGapView>;

/** A calendar in the list: which years it has and from where. */
export const CalendarSummary = z.object({
  id: CalendarId,
  /** The one deadlines are counted with (ECHOBOX_CALENDAR). */
  active: z.boolean(),
  years: z.array(z.object({ year: z.int(), source: CalendarYearSource })),
});
export type CalendarSummary = z.infer<typeof CalendarSummary>;

/** GET /api/v1/calendars: every calendar, the active one, its zone, and the years it is missing. */
export const CalendarList = z.object({
  active: CalendarId,
  /** The company time zone deadlines are counted in (ECHOBOX_TIME_ZONE). */
  timeZone: z.string(),
  gaps: z.array(CalendarGapView),
  items: z.array(CalendarSummary),
});
export type CalendarList = z.infer<typeof CalendarList>;

/** GET /api/v1/calendars/{id}: one calendar with every year's dates. */
export const CalendarView = z.object({
  id: CalendarId,
  active: z.boolean(),
  timeZone: z.string(),
  /** Missing years as for the active calendar, also when this one is not active. */
  gaps: z.array(CalendarGapView),
  years: z.array(CalendarYearView),
});
export type CalendarView = z.infer<typeof CalendarView>;

/** One calendar in ECHOBOX_CALENDARS_FILE: its id and, by year, the year's dates. */
export const CalendarFileEntry = z.strictObject({
  id: CalendarId,
  years: z.record(CalendarYearKey, CalendarYearBody),
});
export type CalendarFileEntry = z.infer<typeof CalendarFileEntry>;

/** ECHOBOX_CALENDARS_FILE as `{ "calendars": [...] }`; a bare array of calendars is read too. */
export const CalendarsFile = z.strictObject({ calendars: z.array(CalendarFileEntry) });
export type CalendarsFile = z.infer<typeof CalendarsFile>;
