import { and, asc, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { records } from '../db/schema';
import { dayBound } from '../store/records';
import { explainPriority } from '../../shared/domain/priority';
import { REPORT_MAX_ROWS, type AssessmentSheet, type AssessmentSheetQuery, type AssessmentSheetRow } from '../../shared/schemas/report-assessment-sheet';
import type { Record as EchoRecord } from '../../shared/schemas/record';
import { groupByDepartment } from './report-groups';

/** One record as the meeting reads it: its facts, its ratings so far and the priority they suggest. */
export function assessmentRow(r: EchoRecord): AssessmentSheetRow {
  const a = r.assessment;
  const suggested = a ? explainPriority(a) : null;
  return {
    id: r.id,
    recordNumber: r.recordNumber,
    department: r.department,
    recordedAt: r.recordedAt,
    customerName: r.customerName ?? null,
    customerType: r.customerType ?? null,
    category: r.category,
    problem: r.problem,
    expectedSolution: r.expectedSolution ?? null,
    nature: r.nature,
    urgency: r.urgency,
    initialPriority: r.initialPriority ?? null,
    ratings: { customerValue: a?.customerValue ?? null, businessValue: a?.businessValue ?? null, cost: a?.cost ?? null, risk: a?.risk ?? null },
    suggestedPriority: suggested?.ok ? suggested.value : null,
    priority: a?.priority ?? null,
    handling: a?.handling ?? null,
    responsibleDepartment: r.responsibleDepartment,
    reproductionRate: a?.reproductionRate ?? null,
    impactScope: a?.impactScope ?? null,
  };
}

/**
 * The assessment meeting sheet (DOMAIN.md §6): records screened valid and not yet started (still
 * pending analysis), not merged away, created in the range and of the departments, in record-number
 * order per department. Ranges are read as the record list reads them, so the queue shows the same.
 */
export async function assessmentSheet(db: Db, query: AssessmentSheetQuery, now: Date, timeZone: string): Promise<AssessmentSheet> {
  const from = query.from ? dayBound(query.from, false, timeZone) : null;
  const to = query.to ? dayBound(query.to, true, timeZone) : null;
  const where: SQL[] = [eq(records.validity, 'valid'), eq(records.status, 'pending_analysis'), isNull(records.mergedInto)];
  if (from) where.push(gte(records.createdAt, from));
  if (to) where.push(lt(records.createdAt, to));
  if (query.department?.length) where.push(inArray(records.department, query.department));
  const rows = await db
    .select({ doc: records.doc })
    .from(records)
    .where(and(...where))
    .orderBy(asc(records.department), asc(records.recordNumber))
    .limit(REPORT_MAX_ROWS + 1);
  const docs = rows.slice(0, REPORT_MAX_ROWS).map((row) => row.doc as EchoRecord);
  return {
    generatedAt: now.toISOString(),
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    departments: groupByDepartment(docs.map(assessmentRow), (row) => row.department),
    truncated: rows.length > REPORT_MAX_ROWS,
  };
}
