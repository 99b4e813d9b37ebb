import * as z from 'zod/mini';
import { CommunicationKind, Milestone, Nature, Satisfaction, Urgency } from './enums';
import { Id, IsoDateTime, LocalDate, LongText, requiredText } from './common';

/** A workflow action with its payload (`POST /records/:id/transitions`), see shared/domain/workflow. */
export const TransitionBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mark_valid'), nature: z.optional(Nature), urgency: z.optional(Urgency) }),
  z.object({ type: z.literal('mark_invalid'), reason: LongText }),
  z.object({ type: z.literal('start'), ownerId: z.optional(Id) }),
  z.object({ type: z.literal('complete'), result: LongText }),
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('reopen') }),
]);
export type TransitionBody = z.infer<typeof TransitionBody>;

/** A weekly progress update on a milestone (`POST /records/:id/progress`). */
export const ProgressBody = z.object({ milestone: Milestone, note: LongText });
export type ProgressBody = z.infer<typeof ProgressBody>;

/** A message to the customer (`POST /records/:id/communications`). */
export const CommunicationBody = z.object({
  kind: CommunicationKind,
  message: LongText,
  expectedVersion: z.optional(requiredText(50)),
});
export type CommunicationBody = z.infer<typeof CommunicationBody>;

/** A change request (`POST /records/:id/change-requests`); filed at least 2 working days ahead. */
export const ChangeRequestBody = z.object({
  reason: LongText,
  adjustedPlan: LongText,
  effectiveAt: IsoDateTime,
  /** The task order's new deadline, applied when the request is approved. */
  adjustedDeadline: z.optional(LocalDate),
  /** The new owner (an active staff member), applied to the record and its task order when approved. */
  adjustedOwnerId: z.optional(Id),
});
export type ChangeRequestBody = z.infer<typeof ChangeRequestBody>;

/** Approve or reject a pending change request. */
export const ChangeRequestDecisionBody = z.object({ approve: z.boolean() });
export type ChangeRequestDecisionBody = z.infer<typeof ChangeRequestDecisionBody>;

/** A satisfaction rating the customer gave (widget or staff on the customer's behalf). */
export const SatisfactionBody = z.object({
  rating: Satisfaction,
  comment: z.optional(LongText),
});
export type SatisfactionBody = z.infer<typeof SatisfactionBody>;

/** Merge this record into another as a duplicate (`POST /records/:id/merge`); undo with `/unmerge`. */
export const MergeBody = z.object({ into: Id });
export type MergeBody = z.infer<typeof MergeBody>;
