import { err, ok, type Result } from './result';
import { isTimeZone } from './time-zone';

/*
 * Wall-clock times of a zone, as a datetime-local input writes them ('YYYY-MM-DDTHH:mm'): the
 * console reads and shows them in the company's zone (where deadlines are counted), not in
 * whatever zone the browser happens to be in.
 */

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
};

// The zone's wall clock at `t` written as if it were UTC, in ms.
const wallAt = (t: number, timeZone: string): number => {
  const v: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(t)) if (p.type !== 'literal') v[p.type] = Number(p.value);
  return Date.UTC(v.year!, v.month! - 1, v.day!, v.hour!, v.minute!, v.second!);
};

/**
 * The instant a wall-clock time 'YYYY-MM-DDTHH:mm' in `timeZone` stands for. Across a DST change
 * the offset is read twice; a time the clocks skip lands just after the skip.
 */
export const instantOfLocalTime = (local: string, timeZone: string): Result<Date> => {
  const m = LOCAL_TIME.exec(local);
  if (!isTimeZone(timeZone)) return err('invalid_time_zone', 'Unknown IANA time zone', { details: { timeZone } });
  const fields = m ? m.slice(1).map(Number) : [];
  const [y, mo, d, h, mi] = fields as [number, number, number, number, number];
  const asUtc = m ? Date.UTC(y, mo - 1, d, h, mi) : Number.NaN;
  const back = new Date(asUtc);
  if (!m || y < 1000 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) {
    return err('invalid_date', "Not a real time written 'YYYY-MM-DDTHH:mm'", { details: { local } });
  }
  const first = asUtc - (wallAt(asUtc, timeZone) - asUtc);
  return ok(new Date(asUtc - (wallAt(first, timeZone) - first)));
};

/** The wall-clock time 'YYYY-MM-DDTHH:mm' of an instant in `timeZone`, as a datetime-local input shows it. */
export const localTimeOf = (instant: Date, timeZone: string): Result<string> => {
  if (!isTimeZone(timeZone)) return err('invalid_time_zone', 'Unknown IANA time zone', { details: { timeZone } });
  if (Number.isNaN(instant.getTime())) return err('invalid_date', 'Not a valid instant');
  return ok(new Date(wallAt(instant.getTime(), timeZone)).toISOString().slice(0, 16));
};
