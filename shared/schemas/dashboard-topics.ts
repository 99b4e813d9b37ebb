import * as z from 'zod/mini';
import { Id, IsoDateTime, RecordNumber } from './common';

const Count = z.int().check(z.gte(0));

/** Most records a topic's queue link names (`ids=`); a bigger group links its most asked ones. */
export const MAX_TOPIC_IDS = 100;

/**
 * Records whose need reads alike (shared/domain/similarity), led by the most asked: `records` in
 * the group, `askedBy` their requesters after merges (each record plus those merged into it), `ids`
 * the records the queue link shows (all of them up to MAX_TOPIC_IDS).
 */
export const Topic = z.object({
  leader: z.object({ id: Id, recordNumber: RecordNumber, problem: z.string() }),
  records: Count,
  askedBy: Count,
  ids: z.array(Id).check(z.maxLength(MAX_TOPIC_IDS)),
});
export type Topic = z.infer<typeof Topic>;

/**
 * Most-asked topics among the records created in the range (unmerged, in the departments; the
 * newest `window` of them when more): the biggest groups first.
 */
export const TopicsPanel = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  now: IsoDateTime,
  /** Records grouped, and whether older ones in the range were left out to keep the grouping bounded. */
  grouped: Count,
  truncated: z.boolean(),
  topics: z.array(Topic),
});
export type TopicsPanel = z.infer<typeof TopicsPanel>;
