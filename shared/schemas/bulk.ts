import * as z from 'zod/mini';
import { Id, RecordNumber } from './common';
import { ErrorCode } from './error-codes';
import { RecordListQuery } from './record-query';
import { TransitionBody } from './record-commands';
import { rule } from './refinements';

/** Most records one bulk request works on; the client follows `nextCursor` for the rest, showing progress. */
export const BULK_CHUNK = 100;

/** What a bulk request does to each record: assign an owner (null unassigns) or take a workflow action. */
export const BulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), ownerId: z.nullable(Id) }),
  z.object({ type: z.literal('transition'), transition: TransitionBody }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

/** The record list's filters as its query string carries them (cursor, limit and sort are the bulk route's). */
export const BulkFilter = z.omit(RecordListQuery, { cursor: true, limit: true, sort: true });
export type BulkFilter = z.infer<typeof BulkFilter>;

/**
 * `POST /api/v1/bulk/records`: an action on either a selection (`ids`, up to BULK_CHUNK) or every
 * record matching `filter` (the whole filtered set, worked through BULK_CHUNK at a time: send the
 * answer's `nextCursor` back with the same filter and action until it is null).
 */
export const BulkRequest = z
  .object({
    action: BulkAction,
    ids: z.optional(z.array(Id).check(z.minLength(1), z.maxLength(BULK_CHUNK))),
    filter: z.optional(BulkFilter),
    cursor: z.optional(z.string().check(z.maxLength(500))),
  })
  .check(rule('one_target_required', ['ids'], (v) => (v.ids === undefined) !== (v.filter === undefined)));
export type BulkRequest = z.input<typeof BulkRequest>;

/** How the action went on one record: done, or refused with the code (and workflow guard) the single route would answer. */
export const BulkItemResult = z.object({
  id: Id,
  recordNumber: z.nullable(RecordNumber),
  status: z.enum(['ok', 'refused']),
  code: z.optional(ErrorCode),
  guard: z.optional(z.string().check(z.maxLength(100))),
  message: z.optional(z.string().check(z.maxLength(500))),
});
export type BulkItemResult = z.infer<typeof BulkItemResult>;

/** The answer to one bulk request; `total` (records matching the filter) comes with the first chunk of a filter. */
export const BulkResponse = z.object({
  results: z.array(BulkItemResult),
  nextCursor: z.nullable(z.string().check(z.maxLength(500))),
  total: z.optional(z.int().check(z.gte(0))),
});
export type BulkResponse = z.infer<typeof BulkResponse>;

/** `GET /api/v1/bulk/records/count`: how many records match the list's filters (what "all matching" would touch). */
export const BulkTotal = z.object({ total: z.int().check(z.gte(0)) });
export type BulkTotal = z.infer<typeof BulkTotal>;
