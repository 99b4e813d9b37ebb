import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import { startSmtpSink } from './support/smtp-sink';
import type { Database } from '../../server/db/open';
import { createJobRunner } from '../../server/jobs/runner';
import { jobHandlers } from '../../server/jobs/kinds';
import { createMailer } from '../../server/notifications/mailer';
import { scanDigests } from '../../server/notifications/digest';
import { digestWindow } from '../../shared/domain/digest';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';

describe.each(TEST_STORES)('daily digest on $name', (store) => {
  let database: Database;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  // Tuesday 2025-11-04, 09:30 in Shanghai: a working day, past the default digest hour.
  const now = new Date('2025-11-04T01:30:00Z');

  beforeAll(async () => {
    database = await store.open();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await database.close();
  });

  const windowAt = (at: Date) => {
    const window = digestWindow(at, 9, CN_MAINLAND_CALENDAR);
    if (!window.ok || !window.value) throw new Error(`no digest window at ${at.toISOString()}`);
    return window.value;
  };
  /** Make `id` owe exactly `due` (kind, due instant) and nothing else open, owned by `owner`. */
  const oweOnly = async (id: string, owner: string | null, due: ReadonlyArray<[string, string]>) => {
    const first = [...due].sort((a, b) => a[1].localeCompare(b[1]))[0]!;
    await database.db.execute(sql`UPDATE records SET owner_id = ${owner}, next_obligation_kind = ${first[0]}, next_due_at = ${first[1]}::timestamptz WHERE id = ${id}`);
    await database.db.execute(sql`DELETE FROM record_obligations WHERE record_id = ${id} AND met_at IS NULL`);
    for (const [i, [kind, dueAt]] of due.entries()) {
      await database.db.execute(sql`INSERT INTO record_obligations (record_id, ord, kind, starts_at, due_at) VALUES (${id}, ${90 + i}, ${kind}, ${now.toISOString()}::timestamptz, ${dueAt}::timestamptz)`);
    }
  };
  const runJobs = async (at: Date) => {
    const mailer = createMailer(sink.url, 'echobox@example.com');
    const handlers = jobHandlers({ notifyLocale: 'zh-CN', mailer, timeZone: 'Asia/Shanghai', consoleUrl: 'https://echobox.example.com' });
    const workers = [0, 1].map(() => createJobRunner({ db: database.db, handlers, now: () => at, batchSize: 5 }));
    for (;;) {
      const counts = await Promise.all(workers.map((w) => w.runOnce()));
      if (counts.every((n) => n === 0)) break;
    }
    mailer.close();
  };

  it('sends each person with due work one digest a day in their language, listing what is due by the next working day and what is breached', async () => {
    const ann = await staff(database, 'agent', 'CS', 'Ann');
    const bo = await staff(database, 'agent', 'CS', 'Bo');
    const reviewer = await staff(database, 'reviewer', 'CS', 'Rita');
    const idle = await staff(database, 'agent', 'CS', 'Idle');
    await database.db.execute(sql`UPDATE users SET locale = 'en' WHERE id = ${ann.user.id}`);
    const t = testApp(database, { now });
    const items = Array.from({ length: 6 }, () => recordInput());
    expect((await t.app.request('/api/v1/records/batch', json('POST', { items }, reviewer.auth))).status).toBe(200);
    const numbers = new Map<string, string>();
    for (const item of items) {
      const row = (await database.db.execute(sql`SELECT record_number FROM records WHERE id = ${item.id}`)) as unknown as { rows: { record_number: string }[] };
      numbers.set(item.id, row.rows[0]!.record_number);
    }
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    const owe = (id: string, owner: string | null, dueAt: string) => oweOnly(id, owner, [['response', dueAt]]);
    const [dueToday, dueTomorrow, breached, nextWeek, bos, unowned] = items.map((i) => i.id) as [string, string, string, string, string, string];
    await owe(dueToday, ann.user.id, at(3 * 3_600_000));
    await owe(dueTomorrow, ann.user.id, at(30 * 3_600_000));
    await owe(breached, ann.user.id, at(-20 * 86_400_000));
    await owe(nextWeek, ann.user.id, at(7 * 86_400_000));
    await owe(bos, bo.user.id, at(2 * 3_600_000));
    await owe(unowned, null, at(5 * 3_600_000));
    // A record the idle agent owns is due next week only: no digest for them.
    await database.db.execute(sql`UPDATE records SET owner_id = ${idle.user.id} WHERE id = ${nextWeek}`);
    await owe(nextWeek, idle.user.id, at(7 * 86_400_000));

    // Two schedulers (two processes) scanning at once queue one digest per person.
    const window = windowAt(now);
    const scans = await Promise.all([scanDigests(database.db, now, window), scanDigests(database.db, now, window)]);
    expect(scans[0]! + scans[1]!).toBe(3);
    expect(await scanDigests(database.db, new Date(now.getTime() + 3_600_000), windowAt(new Date(now.getTime() + 3_600_000)))).toBe(0);
    await runJobs(now);

    expect(sink.mails).toHaveLength(3);
    const to = (email: string) => sink.mails.filter((m) => m.to.includes(email));
    const [annMail] = to(ann.user.email);
    expect(to(ann.user.email)).toHaveLength(1);
    expect(annMail!.subject).toBe('[Echobox] Your due work on 2025-11-04: 3 record(s)');
    const lines = annMail!.text.split('\n').filter((l) => l.startsWith('- '));
    // Most urgent first: the breached one, then today's, then tomorrow's; next week's is not listed.
    expect(lines.map((l) => /- (\S+):/.exec(l)?.[1])).toEqual([numbers.get(breached), numbers.get(dueToday), numbers.get(dueTomorrow)]);
    expect(lines[0]).toMatch(/\(overdue\)$/);
    expect(lines[1]).not.toMatch(/overdue/);
    const [boMail] = to(bo.user.email);
    expect(boMail!.subject).toBe('[Echobox] 2025-11-04 待办:1 条需求记录');
    expect(boMail!.text).toContain(`- ${numbers.get(bos)}:`);
    // Nobody owns it: the department's reviewer has it in their digest.
    expect(to(reviewer.user.email)[0]!.text).toContain(`- ${numbers.get(unowned)}:`);
    expect(to(idle.user.email)).toHaveLength(0);

    // The next working day brings the next digest.
    const wednesday = new Date(now.getTime() + 86_400_000);
    await owe(dueToday, null, at(-3_600_000)); // now unowned and breached: only the reviewer's
    expect(await scanDigests(database.db, wednesday, windowAt(wednesday))).toBe(3);
  }, 60_000);

  it('lists every due or breached open obligation of a record, not only its first', async () => {
    const dee = await staff(database, 'agent', 'CS', 'Dee');
    const reviewer = await staff(database, 'reviewer', 'CS', 'Third reviewer');
    const t = testApp(database, { now });
    const [both, later] = [recordInput(), recordInput()];
    expect((await t.app.request('/api/v1/records/batch', json('POST', { items: [both, later] }, reviewer.auth))).status).toBe(200);
    const thursday = new Date('2025-11-06T02:00:00Z');
    const at = (ms: number) => new Date(thursday.getTime() + ms).toISOString();
    // One record owes a breached response and a progress update due today; its change request is due next week (not listed).
    await oweOnly(both.id, dee.user.id, [
      ['response', at(-86_400_000)],
      ['weekly_progress', at(4 * 3_600_000)],
      ['task_completion', at(8 * 86_400_000)],
    ]);
    await oweOnly(later.id, dee.user.id, [['response', at(8 * 86_400_000)]]);
    expect(await scanDigests(database.db, thursday, windowAt(thursday))).toBeGreaterThanOrEqual(1);
    await runJobs(thursday);
    const [mail] = sink.mails.filter((m) => m.to.includes(dee.user.email));
    expect(mail!.subject).toBe('[Echobox] 2025-11-06 待办:1 条需求记录');
    const lines = mail!.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/响应/);
    expect(lines[0]).toMatch(/已超期|超期/);
    expect(lines[1]).toMatch(/进度/);
  }, 60_000);

  it('leaves out what was met before the digest job ran, and sends nothing when nothing is left', async () => {
    const cy = await staff(database, 'agent', 'CS', 'Cy');
    const reviewer = await staff(database, 'reviewer', 'CS', 'Another reviewer');
    const t = testApp(database, { now });
    const item = recordInput();
    expect((await t.app.request('/api/v1/records/batch', json('POST', { items: [item] }, reviewer.auth))).status).toBe(200);
    const friday = new Date('2025-11-07T02:00:00Z');
    await oweOnly(item.id, cy.user.id, [['response', new Date(friday.getTime() + 3_600_000).toISOString()]]);
    expect(await scanDigests(database.db, friday, windowAt(friday))).toBeGreaterThanOrEqual(1);
    await database.db.execute(sql`UPDATE records SET next_obligation_kind = NULL, next_due_at = NULL WHERE id = ${item.id}`);
    await runJobs(friday);
    const done = (await database.db.execute(sql`SELECT state FROM jobs WHERE dedupe_key = ${`digest:${cy.user.id}:2025-11-07`}`)) as unknown as { rows: { state: string }[] };
    expect(done.rows).toEqual([{ state: 'done' }]);
    expect(sink.mails.filter((m) => m.to.includes(cy.user.email))).toHaveLength(0);
  }, 60_000);
});

describe('the digest window', () => {
  const at = (iso: string) => digestWindow(new Date(iso), 9, CN_MAINLAND_CALENDAR);

  it('opens at the local hour on working days only, make-up working days included', () => {
    expect(at('2025-11-04T00:59:00Z')).toEqual({ ok: true, value: null }); // 08:59 Tuesday
    expect(at('2025-11-04T01:00:00Z')).toMatchObject({ ok: true, value: { day: '2025-11-04' } });
    expect(at('2025-11-08T03:00:00Z')).toEqual({ ok: true, value: null }); // Saturday
    expect(at('2025-10-03T03:00:00Z')).toEqual({ ok: true, value: null }); // National Day holiday
    // Sunday 2025-09-28 is a make-up working day (调休上班); the next working day is Sep 29.
    expect(at('2025-09-28T03:00:00Z')).toEqual({ ok: true, value: { day: '2025-09-28', dueBefore: new Date('2025-09-29T15:59:59.999Z') } });
    // Friday's window reaches to the end of Monday.
    expect(at('2025-11-07T03:00:00Z')).toMatchObject({ ok: true, value: { dueBefore: new Date('2025-11-10T15:59:59.999Z') } });
  });

  it('refuses an hour outside 0–23', () => {
    expect(digestWindow(new Date(), 24, CN_MAINLAND_CALENDAR)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});
