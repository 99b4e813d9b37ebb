import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { createApp } from './app';
import { ensureFirstAdmin } from './bootstrap';
import { ensureDemoSite } from './demo';
import { DEFAULT_CONFIG, type MailConfig } from './context';
import { openDatabase } from './db/open';
import { startAutoVacuum } from './db/auto-vacuum';
import { databaseTargetFromEnv } from './db/options';
import { prefetchBodies } from './prefetch-bodies';
import { refuseAtEdge } from './edge-refusals';
import { readAdapterOverrides } from './adapter-overrides';
import { createLogger, LOG_LEVELS, type LogLevel } from './logging/logger';
import { gracefulServer } from './graceful-shutdown';
import { backfillObligationRows } from './store/obligation-backfill';
import { restampYearsNowKnown } from './calendar-restamp';
import { DataDirLockedError } from './db/data-dir-lock';
import { testClockFromEnv, TestClockError } from './test-clock';

/** Connections the kernel queues before the server accepts them. */
const LISTEN_BACKLOG = 4096;
/** How long requests in flight may take to finish after SIGTERM/SIGINT. */
const SHUTDOWN_GRACE_MS = 10_000;

function logLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`ECHOBOX_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}
import { readCalendarsFile } from './calendars-file';
import { storeCalendarsFile } from './store/calendars';
import { CalendarId } from '../shared/schemas/calendar';
import { isTimeZone } from '../shared/domain/time-zone';
import { startHousekeeping } from './housekeeping';
import { sweepUnreferencedUploads } from './attachments/sweep';
import { sweepRateCounters } from './store/rate-counters';
import { createJobRunner } from './jobs/runner';
import { purgeFinishedJobs } from './jobs/store';
import { CUSTOMER_MESSAGE_DELIVER, jobHandlers } from './jobs/kinds';
import { enqueue } from './jobs/queue';
import { DEFAULT_RETRY_POLICY } from './jobs/backoff';
import { isLocale } from '../shared/i18n/locale';
import { createMailer } from './notifications/mailer';
import { startReminderScheduler } from './notifications/scheduler';
import { createCalendarSource } from './calendar-source';
import { DEFAULT_REMINDER_LEAD, reminderHorizon } from '../shared/domain/reminders';
import { DEFAULT_DIGEST_HOUR, digestWindow } from '../shared/domain/digest';
import { loadContactKeyRing, ContactKeyMissingError } from './contacts/key-ring';
import { storedKeyIds } from './contacts/vault';
import { deliverCustomerMessage } from './messages/deliver';
import { queuedMessageIds } from './messages/store';

/** Entry point: read the environment, open and migrate the database, serve the app. */
async function main() {
  const env = process.env;
  const port = Number(env.PORT ?? 8787);
  // Every part of the server tells time by this one clock; tests may set it (NODE_ENV=test only).
  const testClock = testClockFromEnv(env);
  const now = testClock ?? (() => new Date());
  // Read before the database opens: a broken file stops the start before anything is touched.
  const adaptersFile = env.ECHOBOX_ADAPTERS_FILE;
  const adapterOverrides = adaptersFile ? readAdapterOverrides(adaptersFile) : undefined;
  const calendarsFile = env.ECHOBOX_CALENDARS_FILE;
  const calendarEntries = calendarsFile ? readCalendarsFile(calendarsFile) : undefined;
  const calendarId = env.ECHOBOX_CALENDAR ?? DEFAULT_CONFIG.calendar.id;
  if (!CalendarId.safeParse(calendarId).success) throw new Error(`ECHOBOX_CALENDAR: "${calendarId}" is not a calendar id (letters, digits, - or _).`);
  const timeZone = env.ECHOBOX_TIME_ZONE ?? DEFAULT_CONFIG.timeZone;
  if (!isTimeZone(timeZone)) throw new Error(`ECHOBOX_TIME_ZONE: "${timeZone}" is not an IANA time zone.`);
  const submissionWindowDays = Number(env.ECHOBOX_SUBMISSION_WINDOW_DAYS ?? DEFAULT_CONFIG.submissionWindowDays);
  if (!(submissionWindowDays > 0)) throw new Error('ECHOBOX_SUBMISSION_WINDOW_DAYS must be a positive number of days.');
  const logger = createLogger({ level: logLevel(env.ECHOBOX_LOG_LEVEL) });
  const { options, dataDir } = databaseTargetFromEnv(env, `server on port ${port}`);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const database = await openDatabase(options);
  const vacuum =
    database.kind === 'pglite' ? startAutoVacuum(database.db, { log: (message, error) => logger.error({ err: error }, message) }) : undefined;
  // Before anything is served: a vault whose key is missing must not start (its contacts could not be read).
  const contactKeys = loadContactKeyRing({
    secretKey: env.ECHOBOX_SECRET_KEY,
    previousKeys: env.ECHOBOX_PREVIOUS_SECRET_KEYS,
    dataDir,
    storedKeyIds: await storedKeyIds(database.db),
    warn: (message) => console.warn(`\n${message}\n`),
  });
  const mail = mailConfig(env, port);
  const calendarsChanged = calendarEntries ? await storeCalendarsFile(database.db, calendarEntries, now()) : 0;

  const first = await ensureFirstAdmin(database.db);
  if (first) {
    console.log(
      [
        '',
        'First start: an admin account was created. This is shown once; keep it safe.',
        `  sign-in          e-mail ${first.email}  password ${first.password}  (the console at http://localhost:${port}/)`,
        '                   change this password at the first sign-in',
        `  API token        ${first.token}`,
        'Manage users, tokens and site keys with `npm run admin -- help`.',
        '',
      ].join('\n'),
    );
  }

  // The demo site key for this machine's own origins (ECHOBOX_DEMO=0 leaves it out).
  const demo = env.ECHOBOX_DEMO === '0' ? undefined : await ensureDemoSite(database.db, port);

  const config = {
    ...DEFAULT_CONFIG,
    timeZone,
    // Mainland China's package data is built in; any other id has only the years stored for it.
    calendar: calendarId === DEFAULT_CONFIG.calendar.id ? DEFAULT_CONFIG.calendar : { id: calendarId, timeZone, years: {} },
    secureCookies: env.ECHOBOX_SECURE_COOKIES === '1',
    trustProxy: env.ECHOBOX_TRUST_PROXY === '1',
    siteStorageQuotaBytes: positiveInteger(env, 'ECHOBOX_SITE_STORAGE_QUOTA_MB', DEFAULT_CONFIG.siteStorageQuotaBytes / 2 ** 20) * 2 ** 20,
    maxWritesInFlight: positiveInteger(env, 'ECHOBOX_MAX_WRITES_IN_FLIGHT', DEFAULT_CONFIG.maxWritesInFlight),
    maxWritesPerClient: positiveInteger(env, 'ECHOBOX_MAX_WRITES_PER_CLIENT', DEFAULT_CONFIG.maxWritesPerClient),
    writerQueueMax: positiveInteger(env, 'ECHOBOX_WRITER_QUEUE_MAX', DEFAULT_CONFIG.writerQueueMax),
    staffRatePerMinute: positiveInteger(env, 'ECHOBOX_STAFF_RATE_PER_MINUTE', DEFAULT_CONFIG.staffRatePerMinute),
    // Shared through PostgreSQL, so N instances allow the limit once; PGlite is one process anyway.
    sharedRateLimits: (env.ECHOBOX_SHARED_RATE_LIMITS ?? (database.kind === 'postgres' ? '1' : '0')) === '1',
    submissionWindowDays,
    contactKeys,
    mail,
    reminderLead: {
      workingDays: Number(env.ECHOBOX_REMINDER_WORKING_DAYS ?? DEFAULT_REMINDER_LEAD.workingDays),
      urgentHours: positiveInteger(env, 'ECHOBOX_REMINDER_URGENT_HOURS', DEFAULT_REMINDER_LEAD.urgentHours),
    },
    webhookAllowPrivate: env.ECHOBOX_WEBHOOK_ALLOW_PRIVATE === '1',
  };
  // The one SMTP transport (pooled) for customer and staff e-mail, from the one reading of the settings.
  const mailer = mail.smtpUrl ? createMailer(mail.smtpUrl, mail.from) : undefined;
  const deliveryDeps = { db: database.db, now, config, mailer };
  // A queued customer e-mail becomes a durable job; the message row's claim keeps a job run twice (or
  // a retry and the sweep below) from sending it twice. With the job worker off (ECHOBOX_JOBS=0) it
  // is sent at once.
  const deliver = (messageId: string) =>
    (jobRunner
      ? enqueue(database.db, CUSTOMER_MESSAGE_DELIVER, { messageId }, { now: now() })
      : deliverCustomerMessage(deliveryDeps, messageId)
    ).catch((error: unknown) => logger.error({ err: error }, 'customer e-mail delivery failed'));
  const app = createApp({
    db: database.db,
    dbKind: database.kind,
    config,
    now,
    logger,
    onMessageQueued: (id) => void deliver(id),
    ...(adapterOverrides ? { adapterOverrides } : {}),
  });
  const jobRetentionDays = positiveInteger(env, 'ECHOBOX_JOB_RETENTION_DAYS', 14);
  // A done job's dedupe key keeps a breached obligation (escalated up to 7 days back) from being told twice.
  if (jobRetentionDays < 8) throw new Error('ECHOBOX_JOB_RETENTION_DAYS must be at least 8 (breaches are escalated up to 7 days back).');
  const housekeeping = startHousekeeping(
    [
      { name: 'unreferenced uploads', run: (now) => sweepUnreferencedUploads(database.db, { now }) },
      { name: 'expired rate-limit counters', run: (now) => sweepRateCounters(database.db, now) },
      // Dead letters stay until an admin retries or deletes them.
      { name: 'finished jobs', run: (now) => purgeFinishedJobs(database.db, new Date(now.getTime() - jobRetentionDays * 86_400_000)) },
      { name: 'queued customer e-mails', run: async () => { for (const id of await queuedMessageIds(database.db)) await deliver(id); } },
    ],
    { now, log: (message, error) => logger.error({ err: error }, message) },
  );
  const notifyLocale = env.ECHOBOX_NOTIFY_LOCALE ?? 'zh-CN';
  if (!isLocale(notifyLocale)) throw new Error(`ECHOBOX_NOTIFY_LOCALE must be zh-CN or en, not "${notifyLocale}"`);
  const consoleUrl = mail.publicUrl;
  const reminderCalendars = createCalendarSource(database.db, config);
  // Every process runs a worker (ECHOBOX_JOBS=0 leaves it out): leases keep them from doing a job twice.
  const jobRunner =
    env.ECHOBOX_JOBS === '0'
      ? undefined
      : createJobRunner({
          db: database.db,
          handlers: jobHandlers({ notifyLocale, mailer, timeZone, consoleUrl, customerMessages: deliveryDeps, webhookAllowPrivate: config.webhookAllowPrivate, activeCalendar: async () => (await reminderCalendars.config()).calendar }),
          now,
          leaseMs: positiveInteger(env, 'ECHOBOX_JOB_LEASE_MS', 60_000),
          pollMs: positiveInteger(env, 'ECHOBOX_JOB_POLL_MS', 1_000),
          retry: {
            ...DEFAULT_RETRY_POLICY,
            maxAttempts: positiveInteger(env, 'ECHOBOX_JOB_MAX_ATTEMPTS', DEFAULT_RETRY_POLICY.maxAttempts),
            baseDelayMs: positiveInteger(env, 'ECHOBOX_JOB_RETRY_BASE_MS', DEFAULT_RETRY_POLICY.baseDelayMs),
          },
          log: (message, error) => logger.error({ err: error }, message),
        });
  jobRunner?.start();
  const lead = config.reminderLead;
  const digestHour = Number(env.ECHOBOX_DIGEST_HOUR ?? DEFAULT_DIGEST_HOUR);
  if (!(Number.isInteger(digestHour) && digestHour >= 0 && digestHour <= 23)) throw new Error('ECHOBOX_DIGEST_HOUR must be a whole hour from 0 to 23.');
  const reminders = startReminderScheduler({
    db: database.db,
    now,
    intervalMs: positiveInteger(env, 'ECHOBOX_REMINDER_SCAN_MS', 60_000),
    horizon: async (now) => {
      const horizon = reminderHorizon(now, lead, (await reminderCalendars.config()).calendar);
      if (!horizon.ok) throw new Error(`ECHOBOX_REMINDER_*: ${horizon.error.message}`);
      return horizon.value;
    },
    // ECHOBOX_DIGEST=0 sends no daily digest.
    ...(env.ECHOBOX_DIGEST === '0'
      ? {}
      : {
          digest: async (now: Date) => {
            const window = digestWindow(now, digestHour, (await reminderCalendars.config()).calendar);
            if (!window.ok) throw new Error(`ECHOBOX_DIGEST_HOUR: ${window.error.message}`);
            return window.value;
          },
        }),
    log: (message, error) => logger.error({ err: error }, message),
  });
  const hostname = env.HOST ?? '0.0.0.0';
  const server = createServer(
    refuseAtEdge(
      prefetchBodies(getRequestListener(app.fetch, { hostname }), {
        maxBytes: config.maxJsonBytes,
        maxWritesInFlight: config.maxWritesInFlight,
        maxWriteBytesInFlight: positiveInteger(env, 'ECHOBOX_MAX_WRITE_MB_IN_FLIGHT', 16) * 2 ** 20,
      }),
      { trustProxy: config.trustProxy, log: (entry) => logger.info(entry, 'request') },
    ),
  );
  const graceful = gracefulServer(server);
  // Node's default accept backlog (511) overflows under a burst of connections while the event loop
  // is busy, and the kernel then resets some of them: the client sees ECONNRESET instead of the 503
  // with Retry-After that prefetchBodies answers. The kernel caps it at net.core.somaxconn.
  server.listen({ port, host: hostname, backlog: LISTEN_BACKLOG }, () => {
    const address = server.address();
    const listening = typeof address === 'object' && address ? address.port : port;
    console.log(`Echobox listening on http://localhost:${listening} (${database.kind === 'pglite' ? `PGlite in ${dataDir}` : 'PostgreSQL'})`);
    console.log(`Working-day calendar: ${calendarId} in ${timeZone}${calendarEntries ? `; ${calendarsChanged} year(s) changed from ${calendarsFile}` : ''}`);
    console.log(`Open the console: http://localhost:${listening}/`);
    if (testClock) console.log(`Test clock: the server's time is ${now().toISOString()}${env.ECHOBOX_TEST_CLOCK_FILE ? `, moved by writing to ${env.ECHOBOX_TEST_CLOCK_FILE}` : ''}`);
    if (adapterOverrides) console.log(`Helpdesk adapters: ${adapterOverrides.length} from ${adaptersFile}, by id over the built-in ones`);
    console.log(mail.smtpUrl ? `Customer e-mail: through ${new URL(mail.smtpUrl).host}, status pages at ${mail.publicUrl}/status/…` : 'Customer e-mail: ECHOBOX_SMTP_URL is not set, so messages to customers stay "to send by hand".');
    if (demo?.siteKey.active) console.log(`Try the widget on the demo page: http://localhost:${listening}/demo`);
  });
  let stopping = false;
  // Records stored before the dashboard's obligation rows existed (migration 0017) get them now, in
  // the background: the server answers meanwhile, and a restart picks up where this one stopped.
  const backfill = (async () => {
    const calendar = (await reminderCalendars.config()).calendar;
    const filled = await backfillObligationRows(database.db, calendar, { now, stopped: () => stopping });
    if (filled > 0) logger.info({ records: filled }, 'obligation rows stored for records kept before the dashboard');
    const years = await restampYearsNowKnown(database.db, calendar, now());
    if (years.length > 0) logger.info({ years }, 'deadlines counted without a calendar will be counted again: the calendar has their years now');
  })().catch((error: unknown) => logger.error({ err: error }, 'storing obligation rows of older records failed'));
  // Exit 0 only when every request in flight finished and the database closed cleanly.
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, inFlight: graceful.inFlight(), graceMs: SHUTDOWN_GRACE_MS }, 'shutting down: no new connections');
    const { cutOff } = await graceful.shutdown(SHUTDOWN_GRACE_MS);
    vacuum?.stop();
    housekeeping.stop();
    // Jobs in hand finish (or fail and are retried later) before the database closes.
    reminders.stop();
    await backfill;
    await jobRunner?.stop();
    mailer?.close();
    let closed = true;
    await database.close().catch((error: unknown) => {
      closed = false;
      logger.error({ err: error }, 'closing the database failed');
    });
    if (cutOff) logger.error({ cutOff }, 'requests still running after the grace period were cut off');
    logger.info({ cutOff, databaseClosed: closed }, 'stopped');
    process.exit(cutOff === 0 && closed ? 0 : 1);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

/** E-mail settings from the environment; a URL that does not parse stops the start. */
function mailConfig(env: NodeJS.ProcessEnv, port: number): MailConfig {
  const smtpUrl = env.ECHOBOX_SMTP_URL || null;
  if (smtpUrl && !/^smtps?:$/.test(new URL(smtpUrl).protocol)) throw new Error('ECHOBOX_SMTP_URL must be an smtp:// or smtps:// URL.');
  if (smtpUrl && !env.ECHOBOX_MAIL_FROM) throw new Error('ECHOBOX_SMTP_URL is set: set ECHOBOX_MAIL_FROM (the sender address) too.');
  const publicUrl = (env.ECHOBOX_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:$/.test(new URL(publicUrl).protocol)) throw new Error('ECHOBOX_PUBLIC_URL must be an http(s) URL.');
  return {
    smtpUrl,
    from: env.ECHOBOX_MAIL_FROM || DEFAULT_CONFIG.mail.from,
    publicUrl,
    statusLinkDays: positiveInteger(env, 'ECHOBOX_STATUS_LINK_DAYS', DEFAULT_CONFIG.mail.statusLinkDays),
  };
}

/** A whole number > 0 from the environment, or the default; anything else stops the start. */
function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not "${raw}"`);
  return value;
}

main().catch((error) => {
  // A locked data folder is an operator's situation, not a crash: the message says it all.
  if (error instanceof DataDirLockedError || error instanceof ContactKeyMissingError || error instanceof TestClockError) console.error(`Echobox did not start. ${error.message}`);
  else console.error('Echobox failed to start:', error);
  process.exit(1);
});
