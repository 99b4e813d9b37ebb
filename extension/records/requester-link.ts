import * as z from 'zod/mini';
import { LIMITS, RecordNumber, Id } from '../../shared/schemas/common';
import { REQUESTER_EXCERPT_MAX, RequesterLinkBody } from '../../shared/schemas/requester-entry';
import { fieldIssues, type FieldIssue } from '../../shared/schemas/problem';
import { maskRequesterEntry } from '../../shared/domain/record-masking';
import type { Result } from '../../shared/domain/result';
import { DraftPayload } from './draft';
import { maskForm } from './record-input';

/** The record a draft is linked to, as the agent picked it ("asked by N" when picked). */
export const LinkChoice = z.object({ id: Id, recordNumber: RecordNumber, askedBy: z.optional(z.int()) });
export type LinkChoice = z.infer<typeof LinkChoice>;

/**
 * What an outbox entry carries once its draft is linked to an existing record as another requester:
 * the target, the masked link body (its id is the entry's, the idempotency key) and the draft it came
 * from, so a refused link can go back to being a draft.
 */
export const LinkPayload = z.object({ kind: z.literal('link'), target: LinkChoice, body: RequesterLinkBody, draft: DraftPayload });
export type LinkPayload = z.infer<typeof LinkPayload>;

/** True when an outbox payload is a link (record entries carry a RecordInput or a draft instead). */
export const isLinkPayload = (payload: unknown): payload is LinkPayload =>
  typeof payload === 'object' && payload !== null && (payload as { kind?: unknown }).kind === 'link';

/**
 * The link body of a draft: who asked and how to reach them (masked on the device, DOMAIN.md §3),
 * what they asked (the problem as typed, else the selection or the ticket's subject), where the
 * clip was taken and when. Issues carry the body's paths (`excerpt`, `contact` …).
 */
export function toRequesterLink(id: string, draft: DraftPayload): Result<RequesterLinkBody, FieldIssue[]> {
  const { form, clip } = draft;
  const masked = maskForm(form);
  const ticket = clip.ticket;
  const said = masked.problem ?? clip.page.selection ?? ticket?.subject ?? '';
  const candidate = {
    id,
    ...(masked.customerName ? { customerName: masked.customerName } : {}),
    ...(form.customerKind ? { customerKind: form.customerKind } : {}),
    ...(masked.contactPerson ? { contactPerson: masked.contactPerson } : {}),
    ...(masked.contact ? { contact: masked.contact } : {}),
    contactConsent: form.contactConsent,
    source: form.source,
    channel: form.channel,
    excerpt: said.trim().slice(0, REQUESTER_EXCERPT_MAX),
    page: {
      url: ticket?.url ?? clip.page.url,
      title: (ticket?.subject ?? clip.page.title).slice(0, LIMITS.line),
      ...(ticket ? { system: ticket.system } : {}),
      ...(ticket?.ticketId ? { ticketId: ticket.ticketId } : {}),
    },
    askedAt: clip.capturedAt,
  };
  const parsed = z.safeParse(RequesterLinkBody, candidate);
  return parsed.success ? { ok: true, value: maskRequesterEntry(parsed.data) } : { ok: false, error: fieldIssues(parsed.error) };
}
