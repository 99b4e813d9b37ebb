import { until } from './support/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createPostgresDatabase } from './support/databases';
import { startServer, type ServerProcess } from './support/server-process';
import { startSmtpSink } from './support/smtp-sink';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';


// Real server processes (server/main.ts: scheduler and job worker each) over one PostgreSQL database,
// e-mailing a real SMTP server.
describe.skipIf(!process.env.TEST_DATABASE_URL)('staff reminders from separate server processes on one PostgreSQL', () => {
  let database: Database & { url: string };
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let holding: string | null = null;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = (await createPostgresDatabase())!;
    sink = await startSmtpSink({ hold: (mail) => holding !== null && mail.subject.includes(holding) });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await sink?.close();
    await database?.close();
  });

  const env = () => ({
    ECHOBOX_SMTP_URL: sink.url,
    ECHOBOX_MAIL_FROM: 'Echobox <echobox@example.com>',
    ECHOBOX_NOTIFY_LOCALE: 'en',
    ECHOBOX_REMINDER_SCAN_MS: '200',
    ECHOBOX_JOB_POLL_MS: '50',
    ECHOBOX_JOB_LEASE_MS: '3000',
    ECHOBOX_DIGEST: '0',
    ECHOBOX_LOG_LEVEL: 'silent',
    ECHOBOX_DEMO: '0',
  });

  /** `n` records owned by a new agent, their response obligation due two hours from now. */
  async function comingDue(n: number) {
    const owner = await staff(database, 'agent', 'CS', 'Owner');
    const reviewer = await staff(database, 'reviewer', 'CS', 'Reviewer');
    const t = testApp(database, { now: new Date() });
    const items = Array.from({ length: n }, () => recordInput());
    expect((await t.app.request('/api/v1/records/batch', json('POST', { items }, reviewer.auth))).status).toBe(200);
    const ids = items.map((i) => i.id);
    await database.db.execute(sql`UPDATE records SET owner_id = ${owner.user.id}, urgency = 'routine', next_obligation_kind = 'response',
      next_due_at = ${new Date(Date.now() + 2 * 3_600_000).toISOString()}::timestamptz
      WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    const rows = (await database.db.execute(sql`SELECT record_number FROM records WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)) as unknown as {
      rows: { record_number: string }[];
    };
    return { owner, numbers: rows.rows.map((r) => r.record_number) };
  }
  const mailsTo = (email: string) => sink.mails.filter((m) => m.to.includes(email));
  const reminderJobs = async (state: string) =>
    ((await database.db.execute(sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'reminder.notify' AND state = ${state}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

  it('two processes e-mail each of 100 obligations coming due exactly once', async () => {
    const { owner, numbers } = await comingDue(100);
    for (let i = 0; i < 2; i++) servers.push(await startServer({ databaseUrl: database.url }, { env: env(), readyTimeoutMs: 90_000 }));
    await until(() => mailsTo(owner.user.email).length >= 100, '100 reminders', 90_000);
    await until(async () => (await reminderJobs('done')) === 100, '100 reminder jobs done', 90_000);
    // Both processes scanned many times meanwhile: still one e-mail per obligation.
    const mails = mailsTo(owner.user.email);
    expect(mails).toHaveLength(100);
    expect(new Set(mails.map((m) => m.headers['message-id'])).size).toBe(100);
    expect(new Set(mails.map((m) => /\] (\S+):/.exec(m.subject)?.[1]))).toEqual(new Set(numbers));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  }, 300_000);

  it('a process killed with SIGKILL while sending: after a restart nothing is lost and nothing is sent twice', async () => {
    const { owner, numbers } = await comingDue(10);
    holding = numbers[4]!;
    const first = await startServer({ databaseUrl: database.url }, { env: env(), readyTimeoutMs: 90_000 });
    servers.push(first);
    // The other nine are accepted and their jobs done; the held one is mid-delivery.
    await sink.until(() => sink.held.some((m) => m.subject.includes(holding!)));
    await until(async () => mailsTo(owner.user.email).length === 9 && (await reminderJobs('done')) === 109, 'the other nine done', 90_000);
    await first.kill();
    holding = null;
    servers.push(await startServer({ databaseUrl: database.url }, { env: env(), readyTimeoutMs: 90_000 }));
    await until(async () => (await reminderJobs('done')) === 110, 'the held reminder done after the restart', 90_000);
    const mails = mailsTo(owner.user.email);
    expect(mails).toHaveLength(10);
    expect(new Set(mails.map((m) => /\] (\S+):/.exec(m.subject)?.[1]))).toEqual(new Set(numbers));
    const held = mails.find((m) => m.subject.includes(numbers[4]!));
    // Sent again after the lease ran out, under the Message-ID of the attempt that died with the process.
    expect(held?.headers['message-id']).toBe(sink.held.find((m) => m.subject.includes(numbers[4]!))?.headers['message-id']);
    const attempts = (await database.db.execute(sql`SELECT attempts FROM jobs WHERE kind = 'reminder.notify' AND state = 'done' ORDER BY attempts DESC LIMIT 1`)) as unknown as {
      rows: { attempts: number }[];
    };
    expect(attempts.rows[0]!.attempts).toBe(2);
  }, 300_000);
});
