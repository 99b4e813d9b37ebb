import type { Db } from '../db/open';
import { recordPageSelect, type ListContext, type RecordFilterQuery } from './records';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import type { RecordListQuery } from '../../shared/schemas/record-query';

/** Largest page listRecords serves; the stream never asks for more at once. */
export const RECORD_STREAM_PAGE = 200;

/**
 * Every record matching `query`, one keyset page at a time, so a caller (the ledger export) holds at
 * most one page in memory whatever the table size. Paging reuses the list's select, filters and
 * cursor, so an export and the list it was started from always agree on which records match.
 *
 * Each page is read with `db.execute` and the driver's result rows are emptied once the records are
 * taken out: read through the query builder, a page's rows stayed reachable from the driver's result
 * for several pages longer, so every record survived into V8's old generation and a 100k-record
 * export grew the heap by a hundred megabytes more than a 10k one (bench:console, export_rss_growth).
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
    const page = recordPageSelect(db, { ...filters, limit: pageSize, ...(cursor ? { cursor } : {}) }, ctx);
    const { rows } = (await db.execute(page.select.getSQL())) as unknown as { rows: Array<{ [column: string]: unknown }> };
    const taken = rows.slice(0, page.limit);
    const last = taken[taken.length - 1];
    cursor = rows.length > page.limit && last ? page.cursorAfter(last[page.sortColumn.name], String(last.id)) : undefined;
    const items = taken.map((row) => row.doc as EchoRecord);
    rows.length = 0;
    taken.length = 0;
    if (items.length > 0) yield items;
    if (!cursor) return;
  }
}
