import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../context';
import type { CalendarSet, YearOrigins } from '../calendar-source';
import { fail } from '../errors';
import { validate } from '../middleware/validate';
import { staffAuth } from '../middleware/staff-auth';
import { requirePermission } from '../middleware/require-permission';
import { deleteCalendarYear, putCalendarYear } from '../store/calendars';
import { parseCalendarYear, type WorkingDayCalendar } from '../../shared/domain/calendar';
import { calendarGaps } from '../../shared/domain/calendar-coverage';
import {
  CalendarId,
  CalendarYearBody,
  CalendarYearKey,
  type CalendarGapView,
  type CalendarList,
  type CalendarView,
  type CalendarYearView,
} from '../../shared/schemas/calendar';

const IdParam = z.object({ id: CalendarId });
const YearParam = z.object({ id: CalendarId, year: CalendarYearKey });
const notFound = (what: string) => fail.notFound(what);

/** The years `calendar` lacks at `now` (this year, and next year from 60 days before it). */
export const gapsOf = (calendar: WorkingDayCalendar, now: Date): CalendarGapView[] => {
  const gaps = calendarGaps(calendar, now);
  return gaps.ok ? gaps.value : [];
};

const yearViews = (calendar: WorkingDayCalendar, origins: YearOrigins): CalendarYearView[] =>
  [...origins.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const origin = origins.get(year)!;
      const data = calendar.years[String(year)]!;
      return { year, source: origin.source, holidays: data.holidays, workdays: data.workdays, updatedAt: origin.updatedAt?.toISOString() ?? null };
    });

const find = (set: CalendarSet, id: string) => {
  const found = set.calendars.get(id);
  if (!found) throw notFound(`The calendar ${id}`);
  return found;
};

/**
 * Working-day calendars (DOMAIN.md §11): the built-in mainland China one from the chinese-days
 * package, and the years a company adds or overrides (stored in the database; a stored year
 * replaces the package's). Admins only, `calendar.manage`. Mounted at /api/v1/calendars.
 */
export const calendarsRoutes = new Hono<AppEnv>()
  .use(staffAuth(), requirePermission('calendar.manage'))
  .get('/', async (c) => {
    const { config, now } = c.get('deps');
    const set = await c.get('calendars').all();
    const active = find(set, config.calendar.id).calendar;
    const body: CalendarList = {
      active: config.calendar.id,
      timeZone: config.timeZone,
      gaps: gapsOf(active, now()),
      items: [...set.calendars.values()]
        .map(({ calendar, origins }) => ({
          id: calendar.id,
          active: calendar.id === config.calendar.id,
          years: [...origins].sort(([a], [b]) => a - b).map(([year, { source }]) => ({ year, source })),
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
    return c.json(body);
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const { config, now } = c.get('deps');
    const { calendar, origins } = find(await c.get('calendars').all(), c.req.valid('param').id);
    const body: CalendarView = {
      id: calendar.id,
      active: calendar.id === config.calendar.id,
      timeZone: config.timeZone,
      gaps: gapsOf(calendar, now()),
      years: yearViews(calendar, origins),
    };
    return c.json(body);
  })
  .put('/:id/years/:year', validate('param', YearParam), validate('json', CalendarYearBody), async (c) => {
    const { id, year: key } = c.req.valid('param');
    const year = Number(key);
    const checked = parseCalendarYear(year, c.req.valid('json'));
    if (!checked.ok) {
      const issues = (checked.error.details?.issues ?? []) as { path: string[]; message: string }[];
      throw fail.validation(
        issues.map((i) => ({ path: i.path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), code: 'invalid_calendar', message: i.message })),
        checked.error.message,
      );
    }
    const { db, now } = c.get('deps');
    const stored = await putCalendarYear(db, id, year, checked.value, { userId: c.get('actor').id, at: now() });
    const body: CalendarYearView = {
      year,
      source: stored.source,
      holidays: stored.holidays,
      workdays: stored.workdays,
      updatedAt: stored.updatedAt.toISOString(),
    };
    return c.json(body);
  })
  .delete('/:id/years/:year', validate('param', YearParam), async (c) => {
    const { id, year } = c.req.valid('param');
    if (!(await deleteCalendarYear(c.get('deps').db, id, Number(year), c.get('deps').now()))) throw notFound(`A stored ${year} of the calendar ${id}`);
    return c.body(null, 204);
  });
