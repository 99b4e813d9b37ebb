import { batch, computed, createModel, signal } from '@preact/signals';
import type { ApiClient } from '../api/client';
import type { QueueFilter } from './queue';
import type { DashboardPanelName, DashboardPanels } from '../../shared/schemas/dashboard';
import type { ComplianceState } from '../../shared/schemas/compliance-state';
import { localTimeOf } from '../../shared/domain/zoned-time';

/** Filters the queue opens with when a figure is followed. */
export type QueueLink = Partial<Record<QueueFilter, string>>;

const PANELS: readonly DashboardPanelName[] = ['compliance', 'records', 'durations', 'backlog', 'satisfaction', 'surveys', 'topics'];
const DAY_MS = 86_400_000;

/**
 * The dashboard: a range (days in the company's zone, `to` included; the last 90 days at first) and
 * a department applying to every panel (the inputs edit them; `setFilter` or `load` applies them),
 * each panel's last answer, and the queue filters behind each figure. Each panel is its own request
 * and shows as soon as it answers (the slowest no longer holds the others back); a reload first
 * clears every panel and drops answers of one it overtook, so fast filter changes never show mixed
 * ranges.
 */
export const Dashboard = createModel((api: ApiClient, now: () => Date, timeZone: string) => {
  // Days as the company counts them (the server reads bare days in its zone): at 07:00 in Shanghai
  // it is already today there, though still yesterday in UTC.
  const day = (ms: number) => {
    const local = localTimeOf(new Date(ms), timeZone);
    return (local.ok ? local.value : new Date(ms).toISOString()).slice(0, 10);
  };
  const today = now().getTime();
  const from = signal(day(today - 89 * DAY_MS));
  const to = signal(day(today));
  const department = signal('');
  const panels = signal<Partial<DashboardPanels>>({});
  /** Panels asked for and not answered yet. */
  const pending = signal<ReadonlySet<DashboardPanelName>>(new Set());
  const loading = computed(() => pending.value.size > 0);
  const error = signal<string | null>(null);
  /** Departments seen without a department filter, for the picker. */
  const departments = signal<string[]>([]);
  /** The filters the shown panels were computed with (links follow these, not half-edited inputs). */
  let applied: { from: string; to: string; department: string | undefined } = { from: from.peek(), to: to.peek(), department: undefined };
  let generation = 0;

  const query = () => ({ from: from.peek(), to: to.peek(), department: department.peek() || undefined });

  const load = async () => {
    const mine = ++generation;
    const q = query();
    batch(() => {
      applied = q;
      panels.value = {};
      pending.value = new Set(PANELS);
      error.value = null;
    });
    await Promise.all(
      PANELS.map(async (p) => {
        const answer = await api.dashboard(p, q);
        if (mine !== generation) return;
        batch(() => {
          const left = new Set(pending.peek());
          left.delete(p);
          pending.value = left;
          if (!answer.ok) {
            error.value ??= answer.failure.code;
            return;
          }
          panels.value = { ...panels.peek(), [p]: answer.value };
          if (p === 'records' && !q.department) departments.value = (answer.value as DashboardPanels['records']).byDepartment.map((d) => String(d.key)).sort();
        });
      }),
    );
  };

  /** Change the range or department and reload every panel. */
  const setFilter = (next: { from?: string; to?: string; department?: string }) => {
    batch(() => {
      if (next.from !== undefined) from.value = next.from;
      if (next.to !== undefined) to.value = next.to;
      if (next.department !== undefined) department.value = next.department;
    });
    void load();
  };

  /** The range and department as queue filters: records created in the range. */
  const createdLink = (extra: QueueLink = {}): QueueLink => ({ from: applied.from, to: applied.to, ...(applied.department ? { department: applied.department } : {}), ...extra });

  /** Records with an obligation in `state` due in [dueFrom, dueTo) (the panel's range unless a period is given). */
  const obligationLink = (state: ComplianceState, extra: QueueLink = {}): QueueLink => {
    const c = panels.peek().compliance;
    return {
      obligationState: state,
      ...(c ? { obligationDueFrom: c.from, obligationDueTo: c.to } : {}),
      ...(applied.department ? { department: applied.department } : {}),
      ...extra,
    };
  };

  /** Records rated in [start, end) (the satisfaction panel's range unless a period is given), with one of `ratings` if given. */
  const ratingLink = (period?: { start: string; end: string }, ratings?: string): QueueLink => {
    const p = period ?? panels.peek().satisfaction;
    return {
      ...(ratings ? { rating: ratings } : {}),
      ...(p ? { ratedFrom: 'start' in p ? p.start : p.from, ratedTo: 'end' in p ? p.end : p.to } : {}),
      ...(applied.department ? { department: applied.department } : {}),
    };
  };

  /** The department the shown panels were computed for, if any. */
  const appliedDepartment = () => applied.department;

  return { from, to, department, departments, panels, pending, loading, error, load, setFilter, createdLink, obligationLink, ratingLink, appliedDepartment };
});

/** An instance of Dashboard. */
export type Dashboard = InstanceType<typeof Dashboard>;
