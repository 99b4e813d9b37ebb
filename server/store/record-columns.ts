import { sql, type SQL } from 'drizzle-orm';
import { indexTokens } from './search-tokens';
import { latestSatisfaction, type Record as EchoRecord } from '../../shared/schemas/record';
import type { Obligation } from '../../shared/schemas/obligation';
import { nextObligation } from '../../shared/domain/obligations';
import { completedAt, workingTimeBetween } from '../../shared/domain/compliance';
import type { WorkingDayCalendar } from '../../shared/domain/calendar';

/** The filterable columns of a record, derived from its document (the search vector: `searchVector`). */
export function columnsOf(doc: EchoRecord) {
  return {
    status: doc.status,
    validity: doc.validity,
    category: doc.category,
    source: doc.source,
    channel: doc.channel,
    nature: doc.nature,
    urgency: doc.urgency,
    priority: doc.assessment?.priority ?? null,
    initialPriority: doc.initialPriority ?? null,
    customerType: doc.customerType ?? null,
    ownerId: doc.owner?.id ?? null,
    campaignId: doc.campaignId ?? null,
    mergedInto: doc.mergedInto,
    dueAt: doc.dueAt ? new Date(doc.dueAt) : null,
    recordedAt: new Date(doc.recordedAt),
    updatedAt: new Date(doc.updatedAt),
    version: doc.version,
    satisfaction: latestSatisfaction(doc.satisfaction)?.rating ?? null,
  };
}

/** The queue's obligation columns: due instant and kind of the first unmet obligation. */
export function obligationColumns(obligations: readonly Obligation[]) {
  const next = nextObligation(obligations);
  return { nextDueAt: next ? new Date(next.dueAt) : null, nextObligationKind: next?.kind ?? null };
}

/** A record's obligations as `record_obligations` rows (ord from 1), with the working time each took to meet. */
export function obligationRows(obligations: readonly Obligation[], calendar: WorkingDayCalendar) {
  return obligations.map((o, i) => {
    const took = o.metAt === null ? null : workingTimeBetween(new Date(o.startsAt), new Date(o.metAt), calendar);
    return { ord: i + 1, kind: o.kind, startsAt: o.startsAt, dueAt: o.dueAt, metAt: o.metAt, workingMs: took?.ok ? took.value : null };
  });
}

/** When the record was done (while it stays done or closed) and the working time from recorded to done. */
export function doneColumns(doc: EchoRecord, audit: readonly { action: string; at: string }[], calendar: WorkingDayCalendar) {
  const doneAt = completedAt(doc.status, audit);
  const took = doneAt === null ? null : workingTimeBetween(new Date(doc.recordedAt), doneAt, calendar);
  return { doneAt, doneWorkingMs: took?.ok ? took.value : null };
}

/** The words a record is found by: its number, the customer and the free text (see search-tokens.ts). */
export function searchTokens(doc: EchoRecord): string[] {
  return indexTokens(
    doc.recordNumber,
    doc.customerName,
    doc.industry,
    doc.scenario,
    doc.problem,
    doc.expectedSolution,
    doc.notes,
    doc.result,
    doc.origin.kind === 'extension' ? doc.origin.clip.ticket?.subject : undefined,
    doc.origin.kind === 'extension' ? doc.origin.clip.ticket?.ticketId : undefined,
  );
}

/** The search vector of a record, built in the database from its tokens. */
export function searchVector(doc: EchoRecord): SQL {
  // Tokens hold only letters and digits, so a space-joined string splits back exactly.
  return sql`array_to_tsvector(string_to_array(${searchTokens(doc).join(' ')}, ' '))`;
}

