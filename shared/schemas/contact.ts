import * as z from 'zod/mini';
import { Id, IsoDateTime, Locale, ShortText } from './common';

/*
 * Consented, unmasked contact details (DOMAIN.md §3, §13). They travel only with the consent box
 * ticked, are stored encrypted apart from the record (whose document keeps the masked form) and are
 * read back only through an explicit, audited request.
 */

/** An e-mail address as typed; the server normalises it (trim, lower case) for look-ups. */
export const ContactEmail = z.string().check(z.trim(), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/));

/** A phone number as typed: digits with + ( ) - . and spaces. */
export const ContactPhone = z.string().check(z.trim(), z.maxLength(40), z.regex(/^\+?[\d\s().-]{5,40}$/));

/** The unmasked contact of one customer. */
export const ContactDetails = z.object({
  name: z.optional(ShortText),
  phone: z.optional(ContactPhone),
  email: z.optional(ContactEmail),
});
export type ContactDetails = z.infer<typeof ContactDetails>;

/** `PUT /api/v1/contacts/{recordId}`: store a record's contact; refused unless consent is true. */
export const ContactBody = z.object({
  /** The consent box (需客户授权后记录): only `true` is accepted. */
  consent: z.literal(true),
  contact: ContactDetails,
  /** The language the customer is written to in. */
  locale: Locale,
});
export type ContactBody = z.infer<typeof ContactBody>;

/** The answer to an audited read of a record's contact. */
export const ContactView = z.object({
  recordId: Id,
  contact: ContactDetails,
  locale: Locale,
  storedAt: IsoDateTime,
});
export type ContactView = z.infer<typeof ContactView>;

/** Whose data: the customer's e-mail or phone (at least one). */
export const CustomerLookup = z
  .object({ email: z.optional(ContactEmail), phone: z.optional(ContactPhone) })
  .check(
    z.refine((v) => v.email !== undefined || v.phone !== undefined, {
      message: 'Give the customer’s e-mail or phone.',
      path: ['email'],
    }),
  );
export type CustomerLookup = z.infer<typeof CustomerLookup>;

/** A customer's data on request (PIPL / GDPR): each record found by the contact, with what is stored. */
export const CustomerDataExport = z.object({
  records: z.array(
    z.object({
      recordId: Id,
      recordNumber: z.string(),
      contact: ContactDetails,
      locale: Locale,
      problem: z.string(),
      status: z.string(),
      recordedAt: IsoDateTime,
      messages: z.array(z.object({ kind: z.string(), state: z.string(), createdAt: IsoDateTime })),
    }),
  ),
});
export type CustomerDataExport = z.infer<typeof CustomerDataExport>;

/** What an erasure removed. */
export const CustomerErasure = z.object({ erasedRecords: z.array(Id) });
export type CustomerErasure = z.infer<typeof CustomerErasure>;

/** What a key rotation re-sealed. */
export const ContactKeyRotation = z.object({ activeKeyId: z.string(), resealed: z.int() });
export type ContactKeyRotation = z.infer<typeof ContactKeyRotation>;
