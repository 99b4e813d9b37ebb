import { countWorkingDays, type WorkingDayCalendar } from './calendar';
import type { Result } from './result';

/** How an open obligation stands (DOMAIN.md §12): on track, due within one working day, or breached. */
export type Standing = 'on_track' | 'due_soon' | 'breached';

/** Time left until (or, breached, since) a due instant, as the queue shows it. */
export interface TimeLeft {
  standing: Standing;
  /** Working days between today and the due day on the company calendar (today itself not counted). */
  workingDays: number;
  /** Whole clock hours until the due instant (since it, when breached). */
  hours: number;
}

const HOUR = 3_600_000;

/**
 * Where an obligation due at `dueAt` stands at `now`: breached once past due; due soon when its due
 * day is today or the next working day; on track otherwise. Working days are counted on `calendar`
 * like every deadline, so a Friday evening is one working day from Monday, not three days.
 */
export function timeLeft(dueAt: Date, now: Date, calendar: WorkingDayCalendar): Result<TimeLeft> {
  const ms = dueAt.getTime() - now.getTime();
  const days = ms < 0 ? countWorkingDays(dueAt, now, calendar) : countWorkingDays(now, dueAt, calendar);
  if (!days.ok) return days;
  const workingDays = Math.abs(days.value.count);
  const standing: Standing = ms < 0 ? 'breached' : workingDays <= 1 ? 'due_soon' : 'on_track';
  return { ok: true, value: { standing, workingDays, hours: Math.floor(Math.abs(ms) / HOUR) } };
}
