/**
 * bench:notify — staff notification budgets (issue 12):
 *  - 10,000 queued e-mails delivered through the job queue to a local SMTP sink (smtp-server): ≥ 200/s;
 *  - the reminder scheduler's scan over 100k records with open obligations on PostgreSQL
 *    (TEST_DATABASE_URL): ≤ 1 s.
 * Last line: `mail_per_s=N scheduler_scan_ms=N`.
 */
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { createPostgresDatabase } from '../server/support/databases';
import { openDatabase } from '../../server/db/open';
import { enqueue } from '../../server/jobs/queue';
import { createJobRunner } from '../../server/jobs/runner';
import { createMailer, type Mail } from '../../server/notifications/mailer';
import { scanObligations } from '../../server/notifications/scheduler';
import { scanDigests } from '../../server/notifications/digest';
import { digestWindow } from '../../shared/domain/digest';
import { DEFAULT_REMINDER_LEAD, reminderHorizon } from '../../shared/domain/reminders';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';

const MAILS = Number(process.env.BENCH_NOTIFY_MAILS ?? 10_000);
const RECORDS = Number(process.env.BENCH_NOTIFY_RECORDS ?? 100_000);

async function main() {
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const address = sink.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const pg = await createPostgresDatabase(20);
  const database = pg ?? (await openDatabase({ memory: true }));
  console.log(`store: ${pg ? 'PostgreSQL' : 'PGlite (set TEST_DATABASE_URL for PostgreSQL)'}`);
  const now = new Date();
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < MAILS; i++) {
      const mail: Mail = { to: [`staff${i % 50}@example.com`], subject: `Reminder ${i}`, text: 'Due soon.', messageId: `<bench.${i}@echobox>` };
      await enqueue(tx, 'bench.mail', mail, { now, dedupeKey: `bench:${i}` });
    }
  });
  const mailer = createMailer(`smtp://127.0.0.1:${port}`, 'echobox@example.com', { maxConnections: 10 });
  const runner = createJobRunner({ db: database.db, handlers: { 'bench.mail': (p) => mailer.send(p as Mail) }, now: () => new Date(), batchSize: 100 });
  const started = performance.now();
  while ((await runner.runOnce()) > 0);
  const seconds = (performance.now() - started) / 1000;
  mailer.close();
  if (received !== MAILS) throw new Error(`the sink received ${received} of ${MAILS} e-mails`);
  const mailPerS = Math.round(MAILS / seconds);
  console.log(`${MAILS} e-mails in ${seconds.toFixed(2)} s: ${mailPerS}/s (budget ≥ 200/s)`);

  // 100k records whose first unmet obligation falls anywhere in the next 60 days.
  await database.db.execute(sql`
    INSERT INTO records (id, record_number, department, status, validity, category, source, channel, urgency,
      next_due_at, next_obligation_kind, recorded_at, body_hash, change_seq, doc, search)
    SELECT gen_random_uuid(), 'BN-20250101-' || lpad(g::text, 6, '0'), 'BN', 'pending_analysis', 'unscreened', 'product_defect',
      'customer_service', 'ticket', CASE WHEN g % 10 = 0 THEN 'urgent' ELSE 'routine' END,
      ${now.toISOString()}::timestamptz + (g % 86400) * interval '60 seconds', 'response', ${now.toISOString()}::timestamptz,
      md5(g::text), g, '{}'::jsonb, ''::tsvector
    FROM generate_series(1, ${RECORDS}) g`);
  await database.db.execute(sql`ANALYZE records`);
  const horizon = reminderHorizon(now, DEFAULT_REMINDER_LEAD, CN_MAINLAND_CALENDAR);
  if (!horizon.ok) throw new Error(horizon.error.message);
  const scanStart = performance.now();
  const queued = await scanObligations(database.db, now, horizon.value);
  const scanMs = Math.round(performance.now() - scanStart);
  console.log(`scan over ${RECORDS} records with open obligations: ${queued} reminders queued in ${scanMs} ms (budget ≤ 1000 ms)`);

  // The daily digest's scan over the same records: 200 people, half owning records, half reviewers.
  await database.db.execute(sql`
    INSERT INTO users (id, email, name, role, department)
    SELECT gen_random_uuid(), 'bench' || g || '@example.com', 'Bench ' || g, CASE WHEN g % 2 = 0 THEN 'reviewer' ELSE 'agent' END, 'BN'
    FROM generate_series(1, 200) g`);
  await database.db.execute(sql`
    UPDATE records SET owner_id = u.id FROM (SELECT id, row_number() OVER () AS n FROM users WHERE role = 'agent' AND department = 'BN') u
    WHERE records.department = 'BN' AND records.change_seq % 200 = u.n`);
  await database.db.execute(sql`ANALYZE records`);
  const window = digestWindow(new Date('2025-11-04T02:00:00Z'), 9, CN_MAINLAND_CALENDAR);
  if (!window.ok || !window.value) throw new Error('no digest window');
  const digestStart = performance.now();
  const digests = await scanDigests(database.db, now, { ...window.value, dueBefore: new Date(now.getTime() + 86_400_000) });
  console.log(`digest scan over ${RECORDS} records: ${digests} digests queued in ${Math.round(performance.now() - digestStart)} ms`);

  await database.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  console.log(`mail_per_s=${mailPerS} scheduler_scan_ms=${scanMs}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
