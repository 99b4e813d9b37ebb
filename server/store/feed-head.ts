import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';

/**
 * The changes feed's current end: a cursor after every transaction that has finished, and before
 * any still running (the feed reads below pg_snapshot_xmin). A client that loads a list and then
 * follows the feed from here misses no change and does not replay the whole history first.
 */
export async function feedHead(db: Db): Promise<string> {
  const result = (await db.execute(
    sql`SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::numeric - 1)::text AS head`,
  )) as unknown as { rows: { head: string }[] };
  const head = result.rows[0]?.head;
  if (!head) throw new Error('feedHead: no snapshot');
  return head;
}
