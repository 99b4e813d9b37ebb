import { RE2JS } from 're2js';
import * as z from 'zod/mini';
import { HelpdeskSystem } from './enums';
import { MessageRole } from './clip';
import { uniqueIds } from './refinements';

/*
 * Helpdesk adapters are data, not code: URL patterns, id patterns and ordered CSS selector lists.
 * The server serves updated definitions and the extension applies them without a release, so
 * everything here is bounded and inert: selectors are only ever passed to querySelector(All), URL
 * globs go through the shared non-backtracking glob matcher, and regexes are short and run by
 * RE2JS, a linear-time engine, so no pattern (`(a|a)*$`, `.*.*.*=`) can freeze a helpdesk tab.
 * What RE2 cannot run (back-references, lookaround) is refused here, where the definition is read.
 */

/** Longest regex source an adapter may carry. */
export const MAX_PATTERN_LENGTH = 200;

/** Why a regex source cannot be an adapter pattern (`too_long`, or `unsupported_regex` for what RE2 cannot compile), or null. */
export function unsafePatternReason(source: string): 'too_long' | 'unsupported_regex' | null {
  if (source.length > MAX_PATTERN_LENGTH) return 'too_long';
  try {
    RE2JS.compile(source);
    return null;
  } catch {
    return 'unsupported_regex';
  }
}

/** A regex source RE2JS runs (RE2 syntax: no back-references or lookaround), at most MAX_PATTERN_LENGTH long. */
export const SafePattern = z.string().check(
  z.minLength(1),
  z.maxLength(MAX_PATTERN_LENGTH),
  z.refine((s) => unsafePatternReason(s) === null, {
    message: 'unsupported_regex: use RE2 syntax (no back-references, lookahead or lookbehind)',
  }),
);

/** A regex applied to the page URL whose named group `id` is the ticket id (`/tickets/(?<id>\d+)`). */
export const IdPattern = SafePattern.check(
  z.refine((s) => s.includes('(?<id>'), { message: 'id_group_missing' }),
);

/** A CSS selector; invalid syntax just finds nothing at capture time. No braces or markup. */
export const CssSelector = z.string().check(z.minLength(1), z.maxLength(300), z.regex(/^[^{}<]+$/));

/** An HTML attribute name (`data-testid`, `title`, `datetime`, `content`). */
export const AttributeName = z.string().check(z.regex(/^[A-Za-z_:][-A-Za-z0-9_:.]{0,49}$/));

/**
 * One way to read a value: the first element matching `selector`, its `attribute` (else its
 * text), then optionally `pattern` (named group `value`, else group 1, else the whole match).
 */
export const FieldRule = z.strictObject({
  selector: CssSelector,
  attribute: z.optional(AttributeName),
  pattern: z.optional(SafePattern),
});
export type FieldRule = z.infer<typeof FieldRule>;

/** Ordered rules: the first that yields a non-empty value wins. */
export const FieldRules = z.array(FieldRule).check(z.minLength(1), z.maxLength(20));
export type FieldRules = z.infer<typeof FieldRules>;

/** A tag rule reads every matching element; `split` cuts one text into several tags (`,`). */
export const TagRule = z.strictObject({
  selector: CssSelector,
  attribute: z.optional(AttributeName),
  pattern: z.optional(SafePattern),
  split: z.optional(z.string().check(z.minLength(1), z.maxLength(5))),
});
export type TagRule = z.infer<typeof TagRule>;

/**
 * Assigns `role` to a message when `selector` matches the message element itself or a descendant,
 * and, if given, its `attribute` (else its text) matches `pattern`.
 */
export const RoleRule = z.strictObject({
  selector: CssSelector,
  attribute: z.optional(AttributeName),
  pattern: z.optional(SafePattern),
  role: MessageRole,
});
export type RoleRule = z.infer<typeof RoleRule>;

/** One way to find the messages: a selector for one message element each, and the DOM order. */
export const MessageItems = z.strictObject({
  selector: CssSelector,
  /** Capture returns oldest first either way. */
  order: z.enum(['oldest_first', 'newest_first']),
});
export type MessageItems = z.infer<typeof MessageItems>;

/** How to read the conversation; author/text/time/role rules are relative to one message element. */
export const MessageRules = z.strictObject({
  /** Tried in order; the first that finds any message wins (one entry per known layout). */
  items: z.array(MessageItems).check(z.minLength(1), z.maxLength(10)),
  /** Messages matching one of these (itself or a descendant) are skipped: internal notes, system events. */
  exclude: z.optional(z.array(CssSelector).check(z.maxLength(10))),
  author: z.optional(FieldRules),
  text: FieldRules,
  /** Usually a `datetime` or `title` attribute; unparseable times are dropped. */
  time: z.optional(FieldRules),
  role: z.array(RoleRule).check(z.maxLength(20)),
  /** Role when no rule matches (and the author is not the requester, see requesterIsCustomer). */
  defaultRole: MessageRole,
  /** A message whose author equals the requester is the customer's. */
  requesterIsCustomer: z.optional(z.boolean()),
  /** How many of the latest messages to keep (default 20). */
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(200))),
});
export type MessageRules = z.infer<typeof MessageRules>;

/** A host glob (`*.zendesk.com`, `github.com`, `localhost:*`) and a path glob (`*` one segment, `**` any). */
export const UrlPattern = z.strictObject({
  host: z.string().check(z.regex(/^[a-z0-9*.-]{1,253}(?::(?:\d{1,5}|\*))?$/)),
  path: z.string().check(z.maxLength(300), z.regex(/^\/[^\s]*$/)),
});
export type UrlPattern = z.infer<typeof UrlPattern>;

/** A helpdesk adapter definition (data only). */
export const AdapterDefinition = z.strictObject({
  /** Stable slug (`zendesk-agent`). */
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,49}$/)),
  system: HelpdeskSystem,
  /** Bumped whenever the definition changes. */
  version: z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)),
  urls: z.array(UrlPattern).check(z.minLength(1), z.maxLength(20)),
  /**
   * Strong product markers (e.g. `[data-test-id="omni-header-subject"]`): a page on an unlisted
   * host (self-hosted, custom domain) uses this adapter when one of them is present.
   */
  detect: z.optional(z.array(CssSelector).check(z.maxLength(10))),
  /** Tried on the URL in order before any DOM rule. */
  idPatterns: z.array(IdPattern).check(z.maxLength(10)),
  fields: z.strictObject({
    ticketId: z.optional(FieldRules),
    subject: z.optional(FieldRules),
    requester: z.optional(FieldRules),
    status: z.optional(FieldRules),
    tags: z.optional(z.array(TagRule).check(z.minLength(1), z.maxLength(20))),
    messages: z.optional(MessageRules),
  }),
});
export type AdapterDefinition = z.infer<typeof AdapterDefinition>;

/** What GET /api/v1/adapters serves and the extension caches: a version and the definitions. */
export const AdapterCatalog = z.object({
  version: z.string().check(z.minLength(1), z.maxLength(100)),
  adapters: z.array(AdapterDefinition).check(z.maxLength(100), uniqueIds()),
});
export type AdapterCatalog = z.infer<typeof AdapterCatalog>;

/** The ticket fields an adapter reports as missing when it cannot find them. */
export const TICKET_FIELDS = ['ticketId', 'subject', 'requester', 'status', 'tags', 'messages'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

/**
 * POST /api/v1/adapters/check: an ECHOBOX_ADAPTERS_FILE's definitions to check before it is put in
 * place (the console sends a bare array of the file as `{ adapters }`). Ids must not repeat.
 */
export const AdapterOverrideCheck = z.strictObject({
  adapters: z.array(AdapterDefinition).check(z.minLength(1), z.maxLength(100), uniqueIds()),
});
export type AdapterOverrideCheck = z.infer<typeof AdapterOverrideCheck>;

/** The answer of a check: the catalog the extensions would get with the file, and what the file changes. */
export const AdapterOverrideReport = z.object({
  catalog: AdapterCatalog,
  /** Ids of built-in definitions the file replaces. */
  replaced: z.array(z.string()),
  /** Ids the file adds. */
  added: z.array(z.string()),
});
export type AdapterOverrideReport = z.infer<typeof AdapterOverrideReport>;

/** One definition published through the API (the admin console marks these in the catalog). */
export const PublishedAdapterView = z.object({
  id: z.string(),
  version: z.number(),
  publishedAt: z.string(),
});
export type PublishedAdapterView = z.infer<typeof PublishedAdapterView>;

/** GET /api/v1/adapters/published: what admins published through the API, oldest first. */
export const PublishedAdapterList = z.object({ items: z.array(PublishedAdapterView) });
export type PublishedAdapterList = z.infer<typeof PublishedAdapterList>;

/**
 * PUT /api/v1/adapters/published/{id} answers: the definition every extension now gets, whether it
 * replaced a published one, and the catalog version (the ETag extensions revalidate against).
 */
export const AdapterPublished = z.object({
  definition: AdapterDefinition,
  replaced: z.boolean(),
  catalogVersion: z.string(),
});
export type AdapterPublished = z.infer<typeof AdapterPublished>;
