import { and, asc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { recordObligations as o, records } from '../db/schema';
import { timeLeft } from '../../shared/domain/time-left';
import type { ReportWeek } from '../../shared/domain/report-week';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import { REPORT_MAX_ROWS } from '../../shared/schemas/report-assessment-sheet';
import type { WeeklyObligation, WeeklyProgress, WeeklyProgressRow } from '../../shared/schemas/report-weekly-progress';
import type { ObligationKind } from '../../shared/schemas/obligation';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import { groupByDepartment } from './report-groups';

/** What the weekly report is computed for: the week, the departments, the clock and the company calendar. */
export interface WeeklyScope {
  week: ReportWeek;
  departments: readonly string[] | undefined;
  now: Date;
  calendar: WorkingDayCalendar;
}

/** An unmet obligation row of a record. */
interface Owed {
  kind: ObligationKind;
  dueAt: Date;
}

/** The department that carries the work out: the responsible one the meeting named, else the collecting one. */
const executingDepartment = sql<string>`COALESCE(${records.doc}->>'responsibleDepartment', ${records.department})`;

const within = (at: string, week: ReportWeek) => {
  const ms = Date.parse(at);
  return ms >= week.start.getTime() && ms < week.end.getTime();
};

/** One record's line of the report (DOMAIN.md §7), given what it still owes. */
export function weeklyRow(r: EchoRecord, doneAt: Date | null, owed: readonly Owed[], s: WeeklyScope): WeeklyProgressRow {
  const left = (due: Date) => {
    const result = timeLeft(due, s.now, s.calendar);
    return result.ok ? result.value : undefined;
  };
  const reached = r.progress.filter((p) => Date.parse(p.at) < s.week.end.getTime());
  const last = reached[reached.length - 1];
  const task = owed.find((x) => x.kind === 'task_completion');
  const obligations: WeeklyObligation[] = owed
    .filter((x) => x.dueAt.getTime() < s.week.end.getTime())
    .map((x) => {
      const tl = left(x.dueAt);
      return { kind: x.kind, dueAt: x.dueAt.toISOString(), state: x.dueAt.getTime() < s.now.getTime() ? 'breached' : 'open', ...(tl ? { timeLeft: tl } : {}) };
    });
  return {
    id: r.id,
    recordNumber: r.recordNumber,
    department: r.department,
    responsibleDepartment: r.responsibleDepartment,
    problem: r.problem,
    status: r.status,
    priority: r.assessment?.priority ?? null,
    owner: r.owner,
    goal: r.taskOrder?.goal ?? null,
    milestone: last?.milestone ?? null,
    progress: r.progress.filter((p) => within(p.at, s.week)),
    lastProgressAt: last?.at ?? null,
    deadline: r.taskOrder?.deadline ?? null,
    deadlineLeft: task ? (left(task.dueAt) ?? null) : null,
    doneAt: doneAt?.toISOString() ?? null,
    obligations,
    changeRequests: r.changeRequests.filter((c) => c.state === 'pending' || within(c.filedAt, s.week)),
  };
}

/**
 * The weekly progress report (需求处理进度跟踪表, DOMAIN.md §7): records in progress now, and those
 * completed during the week, not merged away, grouped by the department carrying them out. Each says
 * where it stands: milestone, the week's updates, deadline and time left, what it owes by the week's
 * end (breached or still open) and its change requests.
 */
export async function weeklyProgress(db: Db, s: WeeklyScope): Promise<WeeklyProgress> {
  const where: SQL[] = [
    isNull(records.mergedInto),
    or(eq(records.status, 'in_progress'), and(gte(records.doneAt, s.week.start), lt(records.doneAt, s.week.end))) as SQL,
  ];
  if (s.departments?.length) where.push(inArray(executingDepartment, [...s.departments]));
  const rows = await db
    .select({ doc: records.doc, doneAt: records.doneAt })
    .from(records)
    .where(and(...where))
    .orderBy(asc(executingDepartment), asc(records.recordNumber))
    .limit(REPORT_MAX_ROWS + 1);
  const shown = rows.slice(0, REPORT_MAX_ROWS);
  const ids = shown.map((row) => (row.doc as EchoRecord).id);
  const owedRows = ids.length
    ? await db
        .select({ recordId: o.recordId, kind: o.kind, dueAt: o.dueAt })
        .from(o)
        .where(and(inArray(o.recordId, ids), isNull(o.metAt)))
        .orderBy(asc(o.dueAt), asc(o.ord))
    : [];
  const owed = new Map<string, Owed[]>();
  for (const row of owedRows) {
    const list = owed.get(row.recordId) ?? [];
    list.push({ kind: row.kind as ObligationKind, dueAt: row.dueAt });
    owed.set(row.recordId, list);
  }
  const items = shown.map((row) => {
    const doc = row.doc as EchoRecord;
    return weeklyRow(doc, row.doneAt, owed.get(doc.id) ?? [], s);
  });
  return {
    week: s.week.week,
    firstDay: s.week.firstDay,
    lastDay: s.week.lastDay,
    generatedAt: s.now.toISOString(),
    departments: groupByDepartment(items, (row) => row.responsibleDepartment ?? row.department),
    truncated: rows.length > REPORT_MAX_ROWS,
  };
}
