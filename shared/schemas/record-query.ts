import * as z from 'zod/mini';
import {
  Category,
  CustomerType,
  Nature,
  Priority,
  Satisfaction,
  Source,
  Status,
  Urgency,
  Validity,
} from './enums';
import { DepartmentCode, Id, Locale } from './common';
import { ObligationKind } from './obligation';
import { ComplianceState } from './compliance-state';
import { storableInstant, storableString } from './storable';
import { MAX_TOPIC_IDS } from './dashboard-topics';

/** Orders the record list can be sorted by; each has a stable keyset cursor. */
export const RECORD_SORTS = ['created_desc', 'created_asc', 'updated_desc', 'due_asc', 'next_due_asc', 'number_asc'] as const;
export const RecordSort = z.enum(RECORD_SORTS);
export type RecordSort = z.infer<typeof RecordSort>;

/** A query-string list: one value or several separated by commas (`status=pending_analysis,in_progress`). */
const csvOf = <T extends z.ZodMiniType<string, string>>(item: T) =>
  z.pipe(
    z.string().check(z.maxLength(500)),
    z.pipe(
      z.transform((value: string) => value.split(',').map((part) => part.trim()).filter(Boolean)),
      z.array(item).check(z.minLength(1), z.maxLength(20)),
    ),
  );

const flag = z.enum(['true', 'false']);
/** A day or an instant, 1970–2999; a bare day is the company's day (its time zone): its start for `from`, its end for `to`. */
const DateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).check(storableInstant());

/** Filters, search, sort and cursor of `GET /api/v1/records` (all optional query parameters). */
export const RecordListQuery = z.object({
  status: z.optional(csvOf(Status)),
  validity: z.optional(csvOf(Validity)),
  nature: z.optional(csvOf(Nature)),
  urgency: z.optional(csvOf(Urgency)),
  priority: z.optional(csvOf(Priority)),
  source: z.optional(csvOf(Source)),
  category: z.optional(csvOf(Category)),
  customerType: z.optional(csvOf(CustomerType)),
  department: z.optional(csvOf(DepartmentCode)),
  /** An owner id, `me`, or `none` for unassigned records. */
  owner: z.optional(z.union([Id, z.enum(['me', 'none'])])),
  /** Owes an obligation past its due instant (DOMAIN.md §12), or (false) owes none. */
  overdue: z.optional(flag),
  /**
   * Owes an obligation within the reminder window and not yet breached: one working day on the
   * company calendar, urgent records 4 hours (the horizon staff reminders use), or (false) does not.
   */
  dueSoon: z.optional(flag),
  /** The kind of obligation the record owes next. */
  obligation: z.optional(csvOf(ObligationKind)),
  /** The latest rating (客户确认) is one of these: `satisfaction=dissatisfied` for the 不满意 follow-ups. */
  satisfaction: z.optional(csvOf(Satisfaction)),
  campaignId: z.optional(Id),
  /** Created at or after. */
  from: z.optional(DateOrInstant),
  /** Created before (a bare day includes that whole day). */
  to: z.optional(DateOrInstant),
  /** Full-text search in Chinese or English over number, customer, scenario, problem, solution, notes. */
  q: z.optional(storableString().check(z.trim(), z.maxLength(200))),
  includeMerged: z.optional(flag),
  sort: z.optional(RecordSort),
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,3}$/)), z.transform(Number))),
  /**
   * Has an obligation in one of these compliance states (met_in_time, met_late, breached, open), of
   * `obligationKind` and due in [obligationDueFrom, obligationDueTo) where given: the dashboard's figures.
   */
  obligationState: z.optional(csvOf(ComplianceState)),
  /** With obligationState (or the due bounds): the obligation's kind. */
  obligationKind: z.optional(csvOf(ObligationKind)),
  /** With obligationState: the obligation is due at or after this instant. */
  obligationDueFrom: z.optional(DateOrInstant),
  /** With obligationState: the obligation is due before this instant. */
  obligationDueTo: z.optional(DateOrInstant),
  /**
   * Has a rating (客户确认, of any handling cycle) with one of these answers, given in
   * [ratedFrom, ratedTo) where given: the dashboard's satisfaction figures.
   */
  rating: z.optional(csvOf(Satisfaction)),
  /** With rating (or alone): the rating was given at or after this instant. */
  ratedFrom: z.optional(DateOrInstant),
  /** With rating (or alone): the rating was given before this instant. */
  ratedTo: z.optional(DateOrInstant),
  /** These records only (a dashboard topic's group: up to MAX_TOPIC_IDS ids, comma-separated). */
  ids: z.optional(
    z.pipe(
      z.string().check(z.maxLength(MAX_TOPIC_IDS * 37)),
      z.pipe(
        z.transform((value: string) => value.split(',').map((part) => part.trim()).filter(Boolean)),
        z.array(Id).check(z.minLength(1), z.maxLength(MAX_TOPIC_IDS)),
      ),
    ),
  ),
  /** Completed and still done or closed, its working time to done known (the dashboard's time to done), or (false) not. */
  completed: z.optional(flag),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;

/**
 * Query of `GET /api/v1/exports/ledger.(csv|xlsx)`: the list's filters and sort (cursor and limit are
 * ignored, an export is always whole) plus the language of headings and labels.
 */
export const LedgerExportQuery = z.extend(RecordListQuery, { lang: z.optional(Locale) });
export type LedgerExportQuery = z.infer<typeof LedgerExportQuery>;

/** Most records a hand-picked ledger export may name. */
export const MAX_EXPORT_IDS = 1_000;

/**
 * Body of `POST /api/v1/exports/ledger.(csv|xlsx)`: a hand-picked selection (`ids`, up to
 * MAX_EXPORT_IDS; in a body because a thousand ids overflow a URL), its sort and the language.
 */
export const LedgerSelection = z.strictObject({
  ids: z.array(Id).check(z.minLength(1), z.maxLength(MAX_EXPORT_IDS)),
  sort: z.optional(RecordSort),
  lang: z.optional(Locale),
});
export type LedgerSelection = z.infer<typeof LedgerSelection>;
