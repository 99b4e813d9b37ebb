import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { recordObligations, records } from '../db/schema';
import { auditTrail, replaceObligationRows } from './records';
import { doneColumns } from './record-columns';
import { computeObligations } from '../../shared/domain/obligations';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import type { Record as EchoRecord } from '../../shared/schemas/record';

/** Records handled per transaction. */
const PAGE = 200;

/** Options of backfillObligationRows. */
export interface BackfillOptions {
  now: () => Date;
  /** Asked before each page: true stops the work (the server is shutting down). */
  stopped?: () => boolean;
  pageSize?: number;
}

/**
 * Give records stored before migration 0017 their `record_obligations` rows and done columns, as a
 * write of the record would (server/store/records.ts `updateRecord`), so the dashboard and the
 * queue's obligation filters count them. Records are read once, in id order, a page per
 * transaction; a record another process holds is skipped (its writer stores the rows), so two
 * processes may run it at once. Neither the record's version nor its
 * change feed moves: nothing about the record changed. Returns how many records got rows.
 */
export async function backfillObligationRows(db: Db, calendar: WorkingDayCalendar, options: BackfillOptions): Promise<number> {
  const pageSize = options.pageSize ?? PAGE;
  let after: string | null = null;
  let filled = 0;
  while (!options.stopped?.()) {
    const page: { last: string | null; filled: number } = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: records.id, doc: records.doc })
        .from(records)
        .where(
          and(
            after === null ? undefined : gt(records.id, after),
            sql`NOT EXISTS (SELECT 1 FROM ${recordObligations} WHERE ${recordObligations.recordId} = ${records.id})`,
          ),
        )
        .orderBy(asc(records.id))
        .limit(pageSize)
        .for('update', { skipLocked: true });
      let n = 0;
      const now = options.now();
      for (const row of rows) {
        const doc = row.doc as EchoRecord;
        const audit = await auditTrail(tx, row.id);
        const obligations = computeObligations({ record: doc, audit }, calendar, now);
        // The record's row is locked: a writer cannot store other rows meanwhile.
        await replaceObligationRows(tx, row.id, obligations, calendar);
        if (obligations.length > 0) n++;
        await tx.update(records).set(doneColumns(doc, audit, calendar)).where(eq(records.id, row.id));
      }
      return { last: rows.at(-1)?.id ?? null, filled: n };
    });
    filled += page.filled;
    if (page.last === null) break;
    after = page.last;
  }
  return filled;
}
