import type { QueueFilter } from './queue';

/** The built-in views of the queue (issue 11); label key 'console.view.<id>'. */
export const BUILT_IN_VIEWS = ['all', 'my_work', 'needs_screening', 'due_soon', 'breached', 'dissatisfied'] as const;
/** One built-in view. */
export type BuiltInView = (typeof BUILT_IN_VIEWS)[number];

/**
 * Each view as the record list's filters and sort. "Due soon" is what the reminders warn of (due
 * within one working day, urgent records 4 hours, not yet breached); Dissatisfied is every record
 * whose latest rating is 不满意 and that is being handled again (DOMAIN.md §8: the rating reopens
 * it; its follow-up is listed on the record page), not only those whose next obligation is that
 * follow-up, which an older deadline of the reopened cycle would hide.
 */
export const VIEW_FILTERS: Readonly<Record<BuiltInView, Partial<Record<QueueFilter, string>>>> = {
  all: {},
  my_work: { owner: 'me', sort: 'next_due_asc' },
  needs_screening: { validity: 'unscreened', status: 'pending_analysis', sort: 'created_asc' },
  due_soon: { dueSoon: 'true', sort: 'next_due_asc' },
  breached: { overdue: 'true', sort: 'next_due_asc' },
  dissatisfied: { satisfaction: 'dissatisfied', status: 'in_progress', sort: 'next_due_asc' },
};

/** The built-in view the filters are exactly, if any. */
export const viewOf = (filters: Partial<Record<QueueFilter, string>>): BuiltInView | null => {
  const set = Object.entries(filters).filter(([, v]) => v);
  return (
    BUILT_IN_VIEWS.find((view) => {
      const wanted = Object.entries(VIEW_FILTERS[view]);
      return wanted.length === set.length && wanted.every(([k, v]) => filters[k as QueueFilter] === v);
    }) ?? null
  );
};
