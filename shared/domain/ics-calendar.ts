import { err, ok, type Result } from './result';
import { epochDay, fromEpochDay, isLocalDate } from './time-zone';

/*
 * Reads a year of holidays and make-up working days out of an iCalendar (.ics, RFC 5545) file, as
 * published holiday feeds and calendar apps export them. Only VEVENTs are read: DTSTART (a date,
 * or a date-time whose date part is taken as written), the end as DTEND (exclusive, as RFC 5545
 * says for dates) or DURATION in days, and SUMMARY. An event whose summary or categories say it
 * is a working day (班, 上班, 补班, "working day", "make-up") is a make-up working day; every
 * other event is a day off. Pure: the console shows the result before anything is saved.
 */

/** One day read from the file, and what it will be. */
export interface IcsDay {
  date: string;
  summary: string;
  kind: 'holiday' | 'workday';
}

/** What a file yields for one year: the days, and the two lists the calendar API takes. */
export interface IcsYear {
  days: IcsDay[];
  holidays: string[];
  workdays: string[];
  /** Events of the file outside the year (left out). */
  otherYears: number;
}

/** Most events read from one file (a decade of a national feed is a few hundred). */
export const MAX_ICS_EVENTS = 5_000;
/** Longest span one event may cover, in days. */
const MAX_EVENT_DAYS = 366;

const WORKDAY = /班|workday|working day|work day|make-?up/i;

/** Unfold continuation lines (a CRLF followed by a space or tab continues the line). */
const unfold = (text: string): string[] => text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n');

const unescape = (value: string): string => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c)).trim();

/** `20270101` or `20270101T090000Z` → `2027-01-01`, or null. */
const dateOf = (value: string): string | null => {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isLocalDate(date) ? date : null;
};

/** `P3D`, `P1W` → days; anything with a time part counts as the start day only. */
const durationDays = (value: string): number | null => {
  const m = /^P(?:(\d+)W|(\d+)D)$/.exec(value.trim());
  if (!m) return null;
  return m[1] ? Number(m[1]) * 7 : Number(m[2]);
};

/**
 * The holidays and make-up working days of `year` in an .ics file's text. Fails with
 * 'invalid_calendar' when the file is not an iCalendar, has no event, or an event has no readable
 * start; `path` then names the event (its position among the VEVENTs, from 0) and property.
 */
export function parseIcsYear(text: string, year: number): Result<IcsYear> {
  const lines = unfold(text);
  if (!lines.some((l) => l.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    return err('invalid_calendar', 'The file is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR.');
  }
  const byDate = new Map<string, IcsDay>();
  let event: Record<string, string> | null = null;
  let index = -1;
  let otherYears = 0;
  for (const line of lines) {
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VEVENT') {
      event = {};
      if (++index >= MAX_ICS_EVENTS) return err('invalid_calendar', `The file has more than ${MAX_ICS_EVENTS} events.`);
      continue;
    }
    if (!event) continue;
    if (upper === 'END:VEVENT') {
      const found = eventDays(event, index);
      if (!found.ok) return found;
      for (const day of found.value) {
        if (!day.date.startsWith(`${year}-`)) {
          otherYears++;
          continue;
        }
        // A working day wins over a day off on the same date: feeds list 调休 as an exception inside a holiday span.
        const before = byDate.get(day.date);
        if (!before || day.kind === 'workday') byDate.set(day.date, day);
      }
      event = null;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).split(';')[0]!.trim().toUpperCase();
    event[name] ??= line.slice(colon + 1);
  }
  if (index < 0) return err('invalid_calendar', 'The file has no events (VEVENT).');
  const days = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  return ok({
    days,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
    otherYears,
  });
}

function eventDays(event: Record<string, string>, index: number): Result<IcsDay[]> {
  const start = event.DTSTART === undefined ? null : dateOf(event.DTSTART);
  if (!start) return err('invalid_calendar', `Event ${index + 1} has no readable start date (DTSTART).`, { path: [index, 'DTSTART'] });
  let days = 1;
  const end = event.DTEND === undefined ? null : dateOf(event.DTEND);
  if (event.DTEND !== undefined && !end) return err('invalid_calendar', `Event ${index + 1} has an unreadable end (DTEND).`, { path: [index, 'DTEND'] });
  // A date-time end on a later day still covers its own day; a date end is exclusive.
  if (end) days = Math.max(1, epochDay(end) - epochDay(start) + (/T/.test(event.DTEND!) ? 1 : 0));
  else if (event.DURATION !== undefined) days = Math.max(1, durationDays(event.DURATION) ?? 1);
  if (days > MAX_EVENT_DAYS) return err('invalid_calendar', `Event ${index + 1} spans more than a year.`, { path: [index, 'DTEND'] });
  const summary = unescape(event.SUMMARY ?? '');
  const kind = WORKDAY.test(summary) || WORKDAY.test(event.CATEGORIES ?? '') ? 'workday' : 'holiday';
  const first = epochDay(start);
  return ok(Array.from({ length: days }, (_, i) => ({ date: fromEpochDay(first + i), summary, kind })));
}
