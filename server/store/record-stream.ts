import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { records } from '../db/schema';
import { listRecords, type ListContext, type RecordFilterQuery } from './records';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import type { RecordListQuery } from '../../shared/schemas/record-query';

/** Largest page listRecords serves; the stream never asks for more at once. */
export const RECORD_STREAM_PAGE = 200;

/** Records with at least one progress entry: the only ones the ledger's progress sheet has rows for. */
export const HAS_PROGRESS: SQL = sql`jsonb_array_length(${records.doc}->'progress') > 0`;

/**
 * Every record matching `query` (and `where`, when given), one keyset page at a time, so a caller (the ledger export) holds at
 * most one page in memory whatever the table size. Paging reuses the list's filters and cursor,
 * so an export and the list it was started from always agree on which records match.
 */
export async function* streamRecordPages(
  db: Db,
  query: RecordListQuery & Pick<RecordFilterQuery, 'ids'>,
  ctx: ListContext,
  pageSize: number = RECORD_STREAM_PAGE,
  where?: SQL,
): AsyncGenerator<EchoRecord[], void, undefined> {
  const { cursor: _ignoredCursor, limit: _ignoredLimit, ...filters } = query;
  let cursor: string | undefined;
  for (;;) {
    const page = await listRecords(db, { ...filters, limit: pageSize, ...(cursor ? { cursor } : {}) }, ctx, where ? [where] : []);
    if (page.items.length > 0) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
