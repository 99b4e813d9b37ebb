import { localDateOf, startOfLocalDay } from './time-zone';

/** A month or quarter of the company's calendar: its label and the instants it begins and ends at. */
export interface ZonedPeriod {
  /** 'YYYY-MM' for a month, 'YYYY-Qn' for a quarter. */
  label: string;
  /** First instant, ISO. */
  start: string;
  /** First instant of the next period, ISO. */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The months (`span` 1) or quarters (`span` 3) of `timeZone` overlapping [from, to), in order, each
 * whole (a caller clips the first and last to the range). Empty when the zone or range is unusable.
 */
export function zonedMonths(from: Date, to: Date, timeZone: string, span: 1 | 3): ZonedPeriod[] {
  const first = localDateOf(from, timeZone);
  if (!first.ok || from >= to) return [];
  let year = Number(first.value.slice(0, 4));
  let month = Math.floor((Number(first.value.slice(5, 7)) - 1) / span) * span + 1;
  const out: ZonedPeriod[] = [];
  let start = startOfLocalDay(`${year}-${pad(month)}-01`, timeZone);
  // 12,000 months is the whole of the years 1000–9999 the calendar functions accept.
  while (start.ok && start.value < to && out.length < 12_000) {
    const [nextYear, nextMonth] = month + span > 12 ? [year + 1, month + span - 12] : [year, month + span];
    const end = startOfLocalDay(`${nextYear}-${pad(nextMonth)}-01`, timeZone);
    if (!end.ok) break;
    out.push({ label: span === 3 ? `${year}-Q${(month + 2) / 3}` : `${year}-${pad(month)}`, start: start.value.toISOString(), end: end.value.toISOString() });
    [year, month, start] = [nextYear, nextMonth, end];
  }
  return out;
}
