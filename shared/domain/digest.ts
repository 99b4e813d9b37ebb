import { addWorkingDays, isWorkingDay, type WorkingDayCalendar } from './calendar';
import { localDateOf } from './time-zone';
import { err, ok, type Result } from './result';

/** Local hour (0–23, company time zone) the daily digest goes out at by default. */
export const DEFAULT_DIGEST_HOUR = 9;

/** The digest due at `now`: its local date (one digest per person and date) and what it covers. */
export interface DigestWindow {
  /** Local date 'YYYY-MM-DD' in the calendar's zone: the digest's identity per person. */
  day: string;
  /** Obligations due up to this instant (the end of the next working day) are listed as due soon. */
  dueBefore: Date;
}

const hourOf = (instant: Date, timeZone: string): number =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(instant));

/**
 * Whether a daily digest is due at `now`: only on working days of `calendar` (in its time zone), from
 * local `hour` on; null otherwise. The window lists what is due up to the end of the next working day.
 */
export const digestWindow = (now: Date, hour: number, calendar: WorkingDayCalendar): Result<DigestWindow | null> => {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) return err('validation_failed', 'The digest hour must be a whole number from 0 to 23', { path: ['hour'] });
  const working = isWorkingDay(now, calendar);
  if (!working.ok) return working;
  if (!working.value.working || hourOf(now, calendar.timeZone) < hour) return ok(null);
  const day = localDateOf(now, calendar.timeZone);
  if (!day.ok) return day;
  const next = addWorkingDays(now, 1, calendar);
  if (!next.ok) return next;
  return ok({ day: day.value, dueBefore: next.value.due });
};

/** One open obligation a person answers for, as the digest query finds it. */
export interface DigestCandidate {
  recordId: string;
  recordNumber: string;
  kind: string;
  dueAt: Date;
  metAt: Date | null;
}

/** One line of a digest: an obligation, and whether it is already overdue. */
export interface DigestLine {
  recordNumber: string;
  kind: string;
  dueAt: Date;
  overdue: boolean;
}

/** What one person's digest lists: at most `max` lines, and how many obligations and records it covers in all. */
export interface DigestContents {
  lines: DigestLine[];
  /** Obligations listed or left out for lack of room. */
  total: number;
  /** Records they belong to. */
  records: number;
}

/**
 * What goes into a person's digest (DOMAIN.md §12, §13): every open obligation of their records that
 * is breached or due before the window ends, not only each record's first, so a record owing a
 * response and a progress update shows both. Most urgent first (ties by record number, then kind);
 * met ones and those due later are left out.
 */
export function digestContents(candidates: readonly DigestCandidate[], window: Pick<DigestWindow, 'dueBefore'>, now: Date, max: number): DigestContents {
  const due = candidates
    .filter((c) => c.metAt === null && c.dueAt.getTime() <= window.dueBefore.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.recordNumber.localeCompare(b.recordNumber) || a.kind.localeCompare(b.kind));
  return {
    lines: due.slice(0, Math.max(0, max)).map((c) => ({ recordNumber: c.recordNumber, kind: c.kind, dueAt: c.dueAt, overdue: c.dueAt.getTime() <= now.getTime() })),
    total: due.length,
    records: new Set(due.map((c) => c.recordId)).size,
  };
}
