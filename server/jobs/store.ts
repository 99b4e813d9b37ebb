import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import type { Tx } from './queue';

/** A job a worker holds the lease of. `attempts` counts this one. */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  dedupeKey: string | null;
}

type Row = { id: string | number; kind: string; payload: unknown; attempts: number; dedupe_key: string | null };
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Lease up to `limit` due jobs of `kinds` to `worker` until `now + leaseMs`: queued jobs whose time
 * has come, and running jobs whose lease ran out (their worker died). SKIP LOCKED lets concurrent
 * workers pass over each other's rows instead of waiting, and the lease moves `run_at`, so a job is
 * claimed again only after its lease ends.
 */
export async function claimJobs(db: Db, worker: string, kinds: readonly string[], limit: number, now: Date, leaseMs: number): Promise<ClaimedJob[]> {
  if (kinds.length === 0 || limit < 1) return [];
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const rows = rowsOf<Row>(
    await db.execute(sql`
      UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, locked_by = ${worker}, run_at = ${until}::timestamptz
      FROM (
        SELECT id FROM jobs
        WHERE state IN ('queued', 'running') AND run_at <= ${now.toISOString()}::timestamptz
          AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
        ORDER BY run_at, id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE j.id = due.id
      RETURNING j.id, j.kind, j.payload, j.attempts, j.dedupe_key`),
  );
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, payload: r.payload, attempts: r.attempts, dedupeKey: r.dedupe_key }));
}

/**
 * Mark `job` done in `tx` if `worker` still holds this attempt's lease; false when the lease was lost
 * (it ran out and another worker claimed the job), so the caller rolls its local effects back.
 */
export async function markDone(tx: Tx | Db, job: ClaimedJob, worker: string, now: Date): Promise<boolean> {
  const rows = rowsOf(
    await tx.execute(sql`
      UPDATE jobs SET state = 'done', finished_at = ${now.toISOString()}::timestamptz, last_error = NULL
      WHERE id = ${job.id} AND state = 'running' AND locked_by = ${worker} AND attempts = ${job.attempts}
      RETURNING id`),
  );
  return rows.length > 0;
}

/**
 * Extend the lease of `job` to `until` while `worker` still holds this attempt (the heartbeat of a
 * long handler); false when the lease was already lost.
 */
export async function renewLease(db: Db, job: ClaimedJob, worker: string, until: Date): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`
      UPDATE jobs SET run_at = ${until.toISOString()}::timestamptz
      WHERE id = ${job.id} AND state = 'running' AND locked_by = ${worker} AND attempts = ${job.attempts}
      RETURNING id`),
  );
  return rows.length > 0;
}

/**
 * Delete jobs done before `before` (their dedupe keys go with them: every key names work that cannot
 * come due again by then). Dead letters stay until retried or deleted by an admin. Returns how many.
 */
export async function purgeFinishedJobs(db: Db, before: Date): Promise<number> {
  const result = (await db.execute(sql`DELETE FROM jobs WHERE state = 'done' AND finished_at < ${before.toISOString()}::timestamptz`)) as unknown as {
    rowCount?: number | null;
    affectedRows?: number;
  };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}

/** Delete one dead letter (an admin gave up on it); false when `id` is no dead letter. */
export async function deleteDeadJob(db: Db, id: number): Promise<boolean> {
  return rowsOf(await db.execute(sql`DELETE FROM jobs WHERE id = ${id} AND state = 'dead' RETURNING id`)).length > 0;
}

/** Give a failed attempt back: queued again at `retryAt`, or a dead letter when `retryAt` is null. */
export async function markFailed(db: Db, job: ClaimedJob, worker: string, error: string, now: Date, retryAt: Date | null): Promise<void> {
  await db.execute(sql`
    UPDATE jobs SET
      state = ${retryAt ? 'queued' : 'dead'},
      run_at = ${(retryAt ?? now).toISOString()}::timestamptz,
      finished_at = ${retryAt ? null : now.toISOString()}::timestamptz,
      locked_by = NULL,
      last_error = ${error.slice(0, 500)}
    WHERE id = ${job.id} AND state = 'running' AND locked_by = ${worker} AND attempts = ${job.attempts}`);
}

/** A dead letter as the admin API shows it. */
export interface DeadJob {
  id: number;
  kind: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date;
}

/** Dead letters, most recent first, `limit` after the one with id `before` (when given). */
export async function listDeadJobs(db: Db, limit: number, before?: number): Promise<DeadJob[]> {
  const rows = rowsOf<{ id: string | number; kind: string; attempts: number; last_error: string | null; created_at: Date | string; finished_at: Date | string }>(
    await db.execute(sql`
      SELECT id, kind, attempts, last_error, created_at, finished_at FROM jobs
      WHERE state = 'dead' ${before === undefined ? sql`` : sql`AND id < ${before}`}
      ORDER BY id DESC LIMIT ${limit}`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    failedAt: new Date(r.finished_at),
  }));
}

/** Queue a dead letter again with a fresh count of attempts; false when `id` is no dead letter. */
export async function retryDeadJob(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`
      UPDATE jobs SET state = 'queued', attempts = 0, run_at = ${now.toISOString()}::timestamptz, finished_at = NULL, locked_by = NULL
      WHERE id = ${id} AND state = 'dead' RETURNING id`),
  );
  return rows.length > 0;
}
