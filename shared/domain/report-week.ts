import { endOfLocalDay, epochDay, fromEpochDay, localEpochDayOf, weekdayOf } from './time-zone';
import { err, ok, type Result } from './result';

/*
 * The weekly progress report (DOMAIN.md §7) covers one ISO week (Monday to Sunday, `2026-W11`) of the
 * company's calendar: progress is owed every 7 days, and a week that starts on Monday is how the
 * meeting reads it. Weeks are local to the company's time zone, like every deadline.
 */

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** A week of the company's calendar: its name, first and last day, and the instants it spans (end exclusive). */
export interface ReportWeek {
  week: string;
  firstDay: string;
  lastDay: string;
  start: Date;
  end: Date;
}

const mondayOf = (day: number): number => day - ((weekdayOf(day) + 6) % 7);

/** Day number of the Monday of ISO week 1 of `year` (the week holding 4 January). */
const firstMonday = (year: number): number => mondayOf(epochDay(`${String(year).padStart(4, '0')}-01-04`));

/** The ISO week (`YYYY-Www`) holding the local day of `instant` in `timeZone`. */
export function isoWeekOf(instant: Date, timeZone: string): Result<string> {
  const day = localEpochDayOf(instant, timeZone);
  if (!day.ok) return day;
  // The week belongs to the year its Thursday falls in.
  const thursday = mondayOf(day.value) + 3;
  const year = Number(fromEpochDay(thursday).slice(0, 4));
  const week = Math.floor((thursday - firstMonday(year)) / 7) + 1;
  return ok(`${year}-W${String(week).padStart(2, '0')}`);
}

/** The days and instants of an ISO week `YYYY-Www` in `timeZone`; 'invalid_date' for a week the year does not have. */
export function reportWeek(week: string, timeZone: string): Result<ReportWeek> {
  const m = typeof week === 'string' ? WEEK_RE.exec(week) : null;
  const year = Number(m?.[1]);
  const n = Number(m?.[2]);
  // A year has 53 weeks when week 53's Thursday still falls in it.
  const weeks = m ? (firstMonday(year + 1) - firstMonday(year)) / 7 : 0;
  if (!m || year < 1001 || year > 9998 || n < 1 || n > weeks) {
    return err('invalid_date', 'week must be an ISO week YYYY-Www that the year has', { path: ['week'] });
  }
  const monday = firstMonday(year) + (n - 1) * 7;
  const before = endOfLocalDay(fromEpochDay(monday - 1), timeZone);
  const last = endOfLocalDay(fromEpochDay(monday + 6), timeZone);
  if (!before.ok) return before;
  if (!last.ok) return last;
  return ok({
    week,
    firstDay: fromEpochDay(monday),
    lastDay: fromEpochDay(monday + 6),
    start: new Date(before.value.getTime() + 1),
    end: new Date(last.value.getTime() + 1),
  });
}
