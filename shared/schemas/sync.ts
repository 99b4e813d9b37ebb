import * as z from 'zod/mini';
import { CommunicationKind, Satisfaction, Status, Validity } from './enums';
import { ErrorCode } from './error-codes';
import { Id, IsoDateTime, LIMITS, LongText, RecordNumber, requiredText } from './common';
import { FieldIssue } from './problem';

/*
 * The typed batches live next to their items (BatchRequest in record.ts, SubmissionBatchRequest
 * in submission.ts) so the widget's bundle never pulls in the record schema.
 */

/** A batch of 1–100 items of `item`, as clients send it (and as the API documents it). */
export const batchOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item).check(z.minLength(1), z.maxLength(LIMITS.batch)) });

/**
 * What the server parses first: only the envelope and each item's id, so one bad item is
 * answered `rejected` on its own instead of failing the whole batch. Each item is then parsed
 * with RecordInput or SubmissionInput.
 */
export const BatchEnvelope = z.object({
  items: z
    .array(z.looseObject({ id: z.string().check(z.minLength(1), z.maxLength(100)) }))
    .check(z.minLength(1), z.maxLength(LIMITS.batch)),
});
export type BatchEnvelope = z.infer<typeof BatchEnvelope>;

/** Why one item was rejected; the client keeps the item and shows this. */
export const ItemError = z.object({
  code: ErrorCode,
  message: z.string().check(z.maxLength(1_000)),
  errors: z.optional(z.array(FieldIssue)),
});
export type ItemError = z.infer<typeof ItemError>;

/** The answer for one item of a batch, by the item's id. */
export const ItemResult = z.discriminatedUnion('status', [
  /** Stored now. */
  z.object({ id: z.string(), status: z.literal('accepted'), recordNumber: RecordNumber, version: z.int() }),
  /** Stored before with the same body (a retry): the stored result again. */
  z.object({ id: z.string(), status: z.literal('duplicate'), recordNumber: RecordNumber, version: z.int() }),
  /** Not stored: invalid, or the id was used with a different body (idempotency_conflict). */
  z.object({ id: z.string(), status: z.literal('rejected'), error: ItemError }),
]);
export type ItemResult = z.infer<typeof ItemResult>;

/** Results in the order of the request's items. */
export const BatchResponse = z.object({ results: z.array(ItemResult).check(z.maxLength(LIMITS.batch)) });
export type BatchResponse = z.infer<typeof BatchResponse>;

/** One record's current state as its creator may see it. */
export const RecordChange = z.object({
  recordId: Id,
  recordNumber: RecordNumber,
  status: Status,
  validity: Validity,
  version: z.int().check(z.gte(1)),
  changedAt: IsoDateTime,
  cycle: z.int().check(z.gte(1)),
  /** The latest message to the customer. */
  lastCommunication: z.nullable(
    z.object({
      kind: CommunicationKind,
      message: LongText,
      expectedVersion: z.optional(requiredText(50)),
      at: IsoDateTime,
    }),
  ),
  /** The customer's latest rating, of any cycle. */
  satisfaction: z.nullable(z.object({ rating: Satisfaction, cycle: z.int().check(z.gte(1)), at: IsoDateTime })),
  /** Done and not yet rated in the current cycle: the client may ask for a rating. */
  satisfactionRequested: z.boolean(),
});
export type RecordChange = z.infer<typeof RecordChange>;

/** An opaque position in the changes feed. */
export const Cursor = z.string().check(z.minLength(1), z.maxLength(500));
export type Cursor = z.infer<typeof Cursor>;

/**
 * A page of the changes feed. nextCursor is always the position after this page, so a client
 * stores it and polls with it later; hasMore says whether to ask again right away.
 */
export const ChangesPage = z.object({
  items: z.array(RecordChange).check(z.maxLength(LIMITS.batch)),
  nextCursor: Cursor,
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;
