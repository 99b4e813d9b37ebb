import * as z from 'zod/mini';
import { CommunicationKind, Satisfaction } from './enums';
import { Id, IsoDateTime, Locale, LongText } from './common';

/*
 * E-mails to customers (DOMAIN.md §8): one per communication to a customer who consented to leave an
 * address, written from a company-editable template per kind and language.
 */

/**
 * Delivery state: queued (waiting to be sent), sending, sent, failed (with the reason), or manual:
 * no SMTP server is configured, so staff must send it by hand (nothing pretends it was sent).
 */
export const MessageState = z.enum(['queued', 'sending', 'sent', 'failed', 'manual']);
export type MessageState = z.infer<typeof MessageState>;

/** One message as the record shows it; the address is never part of it. */
export const CustomerMessage = z.object({
  id: Id,
  recordId: Id,
  communicationId: Id,
  kind: CommunicationKind,
  locale: Locale,
  state: MessageState,
  reason: z.nullable(z.string()),
  subject: z.nullable(z.string()),
  attempts: z.int(),
  createdAt: IsoDateTime,
  sentAt: z.nullable(IsoDateTime),
});
export type CustomerMessage = z.infer<typeof CustomerMessage>;

/** `GET /api/v1/customer-messages?record=…`. */
export const CustomerMessageList = z.object({ items: z.array(CustomerMessage) });
export type CustomerMessageList = z.infer<typeof CustomerMessageList>;

/** Placeholders a template may use; the subject must carry `{recordNumber}`. */
export const TEMPLATE_PLACEHOLDERS = ['recordNumber', 'message', 'version', 'statusUrl'] as const;

/** `PUT /api/v1/message-templates/{kind}/{locale}`: a company's wording. */
export const MessageTemplateBody = z.object({
  subject: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(5000)),
});
export type MessageTemplateBody = z.infer<typeof MessageTemplateBody>;

/** A template as served: the company's own or the built-in default. */
export const MessageTemplate = z.object({
  kind: CommunicationKind,
  locale: Locale,
  subject: z.string(),
  body: z.string(),
  custom: z.boolean(),
  updatedAt: z.nullable(IsoDateTime),
  /** The built-in wording, to compare with and to go back to. */
  default: z.object({ subject: z.string(), body: z.string() }),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

/** `GET /api/v1/message-templates`. */
export const MessageTemplateList = z.object({ items: z.array(MessageTemplate) });
export type MessageTemplateList = z.infer<typeof MessageTemplateList>;

/** The status page's satisfaction form (满意 / 基本满意 / 不满意 with an optional comment). */
export const StatusPageRating = z.object({
  rating: Satisfaction,
  comment: z.optional(LongText),
});
export type StatusPageRating = z.infer<typeof StatusPageRating>;
