import type { WorkingDayCalendar } from './calendar';
import { isWorkingDay } from './calendar';
import { endOfLocalDay, localDateOf } from './time-zone';
import { err, ok, type Result } from './result';
import type { ComplianceState } from '../schemas/compliance-state';

/**
 * The compliance state of one obligation at `now`. It is the same rule as `computeObligations`
 * (breached means now is after the due instant) and server/reports/obligation-state.ts spells it in SQL.
 */
export function complianceState(o: { dueAt: string; metAt: string | null }, now: Date): ComplianceState {
  const due = Date.parse(o.dueAt);
  if (o.metAt !== null) return Date.parse(o.metAt) > due ? 'met_late' : 'met_in_time';
  return now.getTime() > due ? 'breached' : 'open';
}

/** Longest span `workingTimeBetween` walks day by day (about 10 years), so hostile input cannot spin. */
const MAX_DAYS = 3660;
const DAY_MS = 86_400_000;

/**
 * Working time between two instants (DOMAIN.md §11): the part of [from, to] that falls on working
 * days of the calendar, in its zone, whole days counting 24 hours. A reply sent on Monday to a
 * Friday-evening message took Friday's rest and Monday's start, not the weekend. Negative spans are 0.
 */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkingDayCalendar): Result<number> {
  if (to.getTime() <= from.getTime()) return ok(0);
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) return err('validation_failed', 'The span is longer than ten years');
  let total = 0;
  let cursor = from.getTime();
  while (cursor < to.getTime()) {
    const date = localDateOf(new Date(cursor), calendar.timeZone);
    if (!date.ok) return date;
    const end = endOfLocalDay(date.value, calendar.timeZone);
    if (!end.ok) return end;
    const dayEnd = Math.min(end.value.getTime() + 1, to.getTime());
    const working = isWorkingDay(date.value, calendar);
    if (!working.ok) return working;
    if (working.value.working) total += dayEnd - cursor;
    cursor = dayEnd;
  }
  return ok(total);
}

/**
 * When a record was done (DOMAIN.md §4 status 已完成): the last completion in its audit trail while it
 * is done or closed; null while it is still being handled (a reopened record is not done).
 */
export function completedAt(status: string, audit: readonly { action: string; at: string }[]): Date | null {
  if (status !== 'done' && status !== 'closed') return null;
  const entry = audit.findLast((e) => e.action === 'transition:complete');
  return entry ? new Date(entry.at) : null;
}
