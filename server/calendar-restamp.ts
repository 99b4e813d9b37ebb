import { sql } from 'drizzle-orm';
import type { Db } from './db/open';
import type { JobHandler } from './jobs/runner';
import { enqueue, type JobWriter } from './jobs/queue';
import { restampObligations } from './store/obligation-restamp';
import type { WorkingDayCalendar } from '../shared/domain/calendar';

/** The job kind that counts deadlines again after a year of a calendar changed. */
export const OBLIGATIONS_RESTAMP = 'obligations.restamp';

/** What a restamp job carries: which calendar changed, and which year of it. */
interface RestampPayload {
  calendarId: string;
  year: number;
}

/**
 * Queue a restamp in the transaction that changes a calendar's year, so the deadlines are counted
 * again exactly when the change commits, and after a restart if the process stops meanwhile.
 */
export function enqueueRestamp(tx: JobWriter, payload: RestampPayload, now: Date): Promise<boolean> {
  return enqueue(tx, OBLIGATIONS_RESTAMP, payload, { now });
}

/**
 * Counts again every deadline a changed year can move (server/store/obligation-restamp.ts), with
 * the active calendar as stored when the job runs; a change to another calendar moves nothing.
 */
export function restampJob(deps: { activeCalendar: () => Promise<WorkingDayCalendar> }): JobHandler {
  return async (payload, ctx) => {
    const { calendarId, year } = (payload ?? {}) as Partial<RestampPayload>;
    if (typeof calendarId !== 'string' || !Number.isInteger(year)) throw new Error('obligations.restamp: payload without calendarId and year');
    const calendar = await deps.activeCalendar();
    if (calendar.id !== calendarId) return;
    // A day before the year begins in any time zone: nothing due earlier depends on the year.
    const from = new Date(Date.UTC(year as number, 0, 1) - 86_400_000);
    await restampObligations(ctx.db, calendar, { from, now: () => ctx.now });
  };
}

/**
 * At start: years that flagged deadlines were counted without and that the calendar now has (a
 * `chinese-days` update brought them) get a restamp job, as a stored change would. Returns the years.
 */
export async function restampYearsNowKnown(db: Db, calendar: WorkingDayCalendar, now: Date): Promise<number[]> {
  const result = (await db.execute(sql`
    SELECT DISTINCT (y.value)::int AS year
    FROM records r, jsonb_array_elements_text(r.doc -> 'dueCalendarMissing') AS y(value)
    WHERE r.doc ? 'dueCalendarMissing'
    ORDER BY 1`)) as unknown as { rows: { year: number }[] };
  const known = result.rows.map((r) => r.year).filter((year) => calendar.years[String(year)] !== undefined);
  for (const year of known) await enqueueRestamp(db, { calendarId: calendar.id, year }, now);
  return known;
}
