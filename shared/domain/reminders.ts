import { addWorkingDays, type WorkingDayCalendar } from './calendar';
import { err, ok, type Result } from './result';

const HOUR_MS = 3_600_000;

/** How far ahead staff hear of an obligation (issue 12): one working day, urgent records 4 hours. */
export interface ReminderLead {
  workingDays: number;
  urgentHours: number;
}

/** The default lead: one working day; urgent records 4 clock hours. */
export const DEFAULT_REMINDER_LEAD: ReminderLead = { workingDays: 1, urgentHours: 4 };

/** Up to when obligations count as due soon at `now`: for urgent records, and for all others. */
export interface ReminderHorizon {
  urgent: Date;
  other: Date;
}

/**
 * The instants up to which an open obligation is "due soon" at `now`: `urgentHours` on the clock
 * for urgent records, the end of the `workingDays`-th working day after today for the others.
 */
export const reminderHorizon = (now: Date, lead: ReminderLead, calendar: WorkingDayCalendar): Result<ReminderHorizon> => {
  if (!(lead.urgentHours > 0) || !Number.isInteger(lead.workingDays) || lead.workingDays < 0) {
    return err('validation_failed', 'A reminder lead needs urgentHours > 0 and a whole number of working days', { path: ['lead'] });
  }
  const other = addWorkingDays(now, lead.workingDays, calendar);
  if (!other.ok) return other;
  return ok({ urgent: new Date(now.getTime() + lead.urgentHours * HOUR_MS), other: other.value.due });
};
