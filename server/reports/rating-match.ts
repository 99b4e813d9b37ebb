import { sql, type SQL } from 'drizzle-orm';
import { recordRatings as e, records } from '../db/schema';
import type { Satisfaction } from '../../shared/schemas/enums';

/** Which ratings (客户确认 entries of a record's `satisfaction` history) a dashboard figure or queue filter is about. */
export interface RatingMatch {
  ratings?: readonly Satisfaction[];
  from?: Date;
  to?: Date;
}

/**
 * The record has been rated at least once: it has a latest rating. A column the planner has
 * statistics for, so the queue's rating filter looks only at rated records.
 */
export const anyRating = sql`${records.satisfaction} IS NOT NULL`;

/**
 * The conditions on one `record_ratings` row (AND-ed). The satisfaction panel counts the records with
 * a rating matching and the record list's rating filter selects them, so a figure and its queue agree.
 */
export function ratingMatchSql(match: RatingMatch): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (match.ratings?.length) parts.push(sql`${e.rating} IN (${sql.join(match.ratings.map((r) => sql`${r}`), sql`, `)})`);
  if (match.from) parts.push(sql`${e.at} >= ${match.from.toISOString()}::timestamptz`);
  if (match.to) parts.push(sql`${e.at} < ${match.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

/** The record list's filter: the record has at least one rating matching. */
export function hasRatingSql(match: RatingMatch): SQL {
  return sql`(${anyRating} AND EXISTS (SELECT 1 FROM ${e} WHERE ${e.recordId} = ${records.id} AND ${ratingMatchSql(match)}))`;
}
