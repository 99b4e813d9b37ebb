import * as z from 'zod/mini';
import { ContactBody } from './contact';
import { recordInputShape } from './record';
import { consentedContactNeedsConsent, contactNeedsConsent } from './refinements';
import { batchOf } from './sync';

/**
 * What staff send to create a record (extension, console): the record, and with the consent box
 * ticked the customer's unmasked contact, which the server stores encrypted in the vault in the
 * same transaction as the record; the record's document keeps only the masked form.
 */
export const RecordCreateBody = z
  .object({ ...recordInputShape, consentedContact: z.optional(ContactBody) })
  .check(contactNeedsConsent(), consentedContactNeedsConsent());
export type RecordCreateBody = z.infer<typeof RecordCreateBody>;

/** A batch of records from the extension or console outbox. */
export const BatchRequest = batchOf(RecordCreateBody);
export type BatchRequest = z.infer<typeof BatchRequest>;
