import { sql, type SQL } from 'drizzle-orm';
import { records } from '../db/schema';

/**
 * The record was completed and stays done or closed, with its working time to done stored (the
 * durations panel's "to done" set, and the record list's `completed=true`): one predicate, so the
 * figure's count and its queue agree.
 */
export function completedSql(completed = true): SQL {
  return completed ? sql`${records.doneWorkingMs} IS NOT NULL` : sql`${records.doneWorkingMs} IS NULL`;
}
