import type { Db } from '../db/open';
import { listRecords, type ListContext, type RecordFilterQuery } from './records';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import type { RecordListQuery } from '../../shared/schemas/record-query';

/** Largest page listRecords serves; the stream never asks for more at once. */
export const RECORD_STREAM_PAGE = 200;

/**
 * Every record matching `query`, one keyset page at a time, so a caller (the ledger export) holds at
 * most one page in memory whatever the table size. Paging reuses the list's filters and cursor,
 * so an export and the list it was started from always agree on which records match.
 */
export async function* streamRecordPages(
  db: Db,
  query: RecordListQuery & Pick<RecordFilterQuery, 'ids'>,
  ctx: ListContext,
  pageSize: number = RECORD_STREAM_PAGE,
): AsyncGenerator<EchoRecord[], void, undefined> {
  const { cursor: _ignoredCursor, limit: _ignoredLimit, ...filters } = query;
  let cursor: string | undefined;
  for (;;) {
    const page = await listRecords(db, { ...filters, limit: pageSize, ...(cursor ? { cursor } : {}) }, ctx);
    if (page.items.length > 0) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
