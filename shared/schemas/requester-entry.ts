import * as z from 'zod/mini';
import { Channel, CustomerKind, HelpdeskSystem, Source } from './enums';
import { HttpUrl, Id, IsoDateTime, LIMITS, ShortText, StaffRef, boundedText, requiredText } from './common';
import { contactNeedsConsent } from './refinements';

/** Longest excerpt a linked requester entry keeps: what the customer asked, not the whole page. */
export const REQUESTER_EXCERPT_MAX = 4_000;

/** Where a linked clip was taken: the page (or helpdesk ticket) the customer asked on. */
export const RequesterPage = z.object({
  url: HttpUrl,
  title: boundedText(LIMITS.line),
  system: z.optional(HelpdeskSystem),
  ticketId: z.optional(requiredText(100)),
});
export type RequesterPage = z.infer<typeof RequesterPage>;

const bodyShape = {
  /** Client-made UUID (v7) of the link: its idempotency key, so a retried link counts once. */
  id: Id,
  /** Who asked: masked person (`*先生`) or company name. */
  customerName: z.optional(ShortText),
  customerKind: z.optional(CustomerKind),
  contactPerson: z.optional(ShortText),
  /** Masked on the device (`138****5678`); only with contactConsent. */
  contact: z.optional(ShortText),
  contactConsent: z.boolean(),
  source: Source,
  channel: Channel,
  /** What this requester asked, in their words (the clip's selection or problem text). */
  excerpt: requiredText(REQUESTER_EXCERPT_MAX),
  page: z.optional(RequesterPage),
  /** When the customer asked (the clip's capture time). */
  askedAt: IsoDateTime,
};

/**
 * `POST /records/:id/requesters`: a clip or draft linked to an existing record as another requester
 * of the same need (DOMAIN.md §4–§5 "asked by N"), without merging or creating a record.
 */
export const RequesterLinkBody = z.object(bodyShape).check(contactNeedsConsent());
export type RequesterLinkBody = z.infer<typeof RequesterLinkBody>;

/** Who undid a link and when; the entry stays on the record for the trail but no longer counts. */
export const RequesterUndo = z.object({ by: StaffRef, at: IsoDateTime });
export type RequesterUndo = z.infer<typeof RequesterUndo>;

/** One linked requester as kept on the record: the link's body, who linked it and when, and its undo. */
export const RequesterEntry = z
  .object({ ...bodyShape, linkedBy: StaffRef, linkedAt: IsoDateTime, undone: z.optional(RequesterUndo) })
  .check(contactNeedsConsent());
export type RequesterEntry = z.infer<typeof RequesterEntry>;
