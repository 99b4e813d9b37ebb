import type { Urgency } from '../schemas/enums';
import {
  addWorkingDays,
  latestStartBefore,
  type CalendarOptions,
  type CalendarWarning,
  type Deadline,
  type WorkingDayCalendar,
} from './calendar';
import { err, ok, type Result } from './result';
import { DEFAULT_TIME_ZONE, endOfLocalDay, fromEpochDay, isValidInstant, localEpochDayOf } from './time-zone';

const HOUR_MS = 3_600_000;

/** Response time per urgency (DOMAIN.md §4): urgent in clock hours, the others in working days. */
export const RESPONSE_TIME = {
  urgent: { hours: 24 },
  important: { workingDays: 3 },
  routine: { workingDays: 5 },
} as const satisfies Record<Urgency, { hours: number } | { workingDays: number }>;

/** Calendar days to tell a customer their suggestion was adopted (DOMAIN.md §8). */
export const ADOPTION_NOTICE_DAYS = 7;

/** Working days to open a second communication after a dissatisfied rating (DOMAIN.md §8). */
export const DISSATISFIED_FOLLOW_UP_WORKING_DAYS = 3;

/** Working days a change request must be filed ahead of taking effect (DOMAIN.md §7). */
export const CHANGE_REQUEST_LEAD_WORKING_DAYS = 2;

const plain = (r: Result<Deadline>): Result<Deadline> => (r.ok ? ok({ due: r.value.due, warnings: r.value.warnings }) : r);

/**
 * When a record must be responded to: urgent is 24 hours on the clock, holidays or not;
 * important and routine are 3 and 5 working days, ending at the end of the last counted day.
 */
export const responseDue = (
  recordedAt: Date,
  urgency: Urgency,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<Deadline> => {
  if (urgency === 'urgent') {
    if (!isValidInstant(recordedAt)) return err('invalid_date', 'recordedAt is not a valid instant');
    return ok({ due: new Date(recordedAt.getTime() + RESPONSE_TIME.urgent.hours * HOUR_MS), warnings: [] });
  }
  if (urgency !== 'important' && urgency !== 'routine') {
    return err('validation_failed', 'Unknown urgency', { path: ['urgency'], details: { urgency } });
  }
  return plain(addWorkingDays(recordedAt, RESPONSE_TIME[urgency].workingDays, calendar, options));
};

/** Hours from the customer contact to recording it (DOMAIN.md §3). */
export const RECORDING_HOURS = 24;

/** Calendar days between progress updates while a record is in progress (DOMAIN.md §7). */
export const WEEKLY_PROGRESS_DAYS = 7;

/** Calendar days after release to confirm the improvement worked, unless the company sets another (DOMAIN.md §12). */
export const POST_RELEASE_FOLLOW_UP_DAYS = 14;

/**
 * The end of the n-th calendar day after `from` in the company zone (the day of `from` does not
 * count), as working-day deadlines end: "within 1 week" of a Tuesday decision ends next Tuesday.
 */
export const addCalendarDays = (from: Date, n: number, timeZone: string = DEFAULT_TIME_ZONE): Result<Deadline> => {
  if (!Number.isSafeInteger(n) || n < 0) return err('validation_failed', 'n must be a whole number from 0', { path: ['n'] });
  const day = localEpochDayOf(from, timeZone);
  if (!day.ok) return day;
  const date = fromEpochDay(day.value + n);
  if (!date) return err('invalid_date', 'The deadline falls after the year 9999');
  const due = endOfLocalDay(date, timeZone);
  return due.ok ? ok({ due: due.value, warnings: [] }) : due;
};

/**
 * When an adopted suggestion must have been announced to the customer: 7 calendar days,
 * counted like working days (the decision day does not count; due at the end of the 7th day
 * in the company zone).
 */
export const adoptionNoticeDue = (decidedAt: Date, timeZone: string = DEFAULT_TIME_ZONE): Result<Deadline> =>
  addCalendarDays(decidedAt, ADOPTION_NOTICE_DAYS, timeZone);

/** When the second communication after a dissatisfied rating is due: 3 working days. */
export const dissatisfiedFollowUpDue = (
  ratedAt: Date,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<Deadline> => plain(addWorkingDays(ratedAt, DISSATISFIED_FOLLOW_UP_WORKING_DAYS, calendar, options));

/**
 * The latest instant a change request may be filed for a change taking effect on `effective`
 * (a local date, or an instant read in the calendar's zone): the effective day must be at
 * least 2 working days after the filing day, e.g. effective Thursday → file by end of Tuesday.
 */
export const changeRequestLatestFiling = (
  effective: string | Date,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<Deadline> => {
  const start = latestStartBefore(effective, CHANGE_REQUEST_LEAD_WORKING_DAYS, calendar, options);
  if (!start.ok) return start;
  const due = endOfLocalDay(start.value.date, calendar.timeZone);
  return due.ok ? ok({ due: due.value, warnings: start.value.warnings }) : due;
};

/** Whether a change request filed at `filedAt` was filed at least 2 working days ahead of `effective`, and by when it was due. */
export const isChangeRequestTimely = (
  filedAt: Date,
  effective: string | Date,
  calendar: WorkingDayCalendar,
  options: CalendarOptions = {},
): Result<{ timely: boolean; dueBy: Date; warnings: CalendarWarning[] }> => {
  if (!isValidInstant(filedAt)) return err('invalid_date', 'filedAt is not a valid instant');
  const latest = changeRequestLatestFiling(effective, calendar, options);
  return latest.ok
    ? ok({ timely: filedAt.getTime() <= latest.value.due.getTime(), dueBy: latest.value.due, warnings: latest.value.warnings })
    : latest;
};

/** True once `now` is past `due` (due is inclusive: the last millisecond of a day is still on time); false for invalid dates. */
export const isOverdue = (due: Date, now: Date): boolean =>
  isValidInstant(due) && isValidInstant(now) && now.getTime() > due.getTime();
