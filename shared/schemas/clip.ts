import * as z from 'zod/mini';
import { HelpdeskSystem } from './enums';
import { HttpUrl, IsoDateTime, LIMITS, LongText, ShortText, boundedText, requiredText } from './common';
import { storableString } from './storable';
import { ScreenshotMeta } from './attachment';
import { maxKeys } from './refinements';

/** Who wrote a ticket message. */
export const MESSAGE_ROLES = ['customer', 'agent'] as const;
/** One of MESSAGE_ROLES. */
export const MessageRole = z.enum(MESSAGE_ROLES);
export type MessageRole = z.infer<typeof MessageRole>;

/** How a clip's readable text was taken: Readability's article, the main region (a ticket, or no article found), or the main region because Readability ran out of its time budget. */
export const READABLE_SOURCES = ['readability', 'main_text', 'budget_fallback'] as const;
/** One of READABLE_SOURCES. */
export const ReadableSource = z.enum(READABLE_SOURCES);
export type ReadableSource = z.infer<typeof ReadableSource>;

/** What a reader sees of a page besides its title, read from its metadata (masked as the page's text is). */
export const ClipReader = z.object({
  /** A person's or an organisation's name, never a profile address. */
  author: z.optional(requiredText(LIMITS.title)),
  /** The page's description, else the first paragraph of its text. */
  description: z.optional(requiredText(2_000)),
  siteName: z.optional(requiredText(LIMITS.title)),
  /** As the page states it (`article:published_time`, JSON-LD `datePublished` …), not reinterpreted. */
  publishedTime: z.optional(requiredText(100)),
  /** BCP 47 language tag of the page. */
  lang: z.optional(requiredText(35)),
  dir: z.optional(z.enum(['ltr', 'rtl'])),
  readableSource: z.optional(ReadableSource),
});
export type ClipReader = z.infer<typeof ClipReader>;

/** The page as clipped: address, title, what the agent selected, and its structured metadata. */
export const ClipPage = z.object({
  url: HttpUrl,
  canonicalUrl: z.optional(HttpUrl),
  title: boundedText(LIMITS.line),
  selection: z.optional(LongText),
  readableText: z.optional(requiredText(LIMITS.readableText)),
  /** OpenGraph and schema.org properties (`og:title`, `schema:author` …), at most 100. */
  metadata: z
    .record(storableString().check(z.minLength(1), z.maxLength(100)), boundedText(2_000))
    .check(maxKeys(100)),
  reader: z.optional(ClipReader),
});
export type ClipPage = z.infer<typeof ClipPage>;

/** One message of a helpdesk conversation; personal data already masked on the device. */
export const ClipMessage = z.object({
  role: MessageRole,
  /** Masked display name (`*先生`, company name). */
  author: z.optional(ShortText),
  text: LongText,
  at: z.optional(IsoDateTime),
});
export type ClipMessage = z.infer<typeof ClipMessage>;

/** What an extractor found on a helpdesk ticket page. */
export const ClipTicket = z.object({
  system: HelpdeskSystem,
  ticketId: z.optional(requiredText(100)),
  url: HttpUrl,
  subject: z.optional(requiredText(LIMITS.line)),
  /** Masked requester. */
  requester: z.optional(ShortText),
  status: z.optional(requiredText(50)),
  tags: z.array(requiredText(100)).check(z.maxLength(50)),
  messages: z.array(ClipMessage).check(z.maxLength(200)),
  /** Fields the extractor looked for and did not find, so the agent can fill them in. */
  missingFields: z.array(requiredText(50)).check(z.maxLength(30)),
});
export type ClipTicket = z.infer<typeof ClipTicket>;

/** What the extension captured from a page or ticket (the `extension` origin of a record). */
export const Clip = z.object({
  page: ClipPage,
  ticket: z.optional(ClipTicket),
  screenshot: z.optional(ScreenshotMeta),
  capturedAt: IsoDateTime,
});
export type Clip = z.infer<typeof Clip>;
