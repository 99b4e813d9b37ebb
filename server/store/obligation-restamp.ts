import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { recordObligations, records } from '../db/schema';
import { auditTrail, replaceObligationRows } from './records';
import { doneColumns, obligationColumns } from './record-columns';
import { computeObligations } from '../../shared/domain/obligations';
import { withResponseDeadline } from '../../shared/domain/record-workflow';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';
import type { Record as EchoRecord } from '../../shared/schemas/record';

/** Records handled per transaction. */
const PAGE = 200;

/**
 * Count again, with `calendar` as stored now, every deadline that a change of the calendar from
 * `from` on can move: the response deadline in the record (and its flag for years counted without
 * a calendar, DOMAIN.md §11), the `record_obligations` rows, the queue's next-due columns and the
 * working time to done. Records whose deadlines all lie before `from` are untouched. As with
 * obligation-backfill.ts, neither the record's version nor its change feed moves: what the record
 * says did not change, only what a working day is. A record a writer holds is waited for, so the
 * writer's stamp (made with the calendar it read) is counted again after it. Returns how many
 * records changed.
 */
export async function restampObligations(db: Db, calendar: WorkingDayCalendar, options: { from: Date; now: () => Date; pageSize?: number }): Promise<number> {
  const pageSize = options.pageSize ?? PAGE;
  const from = options.from;
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    const page: { last: string | null; changed: number } = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: records.id, doc: records.doc, dueAt: records.dueAt, nextDueAt: records.nextDueAt, doneWorkingMs: records.doneWorkingMs })
        .from(records)
        .where(
          and(
            after === null ? undefined : gt(records.id, after),
            or(
              sql`${records.dueAt} >= ${from.toISOString()}::timestamptz`,
              sql`${records.doneAt} >= ${from.toISOString()}::timestamptz`,
              sql`${records.doc} ? 'dueCalendarMissing'`,
              sql`EXISTS (SELECT 1 FROM ${recordObligations} WHERE ${recordObligations.recordId} = ${records.id} AND ${recordObligations.dueAt} >= ${from.toISOString()}::timestamptz)`,
            ),
          ),
        )
        .orderBy(asc(records.id))
        .limit(pageSize)
        .for('update');
      let n = 0;
      const now = options.now();
      for (const row of rows) {
        const before = row.doc as EchoRecord;
        const doc = before.urgency ? withResponseDeadline(before, calendar) : before;
        const audit = await auditTrail(tx, row.id);
        const obligations = computeObligations({ record: doc, audit }, calendar, now);
        await replaceObligationRows(tx, row.id, obligations, calendar);
        const next = obligationColumns(obligations);
        const done = doneColumns(doc, audit, calendar);
        const docMoved = doc.dueAt !== before.dueAt || String(doc.dueCalendarMissing) !== String(before.dueCalendarMissing);
        await tx
          .update(records)
          .set({ ...next, ...done, ...(docMoved ? { doc, dueAt: doc.dueAt ? new Date(doc.dueAt) : null } : {}) })
          .where(eq(records.id, row.id));
        if (docMoved || next.nextDueAt?.getTime() !== row.nextDueAt?.getTime() || done.doneWorkingMs !== row.doneWorkingMs) n++;
      }
      return { last: rows.at(-1)?.id ?? null, changed: n };
    });
    changed += page.changed;
    if (page.last === null) return changed;
    after = page.last;
  }
}
