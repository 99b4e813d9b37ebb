import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { enqueueRestamp } from '../calendar-restamp';
import { calendarState, calendarYears } from '../db/schema';
import type { CalendarFileEntry, CalendarYearBody } from '../../shared/schemas/calendar';

/** A calendar year a company stored, from ECHOBOX_CALENDARS_FILE or the admin API. */
export interface StoredCalendarYear {
  calendarId: string;
  year: number;
  holidays: string[];
  workdays: string[];
  source: 'file' | 'api';
  updatedAt: Date;
}

const columns = {
  calendarId: calendarYears.calendarId,
  year: calendarYears.year,
  holidays: calendarYears.holidays,
  workdays: calendarYears.workdays,
  source: calendarYears.source,
  updatedAt: calendarYears.updatedAt,
};
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// Raised in the writing transaction, so a process that reads the new version also reads the new rows.
const bump = (tx: Tx) => tx.update(calendarState).set({ version: sql`${calendarState.version} + 1` }).where(eq(calendarState.id, 1));

/** The calendar change counter: one primary-key read, done before each deadline to see whether the cache is stale. */
export async function calendarVersion(db: Db): Promise<number> {
  const [row] = await db.select({ version: calendarState.version }).from(calendarState).where(eq(calendarState.id, 1));
  return Number(row?.version ?? 0);
}

/** Every stored calendar year, with the version read before them (a change racing the read is picked up by the next check). */
export async function loadCalendarYears(db: Db): Promise<{ version: number; rows: StoredCalendarYear[] }> {
  const version = await calendarVersion(db);
  const rows = await db.select(columns).from(calendarYears).orderBy(asc(calendarYears.calendarId), asc(calendarYears.year));
  return { version, rows: rows as StoredCalendarYear[] };
}

/** Store one year of a calendar through the admin API, replacing what was stored for it. */
export async function putCalendarYear(
  db: Db,
  calendarId: string,
  year: number,
  body: CalendarYearBody,
  by: { userId: string; at: Date },
): Promise<StoredCalendarYear> {
  return db.transaction(async (tx) => {
    const values = { calendarId, year, ...body, source: 'api', updatedAt: by.at, updatedBy: by.userId };
    const [row] = await tx
      .insert(calendarYears)
      .values(values)
      .onConflictDoUpdate({ target: [calendarYears.calendarId, calendarYears.year], set: values })
      .returning(columns);
    await bump(tx);
    await enqueueRestamp(tx, { calendarId, year }, by.at);
    return row as StoredCalendarYear;
  });
}

/** Remove a stored year (the package's year, if any, applies again); false when none was stored. */
export async function deleteCalendarYear(db: Db, calendarId: string, year: number, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(calendarYears)
      .where(and(eq(calendarYears.calendarId, calendarId), eq(calendarYears.year, year)))
      .returning({ year: calendarYears.year });
    if (gone.length) {
      await bump(tx);
      await enqueueRestamp(tx, { calendarId, year }, at);
    }
    return gone.length > 0;
  });
}

/**
 * Store ECHOBOX_CALENDARS_FILE's years at start: each replaces the stored year, and the version
 * rises only when something changed, so processes starting with the same file do not reload in vain.
 */
export async function storeCalendarsFile(db: Db, entries: readonly CalendarFileEntry[], at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    let changed = 0;
    for (const entry of entries) {
      for (const [key, body] of Object.entries(entry.years)) {
        const values = { calendarId: entry.id, year: Number(key), holidays: body.holidays, workdays: body.workdays, source: 'file', updatedAt: at, updatedBy: null };
        const rows = await tx
          .insert(calendarYears)
          .values(values)
          .onConflictDoUpdate({
            target: [calendarYears.calendarId, calendarYears.year],
            set: values,
            setWhere: sql`(${calendarYears.holidays}, ${calendarYears.workdays}, ${calendarYears.source}) IS DISTINCT FROM (excluded.holidays, excluded.workdays, excluded.source)`,
          })
          .returning({ year: calendarYears.year });
        changed += rows.length;
        if (rows.length) await enqueueRestamp(tx, { calendarId: entry.id, year: Number(key) }, at);
      }
    }
    if (changed) await bump(tx);
    return changed;
  });
}
