import * as z from 'zod/mini';
import { Record, RecordSummary } from './record';
import { Id, IsoDateTime } from './common';
import { Obligation } from './obligation';

/** `GET /api/v1/records`: one page of rows; `nextCursor` is null on the last page. */
export const RecordPage = z.object({
  items: z.array(RecordSummary),
  nextCursor: z.nullable(z.string().check(z.maxLength(500))),
});
export type RecordPage = z.infer<typeof RecordPage>;

/** One entry of a record's audit trail (who, when, what): changed top-level fields before and after. */
export const AuditEntry = z.object({
  id: z.number(),
  action: z.string().check(z.maxLength(200)),
  actor: z.object({ id: z.nullable(Id), label: z.string() }),
  at: IsoDateTime,
  before: z.nullable(z.record(z.string(), z.unknown())),
  after: z.nullable(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * `GET /api/v1/records/:id`: the record, its duplicates, the audit trail (reviewers), the workflow
 * actions open to the caller and its obligations (DOMAIN.md §12).
 */
export const RecordDetail = z.object({
  record: Record,
  duplicates: z.array(RecordSummary),
  audit: z.array(AuditEntry),
  actions: z.array(z.string()),
  obligations: z.array(Obligation),
});
export type RecordDetail = z.infer<typeof RecordDetail>;
