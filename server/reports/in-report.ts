import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';

/**
 * Run a report's queries in one transaction set for aggregates over many rows: without JIT (on
 * PostgreSQL, compiling the satisfaction panel's plan took about 180 ms of its 600 ms at 100k
 * records, more than it saved) and with enough work memory for its sorts and hash aggregates to stay
 * off disk (the durations panel's percentiles spilled at the default 4 MB). PGlite takes the same.
 */
export function inReport<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
    return run(tx as unknown as Db);
  });
}
