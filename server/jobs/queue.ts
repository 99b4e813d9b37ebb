import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';

/** A transaction of the app's database (what `db.transaction` hands its callback). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Where a job can be written: the database itself, or (the point of it) an open transaction. */
export type JobWriter = Db | Tx;

/** How to enqueue: the clock, an optional delay, and a key that makes enqueueing the same work twice a no-op. */
export interface EnqueueOptions {
  now: Date;
  dedupeKey?: string;
  /** Run no earlier than this many milliseconds after `now`. */
  delayMs?: number;
}

/**
 * Write a job in `tx`: it exists exactly when the change that causes it commits, survives restarts,
 * and runs once a worker claims it. With a `dedupeKey` that is already queued, running, done or
 * dead, nothing is written and false is returned.
 */
export async function enqueue(tx: JobWriter, kind: string, payload: unknown, options: EnqueueOptions): Promise<boolean> {
  const runAt = new Date(options.now.getTime() + (options.delayMs ?? 0));
  const result = (await tx.execute(sql`
    INSERT INTO jobs (kind, payload, dedupe_key, run_at, created_at)
    VALUES (${kind}, ${JSON.stringify(payload)}::jsonb, ${options.dedupeKey ?? null}, ${runAt.toISOString()}::timestamptz, ${options.now.toISOString()}::timestamptz)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`)) as unknown as { rows: unknown[] };
  return result.rows.length > 0;
}
