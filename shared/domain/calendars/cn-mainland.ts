import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarYear, WorkingDayCalendar } from '../calendar';
import { DEFAULT_TIME_ZONE } from '../time-zone';

/** The part of the `chinese-days` package's data a working-day calendar needs: date → holiday name. */
export interface ChineseDaysData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}

/**
 * A working-day calendar from `chinese-days` data (State Council schedules, 2004 onward): its
 * holidays are the days off, its workdays the make-up working days (调休上班). Pure, so the
 * server, tests and a browser build the same calendar from the same data.
 */
export const calendarFromChineseDays = (
  data: ChineseDaysData,
  id = 'CN',
  timeZone = DEFAULT_TIME_ZONE,
): WorkingDayCalendar => {
  const years: Record<string, CalendarYear> = {};
  const yearOf = (date: string) => (years[date.slice(0, 4)] ??= { holidays: [], workdays: [] });
  for (const date of Object.keys(data.holidays).sort()) yearOf(date).holidays.push(date);
  for (const date of Object.keys(data.workdays).sort()) yearOf(date).workdays.push(date);
  return { id, timeZone, years };
};

/**
 * Mainland China (`CN`) as the installed `chinese-days` package carries it. The data is bundled
 * with the code (no I/O); `npm update chinese-days` each November brings the next year's schedule.
 */
export const CN_MAINLAND_CALENDAR: WorkingDayCalendar = calendarFromChineseDays(chineseDays);
