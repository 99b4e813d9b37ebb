import * as z from 'zod/mini';
import {
  Category,
  ChangeRequestState,
  Channel,
  ChannelMode,
  CommunicationKind,
  CustomerKind,
  CustomerType,
  Handling,
  InitialPriority,
  Milestone,
  Nature,
  Priority,
  Satisfaction,
  Source,
  Status,
  Urgency,
  Validity,
} from './enums';
import {
  DepartmentCode,
  Id,
  IsoDateTime,
  LIMITS,
  LocalDate,
  Locale,
  LongText,
  Person,
  RecordNumber,
  ShortText,
  SiteKey,
  StaffRef,
  requiredText,
} from './common';
import { AttachmentMeta } from './attachment';
import { PageContext } from './page-context';
import { Reporter } from './reporter';
import { Clip } from './clip';
import { contactNeedsConsent, rule } from './refinements';
import { PROBLEM_SHAPE } from './problem';
import { NextObligation } from './obligation';
import { SuggestedPriority } from './suggested-priority';
import { RequesterEntry } from './requester-entry';

/*
 * Conventions: optional input fields are absent, never null or empty. Server-set top-level
 * fields are always present and null until set. Histories are append-only arrays.
 */

/** Captured in the suggestion box or a survey of the widget. */
export const WidgetOrigin = z.object({
  kind: z.literal('widget'),
  page: PageContext,
  /** The language the widget spoke to the person. */
  locale: Locale,
  reporter: Reporter,
  siteKey: z.optional(SiteKey),
});
export type WidgetOrigin = z.infer<typeof WidgetOrigin>;

/** Clipped by support staff with the browser extension. */
export const ExtensionOrigin = z.object({ kind: z.literal('extension'), clip: Clip });
export type ExtensionOrigin = z.infer<typeof ExtensionOrigin>;

/** Typed in by staff (console, call notes). */
export const ManualOrigin = z.object({
  kind: z.literal('manual'),
  /** When the customer was spoken to (call, meeting…): the 24-hour recording rule counts from it. */
  contactedAt: z.optional(IsoDateTime),
});
export type ManualOrigin = z.infer<typeof ManualOrigin>;

/** Where and how a record was captured. */
export const Origin = z.discriminatedUnion('kind', [WidgetOrigin, ExtensionOrigin, ManualOrigin]);
export type Origin = z.infer<typeof Origin>;

/** The fields of RecordInput, for bodies that carry a record plus more (record-create.ts). */
export const recordInputShape = {
  /** Client-made UUID (v7), the idempotency key of every send. */
  id: Id,
  /** Department that collected it; the record number is counted per department. */
  department: DepartmentCode,
  source: Source,
  channel: Channel,
  channelMode: z.optional(ChannelMode),
  customerType: z.optional(CustomerType),
  customerKind: z.optional(CustomerKind),
  /** Masked person (`*先生`) or company name. */
  customerName: z.optional(ShortText),
  industry: z.optional(ShortText),
  contactPerson: z.optional(ShortText),
  /** Masked on the device (`138****5678`); only with contactConsent. */
  contact: z.optional(ShortText),
  contactConsent: z.boolean(),
  category: Category,
  scenario: z.optional(LongText),
  problem: LongText,
  expectedSolution: z.optional(LongText),
  initialPriority: z.optional(InitialPriority),
  attachments: z.array(AttachmentMeta).check(z.maxLength(LIMITS.attachments)),
  initiator: Person,
  recordedAt: IsoDateTime,
  notes: z.optional(LongText),
  campaignId: z.optional(Id),
  origin: Origin,
};

/** What a recorder or client supplies to create a record (客户需求记录表, DOMAIN.md §4). */
export const RecordInput = z.object(recordInputShape).check(contactNeedsConsent());
export type RecordInput = z.infer<typeof RecordInput>;

const score1to5 = z.int().check(z.gte(1), z.lte(5));

/** Outcome of the assessment meeting (需求评估与优先级排序表, DOMAIN.md §6). */
export const Assessment = z
  .object({
    customerValue: score1to5,
    businessValue: score1to5,
    /** Implementation cost, 5 = most expensive. */
    cost: score1to5,
    /** 5 = riskiest. */
    risk: score1to5,
    /** Suggested score 6–30 from shared/domain/priority; the meeting may still choose another priority. */
    score: z.optional(z.int().check(z.gte(6), z.lte(30))),
    priority: Priority,
    /** Why the meeting chose another priority than the suggested one (the console asks for it then). */
    priorityReason: z.optional(LongText),
    handling: Handling,
    notNowReason: z.optional(LongText),
    meetingAt: z.optional(IsoDateTime),
    participants: z.optional(z.array(Person).check(z.maxLength(50))),
    /** Defects: share of attempts that reproduce it, in percent. */
    reproductionRate: z.optional(z.number().check(z.gte(0), z.lte(100))),
    /** Defects: who or what is affected ("affects 10% of logins"). */
    impactScope: z.optional(ShortText),
  })
  .check(rule('reason_required', ['notNowReason'], (v) => v.handling !== 'not_now' || v.notNowReason !== undefined));
export type Assessment = z.infer<typeof Assessment>;

/** Task order (需求处理任务单, DOMAIN.md §7). */
export const TaskOrder = z.object({
  goal: LongText,
  deliveryStandard: LongText,
  deadline: LocalDate,
  ownerId: Id,
});
export type TaskOrder = z.infer<typeof TaskOrder>;

/** One progress update (需求处理进度跟踪表), at least weekly. */
export const ProgressEntry = z.object({
  milestone: Milestone,
  note: LongText,
  at: IsoDateTime,
  by: StaffRef,
});
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** A change request (需求变更申请); takes effect only once approved. */
export const ChangeRequest = z
  .object({
    id: Id,
    reason: LongText,
    adjustedPlan: LongText,
    filedAt: IsoDateTime,
    effectiveAt: IsoDateTime,
    /** The task order's new deadline, applied on approval. */
    adjustedDeadline: z.optional(LocalDate),
    /** The new owner, applied to the record and its task order on approval. */
    adjustedOwner: z.optional(StaffRef),
    state: ChangeRequestState,
    decidedBy: z.optional(StaffRef),
    decidedAt: z.optional(IsoDateTime),
    /** Years the 2-working-day lead was counted through without a working-day calendar (weekends only); absent when none. */
    calendarMissing: z.optional(z.array(z.int())),
  })
  .check(
    rule('decision_required', ['decidedAt'], (v) =>
      v.state === 'pending' ? true : v.decidedAt !== undefined && v.decidedBy !== undefined,
    ),
  );
export type ChangeRequest = z.infer<typeof ChangeRequest>;

/** A message to the customer (DOMAIN.md §8). */
export const Communication = z.object({
  id: Id,
  kind: CommunicationKind,
  message: LongText,
  /** For `adopted`: the version it is expected in. */
  expectedVersion: z.optional(requiredText(50)),
  at: IsoDateTime,
  by: StaffRef,
});
export type Communication = z.infer<typeof Communication>;

/** The customer's confirmation (客户确认) for one handling cycle. */
export const SatisfactionEntry = z.object({
  rating: Satisfaction,
  comment: z.optional(LongText),
  at: IsoDateTime,
  cycle: z.int().check(z.gte(1)),
});
export type SatisfactionEntry = z.infer<typeof SatisfactionEntry>;

const history = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.maxLength(LIMITS.history));

const serverShape = {
  recordNumber: RecordNumber,
  status: Status,
  validity: Validity,
  invalidReason: z.nullable(LongText),
  nature: z.nullable(Nature),
  urgency: z.nullable(Urgency),
  /** Response deadline from urgency in working days (shared/domain SLA). */
  dueAt: z.nullable(IsoDateTime),
  /** Years `dueAt` was counted through without a working-day calendar (weekends only); absent when none (DOMAIN.md §11). */
  dueCalendarMissing: z.optional(z.array(z.int())),
  owner: z.nullable(StaffRef),
  responsibleDepartment: z.nullable(DepartmentCode),
  assessment: z.nullable(Assessment),
  /** The P0–P3 the assessment suggests and why (shared/domain/priority); absent before an assessment. */
  suggestedPriority: z.optional(SuggestedPriority),
  taskOrder: z.nullable(TaskOrder),
  progress: history(ProgressEntry),
  changeRequests: history(ChangeRequest),
  communications: history(Communication),
  satisfaction: history(SatisfactionEntry),
  /** Handling cycle; a dissatisfied customer starts the next one. */
  cycle: z.int().check(z.gte(1)),
  result: z.nullable(LongText),
  /** Set when this record was merged into another (a duplicate); the other one carries on. */
  mergedInto: z.nullable(Id),
  /** Other requesters of the same need linked by staff from their clips (undone ones kept, not counted). */
  requesters: z.optional(history(RequesterEntry)),
  /** Increases with every change; edits send it as If-Match. */
  version: z.int().check(z.gte(1)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** The stored record with everything screening, assessment, execution and feedback added (§4–§9). */
export const Record = z
  .object({ ...recordInputShape, ...serverShape })
  .check(
    contactNeedsConsent(),
    rule('reason_required', ['invalidReason'], (v) => v.validity !== 'invalid' || typeof v.invalidReason === 'string'),
  );
export type Record = z.infer<typeof Record>;

/** Set to a value, null to clear, absent to keep. */
const clearable = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

/**
 * Fields a PATCH may change. Status, validity, invalidReason, dueAt, record number and the
 * histories change only through workflow actions and their own endpoints, so they are refused
 * here (unknown keys fail). Setting contact needs contactConsent: true in the same patch.
 */
export const RecordPatch = z
  .strictObject({
    channelMode: clearable(ChannelMode),
    customerType: clearable(CustomerType),
    customerKind: clearable(CustomerKind),
    customerName: clearable(ShortText),
    industry: clearable(ShortText),
    contactPerson: clearable(ShortText),
    contact: clearable(ShortText),
    contactConsent: z.optional(z.boolean()),
    category: z.optional(Category),
    scenario: clearable(LongText),
    problem: z.optional(LongText),
    expectedSolution: clearable(LongText),
    initialPriority: clearable(InitialPriority),
    attachments: z.optional(recordInputShape.attachments),
    notes: clearable(LongText),
    campaignId: clearable(Id),
    nature: clearable(Nature),
    urgency: clearable(Urgency),
    owner: clearable(StaffRef),
    responsibleDepartment: clearable(DepartmentCode),
    assessment: clearable(Assessment),
    taskOrder: clearable(TaskOrder),
    result: clearable(LongText),
  })
  .check(contactNeedsConsent(), rule('empty_patch', [], (v) => Object.keys(v).length > 0));
export type RecordPatch = z.infer<typeof RecordPatch>;

/** The 409 body of a stale edit: a problem whose `current` is the stored record, shown next to the edit. */
export const RecordConflictProblem = z.object({ ...PROBLEM_SHAPE, current: Record });
export type RecordConflictProblem = z.infer<typeof RecordConflictProblem>;

/** A row of the record list and ledger. */
export const RecordSummary = z.object({
  id: Id,
  recordNumber: RecordNumber,
  department: DepartmentCode,
  source: Source,
  channel: Channel,
  category: Category,
  customerName: z.optional(ShortText),
  customerType: z.optional(CustomerType),
  problem: LongText,
  status: Status,
  nature: z.nullable(Nature),
  validity: Validity,
  urgency: z.nullable(Urgency),
  dueAt: z.nullable(IsoDateTime),
  /** As on the record: years the deadline was counted through without a calendar. */
  dueCalendarMissing: z.optional(z.array(z.int())),
  priority: z.nullable(Priority),
  /** As on the record: the suggested P0–P3 and why; null before an assessment. */
  suggestedPriority: z.optional(z.nullable(SuggestedPriority)),
  owner: z.nullable(StaffRef),
  /** The latest satisfaction rating (客户确认), null before the customer answered. */
  customerConfirmation: z.nullable(Satisfaction),
  cycle: z.int().check(z.gte(1)),
  version: z.int().check(z.gte(1)),
  recordedAt: IsoDateTime,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** In the record list: the obligation the record owes first, null when it owes none (DOMAIN.md §12). */
  nextObligation: z.optional(z.nullable(NextObligation)),
  /** In the record list: requesters after merges, the record itself and every record merged into it. */
  askedBy: z.optional(z.int().check(z.gte(1))),
});
export type RecordSummary = z.infer<typeof RecordSummary>;

/** The latest satisfaction entry: highest cycle, then latest time; null when none. */
export const latestSatisfaction = (entries: readonly SatisfactionEntry[]): SatisfactionEntry | null =>
  entries.reduce<SatisfactionEntry | null>(
    (best, e) =>
      best === null || e.cycle > best.cycle || (e.cycle === best.cycle && Date.parse(e.at) >= Date.parse(best.at))
        ? e
        : best,
    null,
  );

/** Project a stored record onto its list row. */
export const toRecordSummary = (r: Record): RecordSummary => ({
  id: r.id,
  recordNumber: r.recordNumber,
  department: r.department,
  source: r.source,
  channel: r.channel,
  category: r.category,
  ...(r.customerName === undefined ? {} : { customerName: r.customerName }),
  ...(r.customerType === undefined ? {} : { customerType: r.customerType }),
  problem: r.problem,
  status: r.status,
  nature: r.nature,
  validity: r.validity,
  urgency: r.urgency,
  dueAt: r.dueAt,
  ...(r.dueCalendarMissing?.length ? { dueCalendarMissing: r.dueCalendarMissing } : {}),
  priority: r.assessment?.priority ?? null,
  suggestedPriority: r.suggestedPriority ?? null,
  owner: r.owner,
  customerConfirmation: latestSatisfaction(r.satisfaction)?.rating ?? null,
  cycle: r.cycle,
  version: r.version,
  recordedAt: r.recordedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
