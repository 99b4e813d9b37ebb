import * as z from 'zod/mini';
import { Record, RecordSummary } from './record';
import { AuditEntry } from './audit-entry';
import { Obligation } from './obligation';
import { WORKFLOW_ACTIONS } from '../domain/workflow';

/** `GET /api/v1/records`: one page of rows; `nextCursor` is null on the last page. */
export const RecordPage = z.object({
  items: z.array(RecordSummary),
  nextCursor: z.nullable(z.string().check(z.maxLength(500))),
});
export type RecordPage = z.infer<typeof RecordPage>;

/**
 * `GET /api/v1/records/:id`: the record, its duplicates, the audit trail (reviewers), the workflow
 * actions open to the caller and its obligations (DOMAIN.md §12).
 */
export const RecordDetail = z.object({
  record: Record,
  duplicates: z.array(RecordSummary),
  audit: z.array(AuditEntry),
  actions: z.array(z.enum(WORKFLOW_ACTIONS)),
  obligations: z.array(Obligation),
});
export type RecordDetail = z.infer<typeof RecordDetail>;
