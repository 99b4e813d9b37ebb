import * as z from 'zod/mini';
import { Milestone, Priority, Status } from './enums';
import { DepartmentCode, Id, IsoDateTime, LocalDate, Locale, LongText, RecordNumber, StaffRef } from './common';
import { ObligationKind, TimeLeft } from './obligation';
import { ChangeRequest, ProgressEntry } from './record';
import { DashboardQuery } from './dashboard-query';

/**
 * Query of the weekly progress report (`GET /api/v1/reports/weekly-progress[.xlsx]`): the ISO week
 * (`2026-W11`, default this week on the company calendar), the executing departments, and the
 * language of the XLSX headings.
 */
export const WeeklyProgressQuery = z.object({
  week: z.optional(z.string().check(z.regex(/^\d{4}-W\d{2}$/))),
  department: DashboardQuery.shape.department,
  lang: z.optional(Locale),
});
export type WeeklyProgressQuery = z.infer<typeof WeeklyProgressQuery>;

/** An obligation the record owes by the week's end: breached already, or still open (DOMAIN.md §12). */
export const WeeklyObligation = z.object({
  kind: ObligationKind,
  dueAt: IsoDateTime,
  state: z.enum(['breached', 'open']),
  timeLeft: z.optional(TimeLeft),
});
export type WeeklyObligation = z.infer<typeof WeeklyObligation>;

/** One record in execution (or completed during the week) as the progress report shows it (DOMAIN.md §7). */
export const WeeklyProgressRow = z.object({
  id: Id,
  recordNumber: RecordNumber,
  /** The department that collected it. */
  department: DepartmentCode,
  /** The responsible department (责任部门); the report groups by it, else by the collecting one. */
  responsibleDepartment: z.nullable(DepartmentCode),
  problem: LongText,
  status: Status,
  priority: z.nullable(Priority),
  owner: z.nullable(StaffRef),
  /** The task order's goal (需求处理任务单). */
  goal: z.nullable(LongText),
  /** The latest milestone reached by the week's end, null before any progress. */
  milestone: z.nullable(Milestone),
  /** The progress updates of this week, oldest first. */
  progress: z.array(ProgressEntry),
  lastProgressAt: z.nullable(IsoDateTime),
  /** The task order's deadline and, while the task is unfinished, the working time left to it. */
  deadline: z.nullable(LocalDate),
  deadlineLeft: z.nullable(TimeLeft),
  /** When it was completed, for records done during the week. */
  doneAt: z.nullable(IsoDateTime),
  obligations: z.array(WeeklyObligation),
  /** Change requests (需求变更申请) filed during the week or still awaiting a decision. */
  changeRequests: z.array(ChangeRequest),
});
export type WeeklyProgressRow = z.infer<typeof WeeklyProgressRow>;

/** The weekly progress report (需求处理进度跟踪表, DOMAIN.md §7), grouped by responsible department. */
export const WeeklyProgress = z.object({
  week: z.string().check(z.regex(/^\d{4}-W\d{2}$/)),
  firstDay: LocalDate,
  lastDay: LocalDate,
  generatedAt: IsoDateTime,
  departments: z.array(z.object({ department: DepartmentCode, items: z.array(WeeklyProgressRow) })),
  truncated: z.boolean(),
});
export type WeeklyProgress = z.infer<typeof WeeklyProgress>;
