import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { createJobRunner } from '../../server/jobs/runner';
import { jobHandlers } from '../../server/jobs/kinds';
import { createMailer } from '../../server/notifications/mailer';
import { scanObligations } from '../../server/notifications/scheduler';
import { DEFAULT_REMINDER_LEAD, reminderHorizon } from '../../shared/domain/reminders';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';

interface Delivered {
  to: string[];
  raw: string;
}

/** A real SMTP server on a loopback port that keeps every message it accepts. */
async function smtpSink() {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        // Long headers are folded onto continuation lines; unfolded here so each header reads as one line.
        delivered.push({ to: session.envelope.rcptTo.map((r) => r.address).sort(), raw: raw.replace(/\r\n[ \t]+/g, ' ') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, delivered, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(TEST_STORES)('staff reminders on $name', (store) => {
  let database: Database;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  const now = new Date('2025-11-04T02:00:00Z'); // a Tuesday, 10:00 in Shanghai, far from holidays

  beforeAll(async () => {
    database = await store.open();
    sink = await smtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await database.close();
  });

  it('with two schedulers and two workers, e-mails each obligation coming due exactly once, escalates breaches to reviewers, and leaves later ones alone', async () => {
    const owner = await staff(database, 'agent', 'CS', 'Owner');
    const reviewer = await staff(database, 'reviewer', 'CS', 'Reviewer');
    const t = testApp(database, { now });
    const items = Array.from({ length: 103 }, () => recordInput());
    for (const part of [items.slice(0, 100), items.slice(100)]) {
      expect((await t.app.request('/api/v1/records/batch', json('POST', { items: part }, reviewer.auth))).status).toBe(200);
    }
    const ids = items.map((i) => i.id);
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    // 100 routine records due in 2 hours, one breached an hour ago, one urgent due in 5 hours (past its 4-hour lead),
    // one routine due in a week.
    await database.db.execute(sql`UPDATE records SET owner_id = ${owner.user.id}, urgency = 'routine', next_obligation_kind = 'response', next_due_at = ${at(2 * 3_600_000)}::timestamptz
      WHERE id IN (${sql.join(ids.slice(0, 100).map((id) => sql`${id}`), sql`, `)})`);
    await database.db.execute(sql`UPDATE records SET owner_id = ${owner.user.id}, next_obligation_kind = 'response', next_due_at = ${at(-3_600_000)}::timestamptz WHERE id = ${ids[100]}`);
    await database.db.execute(sql`UPDATE records SET urgency = 'urgent', next_obligation_kind = 'response', next_due_at = ${at(5 * 3_600_000)}::timestamptz WHERE id = ${ids[101]}`);
    await database.db.execute(sql`UPDATE records SET urgency = 'routine', next_obligation_kind = 'response', next_due_at = ${at(7 * 86_400_000)}::timestamptz WHERE id = ${ids[102]}`);

    const horizon = reminderHorizon(now, DEFAULT_REMINDER_LEAD, CN_MAINLAND_CALENDAR);
    if (!horizon.ok) throw new Error(horizon.error.message);
    const scans = await Promise.all([scanObligations(database.db, now, horizon.value), scanObligations(database.db, now, horizon.value)]);
    expect(scans[0]! + scans[1]!).toBe(101);
    expect(await scanObligations(database.db, now, horizon.value)).toBe(0);

    const mailer = createMailer(sink.url, 'echobox@example.com');
    const handlers = jobHandlers({ notifyLocale: 'en', mailer, timeZone: 'Asia/Shanghai', consoleUrl: 'https://echobox.example.com' });
    const workers = [0, 1].map(() => createJobRunner({ db: database.db, handlers, now: () => now, batchSize: 10 }));
    for (;;) {
      const counts = await Promise.all(workers.map((w) => w.runOnce()));
      if (counts.every((n) => n === 0)) break;
    }
    mailer.close();

    expect(sink.delivered).toHaveLength(101);
    const messageIds = sink.delivered.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1]);
    expect(new Set(messageIds).size).toBe(101);
    const soon = sink.delivered.filter((m) => /^Subject: .*due/m.test(m.raw) && !/Overdue/.test(m.raw));
    expect(soon).toHaveLength(100);
    expect(soon.every((m) => m.to.length === 1 && m.to[0] === owner.user.email)).toBe(true);
    const breached = sink.delivered.find((m) => /^Subject: \[Echobox\] Overdue/m.test(m.raw));
    expect(breached?.to).toEqual([owner.user.email, reviewer.user.email].sort());
    // Quoted-printable soft line breaks removed, the link reads whole.
    expect(breached?.raw.replace(/=\r\n/g, '')).toContain('https://echobox.example.com/records/');
  }, 120_000);

  it('says nothing about an obligation met between the scan and the job', async () => {
    const owner = await staff(database, 'agent', 'CS', 'Owner 2');
    const reviewer = await staff(database, 'reviewer', 'CS');
    const t = testApp(database, { now });
    const item = recordInput();
    await t.app.request('/api/v1/records/batch', json('POST', { items: [item] }, reviewer.auth));
    const later = new Date(now.getTime() + 30 * 86_400_000);
    await database.db.execute(sql`UPDATE records SET owner_id = ${owner.user.id}, next_obligation_kind = 'response', next_due_at = ${new Date(later.getTime() + 3_600_000).toISOString()}::timestamptz WHERE id = ${item.id}`);
    const horizon = reminderHorizon(later, DEFAULT_REMINDER_LEAD, CN_MAINLAND_CALENDAR);
    if (!horizon.ok) throw new Error(horizon.error.message);
    expect(await scanObligations(database.db, later, horizon.value)).toBe(1);
    await database.db.execute(sql`UPDATE records SET next_obligation_kind = NULL, next_due_at = NULL WHERE id = ${item.id}`);
    const before = sink.delivered.length;
    const mailer = createMailer(sink.url, 'echobox@example.com');
    const runner = createJobRunner({ db: database.db, handlers: jobHandlers({ notifyLocale: 'en', mailer, timeZone: 'Asia/Shanghai', consoleUrl: 'x' }), now: () => later });
    expect(await runner.runOnce()).toBe(1);
    mailer.close();
    expect(sink.delivered.length).toBe(before);
  }, 60_000);
});
