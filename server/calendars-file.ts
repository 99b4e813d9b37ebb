import * as z from 'zod/mini';
import { readJsonConfigFile } from './config-file';
import { parseCalendarYear } from '../shared/domain/calendar';
import { CalendarFileEntry, CalendarsFile } from '../shared/schemas/calendar';

/**
 * The company's calendar years from the JSON file ECHOBOX_CALENDARS_FILE names: an array of
 * `{ "id": "CN", "years": { "2027": { "holidays": [...], "workdays": [...] } } }`, or
 * `{ "calendars": [...] }`. Each year replaces the stored (and the package's) year at start.
 * Anything wrong stops the start with a message naming the file and the field.
 */
export function readCalendarsFile(path: string): CalendarFileEntry[] {
  const { json, fail } = readJsonConfigFile('ECHOBOX_CALENDARS_FILE', path);
  // Parsed as the form it has, so an error's path points into the file as written.
  const wrapped = !Array.isArray(json);
  const parsed = z.safeParse(wrapped ? CalendarsFile : z.array(CalendarFileEntry), json);
  if (!parsed.success) throw fail(`is not a list of calendars:\n${z.prettifyError(parsed.error)}`);
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.calendars;
  const ids = entries.map((e) => e.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw fail(`defines the calendar "${twice}" twice.`);
  entries.forEach((entry, i) => {
    for (const [year, body] of Object.entries(entry.years)) {
      const checked = parseCalendarYear(Number(year), body);
      if (checked.ok) continue;
      const issue = (checked.error.details?.issues as { path: string[]; message: string }[])[0];
      const tail = (issue?.path ?? []).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
      const field = `${wrapped ? `calendars[${i}]` : `[${i}]`}.years.${year}${tail}`;
      throw fail(`has an invalid calendar year at ${field}: ${issue?.message ?? checked.error.message}.`);
    }
  });
  return entries;
}
