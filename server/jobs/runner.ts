import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './backoff';
import { claimJobs, markDone, markFailed, renewLease, type ClaimedJob } from './store';
import type { Tx } from './queue';

/** What a job handler gets besides its payload. */
export interface JobContext {
  job: ClaimedJob;
  db: Db;
  now: Date;
  /**
   * Mark the job done in one transaction with `effect` (local writes: rows, follow-up jobs), so the
   * effect happens exactly once: if this worker lost its lease meanwhile, nothing is written. A
   * handler that does not call it is marked done after it returns.
   */
  complete(effect: (tx: Tx) => Promise<void>): Promise<void>;
}

/** Does one kind of job; throwing fails the attempt (retried with backoff, then a dead letter). */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** Every kind a runner runs, by name: adding a kind is one entry (server/jobs/kinds.ts). */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** How a runner works. */
export interface JobRunnerOptions {
  db: Db;
  handlers: JobHandlers;
  now: () => Date;
  /** How long a claimed job is this worker's; a worker that dies frees its jobs after this. */
  leaseMs?: number;
  /** How often a running handler's lease is extended by another `leaseMs` (default a third of it). */
  heartbeatMs?: number;
  /** Wait between looks at an empty queue. */
  pollMs?: number;
  /** Jobs claimed at once, and run side by side. */
  batchSize?: number;
  retry?: RetryPolicy;
  /** Errors of the loop itself (the database went away); job failures are stored on the job. */
  log?: (message: string, error?: unknown) => void;
  random?: () => number;
}

/** A started worker loop. */
export interface JobRunner {
  /** This worker's id, as stored in `jobs.locked_by`. */
  readonly id: string;
  /** Claim and run one batch of due jobs; resolves with how many were claimed. */
  runOnce(): Promise<number>;
  /** Start polling (idempotent). */
  start(): void;
  /** Stop claiming and wait for the jobs in hand to finish. */
  stop(): Promise<void>;
}

/** Thrown inside `complete` when the lease was lost, to roll the effect back. */
class LeaseLost extends Error {}

/** A worker over the jobs table; several (in one or many processes) share it safely. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const id = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(1, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 1_000;
  const batchSize = options.batchSize ?? 20;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const kinds = Object.keys(options.handlers);
  const { db } = options;

  const runJob = async (job: ClaimedJob) => {
    const handler = options.handlers[job.kind] as JobHandler;
    let completed = false;
    const complete = async (effect: (tx: Tx) => Promise<void>) => {
      await db.transaction(async (tx) => {
        if (!(await markDone(tx, job, id, options.now()))) throw new LeaseLost('lease lost');
        await effect(tx);
      });
      completed = true;
    };
    // While the handler runs, its lease is kept ahead of the clock: a long job is not taken over by
    // another worker, and one whose process died stops being renewed and is taken over after the lease.
    let renewing: Promise<unknown> = Promise.resolve();
    const heartbeat = setInterval(() => {
      renewing = renewing
        .then(() => renewLease(db, job, id, new Date(options.now().getTime() + leaseMs)))
        .then((held) => {
          if (!held) clearInterval(heartbeat);
        })
        .catch((error) => options.log?.(`job ${job.kind}: renewing the lease failed`, error));
    }, heartbeatMs);
    try {
      if (job.attempts > retry.maxAttempts) throw new Error(`gave up after ${retry.maxAttempts} attempts (the lease ran out each time)`);
      await handler(job.payload, { job, db, now: options.now(), complete });
      // Nothing local to commit with it: one statement, no transaction round trips.
      if (!completed) await markDone(db, job, id, options.now());
    } catch (error) {
      if (error instanceof LeaseLost) return;
      const now = options.now();
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = job.attempts >= retry.maxAttempts ? null : new Date(now.getTime() + retryDelayMs(job.attempts, retry, random()));
      await markFailed(db, job, id, message, now, retryAt);
    } finally {
      clearInterval(heartbeat);
      await renewing;
    }
  };

  const runOnce = async () => {
    const claimed = await claimJobs(db, id, kinds, batchSize, options.now(), leaseMs);
    await Promise.all(claimed.map((job) => runJob(job).catch((error) => options.log?.(`job ${job.kind} could not be finished`, error))));
    return claimed.length;
  };

  let running: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await runOnce();
      } catch (error) {
        options.log?.('job runner: claiming jobs failed', error);
      }
      if (claimed === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  };
  return {
    id,
    runOnce,
    start() {
      if (!running) running = loop();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
  };
}
