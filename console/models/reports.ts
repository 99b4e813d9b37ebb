import { batch, createModel, signal } from '@preact/signals';
import { queryString, type ApiClient } from '../api/client';
import { isoWeekOf } from '../../shared/domain/report-week';
import type { AssessmentSheet } from '../../shared/schemas/report-assessment-sheet';
import type { WeeklyProgress } from '../../shared/schemas/report-weekly-progress';

/** The two meeting reports: the assessment meeting sheet (DOMAIN.md §6) and the weekly progress report (§7). */
export type ReportKind = 'assessment' | 'weekly';

/**
 * The reports page: which report is shown, its filters (a creation range for the sheet, an ISO week
 * for the progress report, a department for both; inputs edit them, `load` applies them), the last
 * answer of each, and the address of its XLSX with the same filters. A load overtaken by a newer one
 * is dropped, so quick changes never show an answer to older filters.
 */
export const Reports = createModel((api: ApiClient, timeZone: string, now: () => Date) => {
  const kind = signal<ReportKind>('assessment');
  const from = signal('');
  const to = signal('');
  const thisWeek = isoWeekOf(now(), timeZone);
  const week = signal(thisWeek.ok ? thisWeek.value : '');
  const department = signal('');
  const sheet = signal<AssessmentSheet | null>(null);
  const weekly = signal<WeeklyProgress | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);
  /** Departments seen in answers without a department filter, for the picker. */
  const departments = signal<string[]>([]);
  let generation = 0;

  const query = (): Record<string, string> =>
    kind.peek() === 'assessment'
      ? { from: from.peek(), to: to.peek(), department: department.peek() }
      : { week: week.peek(), department: department.peek() };

  const remember = (groups: readonly { department: string }[]) => {
    if (department.peek()) return;
    departments.value = [...new Set([...departments.peek(), ...groups.map((g) => g.department)])].sort();
  };

  /** Load the shown report with the filters as they are now. */
  const load = async () => {
    const mine = ++generation;
    const shown = kind.peek();
    loading.value = true;
    error.value = null;
    const answer = shown === 'assessment' ? await api.assessmentSheet(query()) : await api.weeklyProgress(query());
    if (mine !== generation) return;
    batch(() => {
      loading.value = false;
      if (!answer.ok) {
        error.value = answer.failure.code;
        return;
      }
      if (shown === 'assessment') sheet.value = answer.value as AssessmentSheet;
      else weekly.value = answer.value as WeeklyProgress;
      remember(answer.value.departments);
    });
  };

  /** Show the other report (loaded with the current department). */
  const show = (next: ReportKind) => {
    if (next === kind.peek()) return;
    kind.value = next;
    void load();
  };

  /** The XLSX of the shown report with the applied filters, headings in `lang`. */
  const xlsxHref = (lang: string): string =>
    `/api/v1/reports/${kind.value === 'assessment' ? 'assessment-sheet' : 'weekly-progress'}.xlsx?${queryString({ ...query(), lang })}`;

  return { kind, from, to, week, department, sheet, weekly, loading, error, departments, load, show, xlsxHref };
});

/** An instance of Reports. */
export type Reports = InstanceType<typeof Reports>;
