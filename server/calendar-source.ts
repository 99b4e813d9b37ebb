import type { Db } from './db/open';
import { calendarVersion, loadCalendarYears } from './store/calendars';
import type { WorkingDayCalendar } from '../shared/domain/calendar';
import { CN_MAINLAND_CALENDAR } from '../shared/domain/calendars/cn-mainland';
import type { CalendarYearSource } from '../shared/schemas/calendar';

/** Where each year of a calendar comes from, and when a stored one was stored. */
export type YearOrigins = Map<number, { source: CalendarYearSource; updatedAt: Date | null }>;

/** Every calendar the server knows: built-in ones with the stored years over them, all in the company zone. */
export interface CalendarSet {
  version: number;
  calendars: Map<string, { calendar: WorkingDayCalendar; origins: YearOrigins }>;
}

/** What a calendar source reads of the app's configuration: the active calendar and the company zone. */
export interface CalendarConfig {
  calendar: WorkingDayCalendar;
  timeZone: string;
}

/** Calendars as stored now, cached per process and reloaded when the change counter moved. */
export interface CalendarSource<C extends CalendarConfig = CalendarConfig> {
  /** Every calendar (one counter read; a reload only after a change). */
  all(): Promise<CalendarSet>;
  /** The app config with `calendar` replaced by the active calendar as stored now, in the company zone. */
  config(): Promise<C>;
}

/**
 * The calendars for one app. Built in: `config.calendar` (the active one's package data, if any)
 * and mainland China (`CN`, the chinese-days package). A stored year (ECHOBOX_CALENDARS_FILE
 * or the admin API) replaces the built-in year. Before each use the process reads the change
 * counter that every calendar write raises, so all processes on one PostgreSQL count the next
 * deadline with a change; `ECHOBOX_TIME_ZONE` is the zone of every calendar.
 */
export function createCalendarSource<C extends CalendarConfig>(db: Db, config: C): CalendarSource<C> {
  const builtIn = [config.calendar, CN_MAINLAND_CALENDAR].filter((cal, i, all) => all.findIndex((c) => c.id === cal.id) === i);
  let cached: Promise<CalendarSet> | undefined;

  const load = async (): Promise<CalendarSet> => {
    const { version, rows } = await loadCalendarYears(db);
    const calendars: CalendarSet['calendars'] = new Map();
    const entry = (id: string) => {
      let found = calendars.get(id);
      if (!found) calendars.set(id, (found = { calendar: { id, timeZone: config.timeZone, years: {} }, origins: new Map() }));
      return found;
    };
    for (const cal of builtIn) {
      const target = entry(cal.id);
      if (cal.weekend) target.calendar.weekend = cal.weekend;
      for (const [year, data] of Object.entries(cal.years)) {
        target.calendar.years[year] = data;
        target.origins.set(Number(year), { source: 'package', updatedAt: null });
      }
    }
    for (const row of rows) {
      const target = entry(row.calendarId);
      target.calendar.years[String(row.year)] = { holidays: row.holidays, workdays: row.workdays };
      target.origins.set(row.year, { source: row.source, updatedAt: row.updatedAt });
    }
    return { version, calendars };
  };

  const all = async (): Promise<CalendarSet> => {
    const version = await calendarVersion(db);
    const current = cached && (await cached.catch(() => undefined));
    if (current && current.version === version) return current;
    const next = load();
    cached = next;
    next.catch(() => {
      if (cached === next) cached = undefined;
    });
    return next;
  };

  return {
    all,
    async config() {
      const set = await all();
      const calendar = set.calendars.get(config.calendar.id)?.calendar ?? { ...config.calendar, timeZone: config.timeZone };
      return { ...config, calendar };
    },
  };
}
