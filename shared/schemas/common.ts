import * as z from 'zod/mini';
import { LOCALES } from '../i18n/locale';
import { storableInstant, storableString, storableText } from './storable';

/** Upper bounds shared by schemas and UIs (characters, items, bytes); UIs show them as counters. */
export const LIMITS = {
  /** Names, titles, masked contact: one line a person types. */
  title: 200,
  /**
   * Free text: problem, scenario, expected solution, notes, results. 100 KB: a pasted log or a whole
   * e-mail thread must fit (issue 11's hostile-text acceptance); the XLSX ledger cuts cells at 32,767.
   */
  text: 100_000,
  /** Page titles and ticket subjects, captured rather than typed. */
  line: 1_000,
  url: 2_048,
  userAgent: 512,
  /** Readable page text a clip may carry. */
  readableText: 100_000,
  attachments: 20,
  attachmentBytes: 50 * 1024 * 1024,
  screenshotBytes: 10 * 1024 * 1024,
  /** Entries of server-grown lists (progress, communications …) on one record. */
  history: 1_000,
  batch: 100,
} as const;

/** A UUID in canonical lowercase; clients create v7, any RFC 9562 UUID is accepted. */
export const Id = z.uuid().check(z.toLowerCase());
export type Id = z.infer<typeof Id>;

/** An instant as ISO 8601 in UTC (`Date#toISOString()`), 1970–2999; compare with Date.parse, not as strings. */
export const IsoDateTime = z.iso.datetime().check(storableInstant());
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** A calendar date `YYYY-MM-DD` (no time zone), checked to exist, 1970–2999. */
export const LocalDate = z.iso.date().check(storableInstant());
export type LocalDate = z.infer<typeof LocalDate>;

/** Department code: an uppercase letter, then uppercase letters or digits, 2–10 in all (`CS`, `SALES`). */
export const DepartmentCode = z.string().check(z.regex(/^[A-Z][A-Z0-9]{1,9}$/));
export type DepartmentCode = z.infer<typeof DepartmentCode>;

/** Record number `DEPT-YYYYMMDD-SEQ`, seq zero-padded to at least 3 (`CS-20240520-002`); shape only. */
export const RecordNumber = z
  .string()
  .check(z.regex(/^[A-Z][A-Z0-9]{1,9}-\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-\d{3,9}$/));
export type RecordNumber = z.infer<typeof RecordNumber>;

/** Storable (see storable.ts), trimmed text of at most `max` characters; may be empty. */
export const boundedText = (max: number) => storableString().check(z.trim(), z.maxLength(max));

/** Storable, trimmed, non-empty text of at most `max` characters (whitespace alone counts as empty). */
export const requiredText = (max: number) =>
  storableString().check(z.trim(), z.minLength(1), z.maxLength(max));

/** A name or title: trimmed, 1–200 characters. Optional fields are omitted, never sent empty. */
export const ShortText = requiredText(LIMITS.title);
export type ShortText = z.infer<typeof ShortText>;

/** Free text: trimmed, 1–10 000 characters. Optional fields are omitted, never sent empty. */
export const LongText = requiredText(LIMITS.text);
export type LongText = z.infer<typeof LongText>;

/**
 * An absolute http(s) URL, storable; other schemes (javascript:, data:) are refused because the
 * console links them. URL parsing lets controls and lone surrogates through, hence storableText.
 */
export const HttpUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(LIMITS.url), z.overwrite(storableText));
export type HttpUrl = z.infer<typeof HttpUrl>;

export { LOCALES };
/** One of LOCALES. */
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** A SHA-256 digest as 64 lowercase hex digits. */
export const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));
export type Sha256Hex = z.infer<typeof Sha256Hex>;

/** A widget's public site key (not a secret: it is embedded in host pages). */
export const SiteKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/));
export type SiteKey = z.infer<typeof SiteKey>;

/** A staff member as shown on a record: internal id and display name. */
export const StaffRef = z.object({ id: Id, name: ShortText });
export type StaffRef = z.infer<typeof StaffRef>;

/** A person who may have no account (an initiator, a meeting participant). */
export const Person = z.object({ id: z.optional(Id), name: ShortText });
export type Person = z.infer<typeof Person>;
