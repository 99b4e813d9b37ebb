import type { WorkingDayCalendar } from './calendar';
import { err, ok, type Result } from './result';
import { epochDay, localDateOf } from './time-zone';

/** How many days before a year begins a missing calendar for it is announced (DOMAIN.md §11). */
export const CALENDAR_LEAD_DAYS = 60;

/** A year the calendar has no data for that deadlines fall into now or soon. */
export interface CalendarGap {
  calendarId: string;
  year: number;
  /** First day of the year, 'YYYY-MM-DD'. */
  startsOn: string;
  /** Days from today (in the zone) to `startsOn`; 0 or less once the year has begun. */
  daysUntil: number;
}

/**
 * The years `calendar` lacks that matter at `now`: the current year, and the next one from
 * `leadDays` before it begins, "today" being read in `timeZone` (default the calendar's). An
 * administrator has that long to load the State Council's schedule (published each November).
 */
export const calendarGaps = (
  calendar: WorkingDayCalendar,
  now: Date,
  options: { timeZone?: string; leadDays?: number } = {},
): Result<CalendarGap[]> => {
  const leadDays = options.leadDays ?? CALENDAR_LEAD_DAYS;
  if (!Number.isSafeInteger(leadDays) || leadDays < 0 || leadDays > 366) {
    return err('validation_failed', 'leadDays must be a whole number from 0 to 366', { path: ['leadDays'] });
  }
  const today = localDateOf(now, options.timeZone ?? calendar.timeZone);
  if (!today.ok) return today;
  const year = Number(today.value.slice(0, 4));
  const gaps: CalendarGap[] = [];
  for (const y of [year, year + 1]) {
    const startsOn = `${y}-01-01`;
    const daysUntil = epochDay(startsOn) - epochDay(today.value);
    if (daysUntil <= leadDays && !Object.hasOwn(calendar.years, String(y))) {
      gaps.push({ calendarId: calendar.id, year: y, startsOn, daysUntil });
    }
  }
  return ok(gaps);
};
