import type { Db } from './db/open';
import type { RecordWriter } from './store/record-writer';
import type { Role } from '../shared/schemas/enums';
import type { AdapterDefinition } from '../shared/schemas/adapter';
import type { WorkingDayCalendar } from '../shared/domain/calendar';
import { CN_MAINLAND_CALENDAR } from '../shared/domain/calendars/cn-mainland';

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
  /** Working-day calendar for deadlines (weekends, public holidays, make-up days). */
  calendar: WorkingDayCalendar;
  /** Bytes of uploads one widget site may keep stored; beyond it uploads are answered 507. */
  siteStorageQuotaBytes: number;
  /** Write requests (POST, PUT, PATCH, DELETE under /api) handled at once; more are answered 503 with Retry-After. */
  maxWritesInFlight: number;
  /** Single records waiting for the record writer; more are answered 503 with Retry-After. */
  writerQueueMax: number;
  /** Requests one staff token or console session may make per minute. */
  staffRatePerMinute: number;
  /** Count rate limits in the database, shared by every process (on by default on PostgreSQL); else per process. */
  sharedRateLimits: boolean;
}

/** What the app needs from the outside world. */
export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: AppConfig;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  /** Helpdesk adapter definitions that replace built-in ones by id or add new ones (ECHOBOX_ADAPTERS_FILE). */
  adapterOverrides?: readonly AdapterDefinition[];
}

/** Hono environment shared by every sub-app. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    /** Group-commit writer for single records, one per app. */
    recordWriter: RecordWriter;
    actor: Actor;
    site: Site;
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
  siteStorageQuotaBytes: 200 * 1024 * 1024,
  maxWritesInFlight: 64,
  writerQueueMax: 256,
  staffRatePerMinute: 1200,
  sharedRateLimits: false,
};
