import * as z from 'zod/mini';
import { Category } from './enums';
import { Id, IsoDateTime, Locale, LongText, ShortText, SiteKey } from './common';
import { ScreenshotMeta } from './attachment';
import { PageContext } from './page-context';
import { ReporterCredential } from './reporter';
import { consentedContactNeedsConsent, contactNeedsConsent } from './refinements';
import { ContactBody } from './contact';
import { batchOf } from './sync';

/**
 * What the widget's suggestion box sends for an end user (source customer_self, channel
 * suggestion_box). Contact is masked on the device for the record; with the consent box ticked
 * the unmasked contact travels beside it for the vault only. Survey answers go separately as a
 * SurveyResponse.
 */
export const SubmissionInput = z
  .object({
    /** Client-made UUID (v7), the idempotency key. */
    id: Id,
    /** Usually sent as a header; accepted in the body for queued sends. */
    siteKey: z.optional(SiteKey),
    campaignId: z.optional(Id),
    category: Category,
    scenario: z.optional(LongText),
    problem: LongText,
    expectedSolution: z.optional(LongText),
    contact: z.optional(ShortText),
    contactConsent: z.boolean(),
    /** The unmasked contact, stored encrypted in the vault with the record, never in its document. */
    consentedContact: z.optional(ContactBody),
    screenshot: z.optional(ScreenshotMeta),
    page: PageContext,
    reporter: ReporterCredential,
    locale: Locale,
    /** When the person pressed submit; the record's recordedAt (it may be sent much later). */
    submittedAt: IsoDateTime,
    /** Honeypot: hidden from people, so anything but empty means a bot filled the form. */
    website: z.optional(z.literal('')),
  })
  .check(contactNeedsConsent(), consentedContactNeedsConsent());
export type SubmissionInput = z.infer<typeof SubmissionInput>;

/** A batch of widget submissions (the widget's outbox sends up to 100 at once). */
export const SubmissionBatchRequest = batchOf(SubmissionInput);
export type SubmissionBatchRequest = z.infer<typeof SubmissionBatchRequest>;
