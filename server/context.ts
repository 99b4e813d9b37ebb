import type { Db } from './db/open';
import type { Logger } from './logging/logger';
import type { RecordWriter } from './store/record-writer';
import type { Role } from '../shared/schemas/enums';
import type { AdapterDefinition } from '../shared/schemas/adapter';
import type { WorkingDayCalendar } from '../shared/domain/calendar';
import { DEFAULT_SUBMISSION_WINDOW_DAYS } from '../shared/domain/submission-window';
import { CN_MAINLAND_CALENDAR } from '../shared/domain/calendars/cn-mainland';
import type { CalendarSource } from './calendar-source';
import { PASSWORD_COST, type ScryptCost } from './auth/secrets';
import { DEFAULT_REMINDER_LEAD, type ReminderLead } from '../shared/domain/reminders';
import type { ContactKeyRing } from './contacts/key-ring';
import type { StaffUser } from './store/users';

/** The signed-in staff member a request acts for. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  department: string;
  via: 'token' | 'session';
}

/** The widget site a public request comes from. */
export interface Site {
  id: string;
  key: string;
  department: string;
  identitySecret: string;
  ratePerMinute: number;
  origin: string;
  /** Query keys the site keeps in stored page URLs (all others are stripped on write). */
  allowedQueryKeys: readonly string[];
}

/** Settings the app is built with; `server/main.ts` reads them from the environment. */
export interface AppConfig {
  /** Company time zone for record numbers and deadlines. */
  timeZone: string;
  /** Largest JSON body accepted, in bytes. */
  maxJsonBytes: number;
  /** Largest attachment accepted, in bytes. */
  maxAttachmentBytes: number;
  /** Whether session cookies get the Secure flag (on behind HTTPS). */
  secureCookies: boolean;
  /** Take the client address from the right-most X-Forwarded-For entry (only behind our own proxy). */
  trustProxy: boolean;
  /**
   * The active working-day calendar (ECHOBOX_CALENDAR) as built in: its id, and its package data
   * (mainland China's for `CN`, none for a company's own id). Routes count deadlines with the
   * calendar `CalendarSource.config()` gives: the stored years over it, in `timeZone`.
   */
  calendar: WorkingDayCalendar;
  /** Oldest a widget submission's submittedAt may be, in days (ECHOBOX_SUBMISSION_WINDOW_DAYS). */
  submissionWindowDays: number;
  /** scrypt cost of new password hashes; older hashes are redone at this cost on sign-in. */
  passwordCost: ScryptCost;
  /** Password hashes computed at once (each takes 128 MiB at the default cost); more get 503. */
  maxConcurrentHashes: number;
  /** Bytes of uploads one widget site may keep stored; beyond it uploads are answered 507. */
  siteStorageQuotaBytes: number;
  /** Write requests (POST, PUT, PATCH, DELETE under /api) handled at once; more are answered 503 with Retry-After. */
  maxWritesInFlight: number;
  /** Public write requests one client network has in flight at once; more are answered 429 with Retry-After. */
  maxWritesPerClient: number;
  /** Single records waiting for the record writer; more are answered 503 with Retry-After. */
  writerQueueMax: number;
  /** Requests one staff token or console session may make per minute. */
  staffRatePerMinute: number;
  /** Count rate limits in the database, shared by every process (on by default on PostgreSQL); else per process. */
  sharedRateLimits: boolean;
  /** Keys the contact vault seals with (server/contacts/key-ring.ts); null: the vault refuses (503). */
  contactKeys: ContactKeyRing | null;
  /** E-mail to customers and the status page's links. */
  mail: MailConfig;
  /** How far ahead staff hear of an obligation; the list's `dueSoon` filter uses the same window. */
  reminderLead: ReminderLead;
  /**
   * Let webhooks go to private, loopback and link-local addresses and over plain http
   * (ECHOBOX_WEBHOOK_ALLOW_PRIVATE=1, for receivers on the company's own network); off, only
   * https URLs resolving to public addresses are accepted and delivered to.
   */
  webhookAllowPrivate: boolean;
}

/** How messages reach customers (ECHOBOX_SMTP_URL, ECHOBOX_MAIL_FROM, ECHOBOX_PUBLIC_URL). */
export interface MailConfig {
  /** SMTP server URL (smtp:// or smtps://); null: messages stay "to send by hand". */
  smtpUrl: string | null;
  /** Sender address. */
  from: string;
  /** Where customers reach this server; status-page links start with it. */
  publicUrl: string;
  /** Days a status-page link stays valid. */
  statusLinkDays: number;
}

/** What the app needs from the outside world. */
export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: AppConfig;
  now: () => Date;
  /** Structured logger (server/logging/logger.ts); errors go under `err`, which it serializes safely. */
  logger: Logger;
  /** Helpdesk adapter definitions that replace built-in ones by id or add new ones (ECHOBOX_ADAPTERS_FILE). */
  adapterOverrides?: readonly AdapterDefinition[];
  /** Told the id of each customer e-mail queued; main.ts delivers it (the jobs queue will take this over). */
  onMessageQueued?: (messageId: string) => void;
}

/** Hono environment shared by every sub-app. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    /** Group-commit writer for single records, one per app. */
    recordWriter: RecordWriter;
    /** Working-day calendars as stored now, one cache per app. */
    calendars: CalendarSource<AppConfig>;
    actor: Actor;
    /** The console session staffAuth found, when the actor came with the session cookie (so /auth/me reads it once). */
    session?: { user: StaffUser; csrfToken: string };
    site: Site;
    /** This request's id, as in the `x-request-id` response header and its log lines. */
    requestId: string;
  };
}

/** Defaults used when main.ts or a test does not say otherwise. */
export const DEFAULT_CONFIG: AppConfig = {
  timeZone: 'Asia/Shanghai',
  maxJsonBytes: 1024 * 1024,
  maxAttachmentBytes: 10 * 1024 * 1024,
  secureCookies: false,
  trustProxy: false,
  calendar: CN_MAINLAND_CALENDAR,
  submissionWindowDays: DEFAULT_SUBMISSION_WINDOW_DAYS,
  passwordCost: PASSWORD_COST,
  maxConcurrentHashes: 2,
  siteStorageQuotaBytes: 200 * 1024 * 1024,
  maxWritesInFlight: 64,
  maxWritesPerClient: 4,
  writerQueueMax: 256,
  staffRatePerMinute: 1200,
  sharedRateLimits: false,
  contactKeys: null,
  mail: { smtpUrl: null, from: 'Echobox <no-reply@localhost>', publicUrl: 'http://localhost:8787', statusLinkDays: 90 },
  reminderLead: DEFAULT_REMINDER_LEAD,
  webhookAllowPrivate: false,
};
