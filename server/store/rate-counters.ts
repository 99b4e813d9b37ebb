import { lt } from 'drizzle-orm';
import { queryPrepared, type Db } from '../db/open';
import { rateLimitCounters } from '../db/schema';

/** A counting window after one more request: how many it holds now and when it began (epoch ms). */
export interface WindowCount {
  count: number;
  start: number;
}

/**
 * Count one request against `key` in the database, in a fixed window of `windowMs` that starts
 * with the key's first request (as the in-memory counters do). One statement: every process on
 * the same PostgreSQL sees the same count, so N instances still allow the limit once. Requests
 * refused by the limit count too, which changes nothing for the answer (over the limit either way).
 */
export async function countRequest(db: Db, key: string, windowMs: number, now: number): Promise<WindowCount> {
  const [row] = await queryPrepared<{ count: number | string; window_start: number | string }>(db, 'rate_limit_count', COUNT, [
    key,
    now,
    now + windowMs,
  ]);
  return { count: Number(row?.count ?? 1), start: Number(row?.window_start ?? now) };
}

/** A window restarts when it has ended, or when the clock went back before its start. */
const RESTART = 'r.expires_at <= excluded.window_start OR r.window_start > excluded.window_start';
const COUNT = `
  INSERT INTO rate_limit_counters AS r (key, window_start, expires_at, count) VALUES ($1, $2, $3, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN ${RESTART} THEN 1 ELSE r.count + 1 END,
    window_start = CASE WHEN ${RESTART} THEN excluded.window_start ELSE r.window_start END,
    expires_at = CASE WHEN ${RESTART} THEN excluded.expires_at ELSE r.expires_at END
  RETURNING count, window_start`;

/** Delete counters whose window ended before `now`; returns how many. */
export async function sweepRateCounters(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimitCounters)
    .where(lt(rateLimitCounters.expiresAt, now.getTime()))
    .returning({ key: rateLimitCounters.key });
  return deleted.length;
}
