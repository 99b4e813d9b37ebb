import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';

/**
 * Run a report's queries in one transaction set for aggregates over many rows: without JIT (on
 * PostgreSQL, compiling a dashboard query cost more than it saved: about 180 ms of a 600 ms panel)
 * and with enough work memory for its hash aggregates to stay off disk. PGlite takes the same.
 */
export function inReport<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
    return run(tx as unknown as Db);
  });
}
