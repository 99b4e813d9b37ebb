import * as z from 'zod/mini';
import { IsoDateTime } from './common';

/** A job id in a path: a positive whole number in decimal. */
export const JobIdParam = z.object({ id: z.string().check(z.regex(/^[1-9][0-9]{0,17}$/)) });

/** Paging of the dead-letter list: at most `limit` (1–200, default 50) before the job id `before`. */
export const DeadJobQuery = z.object({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9][0-9]?|1[0-9]{2}|200)$/))),
  before: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,17}$/))),
});

/** A job that failed every attempt (a dead letter); its payload is not shown (it may name people). */
export const DeadJob = z.object({
  id: z.number(),
  kind: z.string(),
  attempts: z.number(),
  lastError: z.nullable(z.string()),
  createdAt: IsoDateTime,
  failedAt: IsoDateTime,
});
export type DeadJob = z.infer<typeof DeadJob>;

/** One page of dead letters, most recent first; `nextBefore` continues it. */
export const DeadJobList = z.object({ items: z.array(DeadJob), nextBefore: z.nullable(z.number()) });
export type DeadJobList = z.infer<typeof DeadJobList>;

/** The answer to retrying a dead letter. */
export const JobRetried = z.object({ id: z.number(), state: z.literal('queued') });
export type JobRetried = z.infer<typeof JobRetried>;
