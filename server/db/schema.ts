import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Full-text search vector; filled from shared/domain search tokens, works for zh and en. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** A 64-bit transaction id (PostgreSQL `xid8`), as text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
/** Raw bytes (attachments). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Staff accounts: agents, reviewers, admins. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  department: text('department').notNull(),
  passwordHash: text('password_hash'),
  disabled: boolean('disabled').notNull().default(false),
  /** The first-start admin's printed password must be changed before anything else. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** Language of the e-mails this person gets (digest, decisions); null: ECHOBOX_NOTIFY_LOCALE. */
  locale: text('locale'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Personal API tokens (extension); only the SHA-256 of the secret is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    /** Optional; an expired token is refused (token_expired). */
    expiresAt: ts('expires_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/** Console sessions; the cookie carries a secret whose SHA-256 is the id. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Secrets the server generates once per database, the same for every process on it. */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Public widget keys with the origins allowed to use them. */
export const siteKeys = pgTable('site_keys', {
  id: uuid('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  department: text('department').notNull(),
  allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull(),
  /** Query keys kept in stored page and referrer URLs; all others are stripped on write. */
  allowedQueryKeys: jsonb('allowed_query_keys').$type<string[]>().notNull().default([]),
  /** HMAC secret for host-signed user identities; never sent to browsers. */
  identitySecret: text('identity_secret').notNull(),
  ratePerMinute: integer('rate_per_minute').notNull().default(30),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Per-department daily sequence; the row lock makes numbers gap-free across processes. */
export const recordSequences = pgTable(
  'record_sequences',
  {
    department: text('department').notNull(),
    day: text('day').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.department, t.day] })],
);

/** Feedback records: filterable columns plus the whole record document. */
export const records = pgTable(
  'records',
  {
    id: uuid('id').primaryKey(),
    recordNumber: text('record_number').notNull().unique(),
    department: text('department').notNull(),
    status: text('status').notNull(),
    validity: text('validity').notNull(),
    category: text('category').notNull(),
    source: text('source').notNull(),
    channel: text('channel').notNull(),
    nature: text('nature'),
    urgency: text('urgency'),
    priority: text('priority'),
    initialPriority: text('initial_priority'),
    customerType: text('customer_type'),
    ownerId: uuid('owner_id'),
    campaignId: uuid('campaign_id'),
    siteKeyId: uuid('site_key_id'),
    /** HMAC of the reporter's kind and credential hash under the server secret (server/auth/reporter-key.ts). */
    reporterKey: text('reporter_key'),
    createdBy: uuid('created_by'),
    mergedInto: uuid('merged_into'),
    dueAt: ts('due_at'),
    /** Due instant of the record's first unmet obligation (shared/domain/obligations), null when nothing is owed. */
    nextDueAt: ts('next_due_at'),
    /** Kind of that obligation. */
    nextObligationKind: text('next_obligation_kind'),
    /** The latest satisfaction rating (客户确认: highest cycle, then latest), null before any; the queue's `satisfaction` filter. */
    satisfaction: text('satisfaction'),
    /** When the record was last completed while it stays done or closed (shared/domain/compliance `completedAt`). */
    doneAt: ts('done_at'),
    /** Working time from recorded to done (shared/domain/compliance `workingTimeBetween`). */
    doneWorkingMs: bigint('done_working_ms', { mode: 'number' }),
    recordedAt: ts('recorded_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    /** SHA-256 of the canonical client body: same id + same hash = duplicate, else conflict. */
    bodyHash: text('body_hash').notNull(),
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull(),
    /**
     * The transaction that last wrote the record: the changes feed's order. Only transactions older
     * than every running one are read, so a slow commit can delay a change in the feed but never
     * slip in behind a cursor a client already holds.
     */
    changeXid: xid8('change_xid').notNull().default(sql`pg_current_xact_id()`),
    doc: jsonb('doc').notNull(),
    search: tsvector('search').notNull(),
  },
  (t) => [
    index('records_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('records_updated_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('records_status_created_idx').on(t.status, t.createdAt.desc()),
    index('records_department_idx').on(t.department, t.createdAt.desc()),
    index('records_owner_idx').on(t.ownerId),
    index('records_merged_into_idx').on(t.mergedInto).where(sql`${t.mergedInto} IS NOT NULL`),
    index('records_due_idx').on(t.dueAt, t.id),
    index('records_next_due_idx').on(t.nextDueAt, t.id),
    index('records_campaign_idx').on(t.campaignId),
    index('records_reporter_idx').on(t.reporterKey, t.changeXid, t.id),
    index('records_creator_change_idx').on(t.createdBy, t.changeXid, t.id),
    index('records_change_idx').on(t.changeXid, t.id),
    index('records_search_idx').using('gin', t.search),
    // The dashboard's panels read only these columns of unmerged records: index-only scans (migration 0027).
    index('records_dashboard_idx')
      .on(t.createdAt, t.id, t.department, t.status, t.nature, t.priority, t.source, t.urgency, t.ownerId, t.doneWorkingMs)
      .where(sql`${t.mergedInto} IS NULL`),
    // Which records name an attachment (the upload sweep); records without attachments stay out.
    index('records_attachments_idx')
      .using('gin', sql`(${t.doc}->'attachments') jsonb_path_ops`)
      .where(sql`(${t.doc}->'attachments') <> '[]'::jsonb`),
  ],
);

/** Every obligation of a record (DOMAIN.md §12) as a row, rewritten with the record; the dashboard and queue filters read these. */
export const recordObligations = pgTable(
  'record_obligations',
  {
    recordId: uuid('record_id').notNull(),
    ord: integer('ord').notNull(),
    kind: text('kind').notNull(),
    startsAt: ts('starts_at').notNull(),
    dueAt: ts('due_at').notNull(),
    metAt: ts('met_at'),
    /** Working time from start to met, null while unmet. */
    workingMs: bigint('working_ms', { mode: 'number' }),
    // Kept by triggers (migration 0028): the record's facts the dashboard groups by, without a join.
    urgency: text('urgency'),
    department: text('department'),
    ownerId: uuid('owner_id'),
    recordCreatedAt: ts('record_created_at'),
    /** The record is not merged into another (the queue shows it). */
    live: boolean('live').notNull().default(true),
    /** Due instant of the record's previous obligation in the same class (met in time, met late, unmet): the first in a range has none in it. */
    prevDue: ts('prev_due'),
    /** The same among the record's obligations of this kind. */
    prevKindDue: ts('prev_kind_due'),
  },
  (t) => [
    primaryKey({ columns: [t.recordId, t.ord] }),
    // Covering: compliance and the obligation filters read no table rows (migration 0027).
    index('record_obligations_due_idx').on(t.dueAt, t.kind, t.recordId, t.metAt, t.workingMs),
    // One kind's obligations in a range (migration 0028).
    index('record_obligations_kind_due_idx').on(t.kind, t.dueAt),
  ],
);

/** Every rating of a record's satisfaction history as a row, kept by triggers from its document (migration 0029); the satisfaction panel and the rating filter read these. */
export const recordRatings = pgTable(
  'record_ratings',
  {
    recordId: uuid('record_id').notNull(),
    ord: integer('ord').notNull(),
    rating: text('rating'),
    at: ts('at').notNull(),
    /** The record is not merged into another (the queue shows it). */
    live: boolean('live').notNull(),
    department: text('department').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.ord] }), index('record_ratings_at_idx').on(t.at, t.rating, t.recordId, t.live, t.department)],
);

/** Append-only trail of every change to a record (who, when, what, before/after). */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordId: uuid('record_id').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    at: ts('at').notNull().defaultNow(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_record_idx').on(t.recordId, t.id)],
);

/** Attachment bytes, content-addressed by SHA-256 (stored in the database so instances stay stateless). */
export const attachments = pgTable(
  'attachments',
  {
    sha256: text('sha256').primaryKey(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The site whose widget stored these bytes first (counts against its quota); null for staff uploads. */
    siteKeyId: uuid('site_key_id'),
    /** The last upload of these bytes; unreferenced attachments are swept 24 h after it. */
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('attachments_site_idx').on(t.siteKeyId), index('attachments_uploaded_idx').on(t.uploadedAt)],
);

/** Fixed-window request counters, shared by every process on one PostgreSQL (times in epoch ms). */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    windowStart: bigint('window_start', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_limit_counters_expires_idx').on(t.expiresAt)],
);

/** Collection campaigns (DOMAIN.md §2). */
export const campaigns = pgTable('campaigns', {
  id: uuid('id').primaryKey(),
  active: boolean('active').notNull().default(true),
  doc: jsonb('doc').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Surveys shown by the widget; each belongs to a campaign. */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    active: boolean('active').notNull().default(true),
    doc: jsonb('doc').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('surveys_active_idx').on(t.active)],
);

/** Survey answers; the client id makes posting idempotent. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    siteKeyId: uuid('site_key_id'),
    reporterKey: text('reporter_key'),
    bodyHash: text('body_hash').notNull(),
    doc: jsonb('doc').notNull(),
    answeredAt: ts('answered_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('survey_responses_survey_idx').on(t.surveyId, t.answeredAt)],
);

/** A company's working-day calendar years (ECHOBOX_CALENDARS_FILE or the admin API); each replaces the package's year. */
export const calendarYears = pgTable(
  'calendar_years',
  {
    calendarId: text('calendar_id').notNull(),
    year: integer('year').notNull(),
    holidays: jsonb('holidays').$type<string[]>().notNull(),
    workdays: jsonb('workdays').$type<string[]>().notNull(),
    /** 'file' or 'api'. */
    source: text('source').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.year] })],
);

/** One row: a counter every calendar change raises, so each server process reloads only after a change. */
export const calendarState = pgTable('calendar_state', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/** Durable jobs (server/jobs): work written with the change that causes it, leased by workers. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    /** Enqueueing the same work again (same key) is a no-op. */
    dedupeKey: text('dedupe_key'),
    /** 'queued', 'running' (leased until run_at), 'done' or 'dead' (dead letter). */
    state: text('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** When a queued job is due, or when a running job's lease ends. */
    runAt: ts('run_at').notNull(),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key_idx').on(t.dedupeKey),
    index('jobs_due_idx').on(t.runAt, t.id).where(sql`${t.state} IN ('queued', 'running')`),
    index('jobs_dead_idx').on(t.finishedAt.desc(), t.id.desc()).where(sql`${t.state} = 'dead'`),
    index('jobs_done_idx').on(t.finishedAt).where(sql`${t.state} = 'done'`),
  ],
);

/** Webhooks and team-chat bots an admin configured (server/webhooks). */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** 'standard' (Standard Webhooks), 'wecom', 'dingtalk', 'feishu' or 'slack'. */
  format: text('format').notNull(),
  events: jsonb('events').$type<string[]>().notNull(),
  /** Signing secret (whsec_… for standard, the bot's for DingTalk and Feishu, '' when none). */
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

/** The delivery log: one row per attempt to deliver one event to one endpoint. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: uuid('endpoint_id').notNull(),
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    attempt: integer('attempt').notNull(),
    at: ts('at').notNull(),
    /** 'delivered' or 'failed'. */
    outcome: text('outcome').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id.desc())],
);

/** Consented, unmasked contact details, encrypted (server/contacts), one row per record (DOMAIN.md §13). */
export const contactVault = pgTable(
  'contact_vault',
  {
    recordId: uuid('record_id').primaryKey(),
    /** Which key of the key ring sealed this row; rotation re-seals rows under the active key. */
    keyId: text('key_id').notNull(),
    /** AES-256-GCM: base64url of iv, tag and ciphertext, joined by dots. */
    sealed: text('sealed').notNull(),
    /** HMAC of the normalised e-mail under the row's key, to find a customer's records. */
    emailHash: text('email_hash'),
    /** HMAC of the normalised phone number under the row's key. */
    phoneHash: text('phone_hash'),
    /** The language the customer is written to in. */
    locale: text('locale').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('contact_vault_email_idx').on(t.emailHash),
    index('contact_vault_phone_idx').on(t.phoneHash),
    index('contact_vault_key_idx').on(t.keyId),
  ],
);

/** E-mails to customers, one per communication; the address is read from the vault when sending. */
export const customerMessages = pgTable(
  'customer_messages',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id').notNull(),
    communicationId: uuid('communication_id').notNull().unique('customer_messages_communication_unique'),
    kind: text('kind').notNull(),
    locale: text('locale').notNull(),
    /** queued, sending, sent, failed or manual (no SMTP configured: to send by hand). */
    state: text('state').notNull(),
    reason: text('reason'),
    subject: text('subject'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('customer_messages_record_idx').on(t.recordId, t.createdAt)],
);

/** A company's own wording of one message kind in one language. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    kind: text('kind').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.locale] })],
);

/** Status-page links; the signed token names the row, which can be revoked. */
export const statusLinks = pgTable(
  'status_links',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('status_links_record_idx').on(t.recordId)],
);

/** Saved queue views (issue 11): a name and the list's query, personal to their owner or shared with everyone. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    shared: boolean('shared').notNull().default(false),
    name: text('name').notNull(),
    query: jsonb('query').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('saved_views_owner_idx').on(t.ownerId), index('saved_views_shared_idx').on(t.shared)],
);

/**
 * Helpdesk adapter definitions an admin published through the API (PUT /api/v1/adapters/published/{id}):
 * served in GET /api/v1/adapters over the built-in ones and the override file, by id.
 */
export const publishedAdapters = pgTable('published_adapters', {
  id: text('id').primaryKey(),
  definition: jsonb('definition').notNull(),
  publishedBy: uuid('published_by'),
  publishedAt: ts('published_at').notNull().defaultNow(),
});

/** Append-only log of adapter publications and withdrawals: who, when, which definition. */
export const adapterPublications = pgTable(
  'adapter_publications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    adapterId: text('adapter_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    at: ts('at').notNull().defaultNow(),
    definition: jsonb('definition'),
  },
  (t) => [index('adapter_publications_adapter_idx').on(t.adapterId, t.id)],
);
