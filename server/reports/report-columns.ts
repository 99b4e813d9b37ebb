import { t } from '../../shared/i18n/t';
import type { Locale } from '../../shared/i18n/locale';
import type { MessageKey } from '../../shared/i18n/catalog';
import { formatWallClock } from '../exports/wall-clock';
import type { LedgerColumn } from '../exports/ledger-columns';
import type { AssessmentSheetRow } from '../../shared/schemas/report-assessment-sheet';
import type { WeeklyProgressRow } from '../../shared/schemas/report-weekly-progress';
import type { PriorityReason } from '../../shared/schemas/suggested-priority';
import type { TimeLeft } from '../../shared/schemas/obligation';

/*
 * The columns of the two meeting reports' XLSX files, in the order the screen shows them. Each row
 * carries the department it is grouped under, so a sheet filtered by department reads like a group.
 */

/** A row of a report sheet with the department heading its group. */
export type Grouped<Row> = Row & { group: string };

/** The groups of a report flattened into sheet rows, group after group. */
export const flatten = <Row>(departments: readonly { department: string; items: readonly Row[] }[]): Grouped<Row>[] =>
  departments.flatMap((g) => g.items.map((row) => ({ ...row, group: g.department })));

// Labels built from codes (enum, obligation kind, reason code): every code has its key in both catalogs.
const label = (locale: Locale, key: string, params?: Record<string, string | number>): string =>
  (t as unknown as (l: Locale, k: string, p?: Record<string, string | number>) => string)(locale, key as MessageKey, params);
const enumText = (locale: Locale, name: string, code: string | null): string | null => (code === null ? null : label(locale, `enum.${name}.${code}`));

/** One reason of a suggested priority in the reader's language (i18n 'priority.reason.<code>'). */
const reasonText = (locale: Locale, reason: PriorityReason): string => label(locale, `priority.reason.${reason.code}`, { ...reason });

/** Working time left (or overdue) as the reader's sentence. */
const timeLeftText = (locale: Locale, left: TimeLeft): string =>
  left.standing === 'breached' ? label(locale, 'report.left.breached', { hours: left.hours }) : label(locale, 'report.left.open', { days: left.workingDays, hours: left.hours });

/** Columns of the assessment meeting sheet (需求评估与优先级排序表). */
export const ASSESSMENT_COLUMNS: readonly LedgerColumn<Grouped<AssessmentSheetRow>>[] = [
  { key: 'department', label: 'report.col.department', kind: 'text', width: 10, value: (r) => r.group },
  { key: 'recordNumber', label: 'field.recordNumber', kind: 'text', width: 20, value: (r) => r.recordNumber },
  { key: 'recordedAt', label: 'field.recordedAt', kind: 'datetime', width: 17, value: (r) => r.recordedAt },
  { key: 'customerName', label: 'field.customerName', kind: 'text', width: 20, value: (r) => r.customerName },
  { key: 'customerType', label: 'field.customerType', kind: 'text', width: 12, value: (r, l) => enumText(l, 'customerType', r.customerType) },
  { key: 'category', label: 'field.category', kind: 'text', width: 12, value: (r, l) => enumText(l, 'category', r.category) },
  { key: 'problem', label: 'field.problem', kind: 'text', width: 50, value: (r) => r.problem },
  { key: 'expectedSolution', label: 'field.expectedSolution', kind: 'text', width: 36, value: (r) => r.expectedSolution },
  { key: 'nature', label: 'field.nature', kind: 'text', width: 14, value: (r, l) => enumText(l, 'nature', r.nature) },
  { key: 'urgency', label: 'field.urgency', kind: 'text', width: 10, value: (r, l) => enumText(l, 'urgency', r.urgency) },
  { key: 'initialPriority', label: 'field.initialPriority', kind: 'text', width: 10, value: (r, l) => enumText(l, 'initialPriority', r.initialPriority) },
  { key: 'customerValue', label: 'field.customerValue', kind: 'number', width: 10, value: (r) => r.ratings.customerValue },
  { key: 'businessValue', label: 'field.businessValue', kind: 'number', width: 10, value: (r) => r.ratings.businessValue },
  { key: 'cost', label: 'field.cost', kind: 'number', width: 10, value: (r) => r.ratings.cost },
  { key: 'risk', label: 'field.risk', kind: 'number', width: 10, value: (r) => r.ratings.risk },
  { key: 'score', label: 'report.col.score', kind: 'number', width: 8, value: (r) => r.suggestedPriority?.score ?? null },
  { key: 'suggested', label: 'report.col.suggested', kind: 'text', width: 10, value: (r) => r.suggestedPriority?.level ?? null },
  {
    key: 'reasoning',
    label: 'report.col.reasoning',
    kind: 'text',
    width: 50,
    value: (r, l) => r.suggestedPriority?.rationale.map((reason) => reasonText(l, reason)).join('\n') ?? null,
  },
  { key: 'priority', label: 'report.col.decided', kind: 'text', width: 10, value: (r) => r.priority },
  { key: 'handling', label: 'field.handling', kind: 'text', width: 12, value: (r, l) => enumText(l, 'handling', r.handling) },
  { key: 'responsibleDepartment', label: 'field.responsibleDepartment', kind: 'text', width: 12, value: (r) => r.responsibleDepartment },
  { key: 'reproductionRate', label: 'field.reproductionRate', kind: 'percent', width: 10, value: (r) => r.reproductionRate },
  { key: 'impactScope', label: 'field.impactScope', kind: 'text', width: 24, value: (r) => r.impactScope },
];

/** Columns of the weekly progress report (需求处理进度跟踪表); `timeZone` dates the texts that list instants. */
export function weeklyColumns(timeZone: string): readonly LedgerColumn<Grouped<WeeklyProgressRow>>[] {
  const at = (iso: string) => formatWallClock(iso, timeZone);
  return [
    { key: 'department', label: 'report.col.department', kind: 'text', width: 10, value: (r) => r.group },
    { key: 'recordNumber', label: 'field.recordNumber', kind: 'text', width: 20, value: (r) => r.recordNumber },
    { key: 'problem', label: 'field.problem', kind: 'text', width: 44, value: (r) => r.problem },
    { key: 'status', label: 'field.status', kind: 'text', width: 10, value: (r, l) => enumText(l, 'status', r.status) },
    { key: 'priority', label: 'field.priority', kind: 'text', width: 8, value: (r) => r.priority },
    { key: 'owner', label: 'field.owner', kind: 'text', width: 12, value: (r) => r.owner?.name ?? null },
    { key: 'goal', label: 'report.col.goal', kind: 'text', width: 30, value: (r) => r.goal },
    { key: 'milestone', label: 'report.col.milestone', kind: 'text', width: 14, value: (r, l) => enumText(l, 'milestone', r.milestone) },
    {
      key: 'progress',
      label: 'report.col.progress',
      kind: 'text',
      width: 50,
      value: (r, l) => (r.progress.length ? r.progress.map((p) => `${at(p.at)} ${enumText(l, 'milestone', p.milestone)}: ${p.note}`).join('\n') : label(l, 'report.noProgress')),
    },
    { key: 'lastProgressAt', label: 'report.col.lastProgressAt', kind: 'datetime', width: 17, value: (r) => r.lastProgressAt },
    { key: 'deadline', label: 'report.col.deadline', kind: 'text', width: 12, value: (r) => r.deadline },
    { key: 'timeLeft', label: 'report.col.timeLeft', kind: 'text', width: 22, value: (r, l) => (r.deadlineLeft ? timeLeftText(l, r.deadlineLeft) : null) },
    { key: 'doneAt', label: 'report.col.doneAt', kind: 'datetime', width: 17, value: (r) => r.doneAt },
    {
      key: 'obligations',
      label: 'report.col.obligations',
      kind: 'text',
      width: 44,
      value: (r, l) =>
        r.obligations.map((o) => label(l, `report.obligation.${o.state}`, { kind: label(l, `obligation.kind.${o.kind}`), at: at(o.dueAt) })).join('\n') || null,
    },
    {
      key: 'changeRequests',
      label: 'report.col.changeRequests',
      kind: 'text',
      width: 44,
      value: (r, l) =>
        r.changeRequests
          .map((c) => {
            const line = label(l, 'report.changeRequest', { state: enumText(l, 'changeRequestState', c.state) ?? '', reason: c.reason });
            return c.adjustedDeadline ? `${line} (${label(l, 'report.changeRequest.deadline', { date: c.adjustedDeadline })})` : line;
          })
          .join('\n') || null,
    },
  ];
}
