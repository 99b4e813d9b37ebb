import { sql, type SQL } from 'drizzle-orm';
import { records } from '../db/schema';
import type { Satisfaction } from '../../shared/schemas/enums';

/** Which ratings (客户确认 entries of a record's `satisfaction` history) a dashboard figure or queue filter is about. */
export interface RatingMatch {
  ratings?: readonly Satisfaction[];
  from?: Date;
  to?: Date;
}

/** A record's ratings as rows `e(value)`, one per entry of its history (every cycle's, not only the latest). */
export const ratingEntries = sql`jsonb_array_elements(${records.doc}->'satisfaction') AS e(value)`;

/**
 * The record has been rated at least once: it has a latest rating (the condition of the partial
 * index on rated records). A column the planner has statistics for: on the document, it assumed
 * nearly every record rated and read them all (200 ms of PGlite's 300 at 100k records).
 */
export const anyRating = sql`${records.satisfaction} IS NOT NULL`;

/** When the entry `e` was given. */
export const ratedAt = sql`(e.value->>'at')::timestamptz`;

/**
 * The conditions on one rating entry `e` (AND-ed). The satisfaction panel counts the records with an
 * entry matching and the record list's rating filter selects them, so a figure and its queue agree.
 */
export function ratingMatchSql(match: RatingMatch): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (match.ratings?.length) parts.push(sql`e.value->>'rating' IN (${sql.join(match.ratings.map((r) => sql`${r}`), sql`, `)})`);
  if (match.from) parts.push(sql`${ratedAt} >= ${match.from.toISOString()}::timestamptz`);
  if (match.to) parts.push(sql`${ratedAt} < ${match.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

/** The record list's filter: the record has at least one rating matching. */
export function hasRatingSql(match: RatingMatch): SQL {
  return sql`(${anyRating} AND EXISTS (SELECT 1 FROM ${ratingEntries} WHERE ${ratingMatchSql(match)}))`;
}
