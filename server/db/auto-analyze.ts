import { sql } from 'drizzle-orm';
import type { Db } from './open';

/**
 * PGlite runs no autovacuum, so without this the planner never learns the table sizes and list
 * queries fall back to scanning and sorting. This does autovacuum's ANALYZE part for PGlite: on
 * start, and whenever records changed by more than 50 rows + 10 % since the last time (the record
 * change counter moves on every insert and edit). PostgreSQL's own autovacuum needs no help.
 */
export function startAutoAnalyze(db: Db, options: { intervalMs?: number; log: (message: string, error?: unknown) => void }) {
  const intervalMs = options.intervalMs ?? 15_000;
  if (!(intervalMs >= 1000)) throw new Error('startAutoAnalyze: intervalMs must be at least 1000');
  let analyzedAt = -1;
  let running = false;

  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = (await db.execute(
        sql`SELECT (SELECT last_value FROM record_change_seq) AS seq, (SELECT reltuples FROM pg_class WHERE relname = 'records') AS tuples`,
      )) as unknown as { rows: Array<{ seq: string | number; tuples: string | number }> };
      const [row] = result.rows;
      const seq = Number(row?.seq ?? 0);
      const tuples = Math.max(0, Number(row?.tuples ?? 0));
      if (analyzedAt < 0 || seq - analyzedAt > 50 + 0.1 * tuples) {
        await db.execute(sql`ANALYZE`);
        analyzedAt = seq;
      }
    } catch (error) {
      options.log('auto-analyze failed', error);
    } finally {
      running = false;
    }
  };

  const done = tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    /** Resolves when the first ANALYZE (at start) has run. */
    ready: done,
    stop: () => clearInterval(timer),
  };
}
