import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import { openDatabase, type Database } from '../../server/db/open';
import { recordObligations, records } from '../../server/db/schema';
import { DEFAULT_CONFIG } from '../../server/context';
import { createCalendarSource } from '../../server/calendar-source';
import { createJobRunner } from '../../server/jobs/runner';
import { jobHandlers } from '../../server/jobs/kinds';
import { restampObligations } from '../../server/store/obligation-restamp';
import { restampYearsNowKnown } from '../../server/calendar-restamp';
import { Record as RecordSchema, type Record as EchoRecord } from '../../shared/schemas/record';

/*
 * A deadline counted through a year without a calendar is flagged (DOMAIN.md §11). When an admin
 * stores that year (or removes it), every deadline the year can move is counted again in the
 * background: the record's response deadline and flag, its obligation rows, the queue's next-due
 * column. Nothing else about the record changes, and records due before the year are left alone.
 */
describe.each(TEST_STORES)('deadlines counted again after a calendar change on $name', (store) => {
  let database: Database;
  let admin: Awaited<ReturnType<typeof staff>>;
  let reviewer: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    database = await store.open();
    admin = await staff(database, 'admin', 'IT', '陈管理');
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
  });
  afterAll(() => database.close());

  type App = ReturnType<typeof testApp>;
  const screened = async (t: App, recordedAt: string): Promise<EchoRecord> => {
    const input = recordInput({ recordedAt });
    expect((await t.app.request('/api/v1/records', json('POST', input, reviewer.auth))).status).toBe(201);
    const res = await t.app.request(`/api/v1/records/${input.id}/transitions`, json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' }, reviewer.auth));
    expect(res.status).toBe(200);
    return RecordSchema.parse(((await res.json()) as { record: unknown }).record);
  };
  const read = async (t: App, id: string) => RecordSchema.parse(((await (await t.app.request(`/api/v1/records/${id}`, { headers: reviewer.auth })).json()) as { record: unknown }).record);
  const stored = async (id: string) => {
    const [row] = await database.db.select({ nextDueAt: records.nextDueAt, dueAt: records.dueAt }).from(records).where(eq(records.id, id));
    const rows = await database.db.select({ kind: recordObligations.kind, dueAt: recordObligations.dueAt }).from(recordObligations).where(eq(recordObligations.recordId, id));
    return { nextDueAt: row?.nextDueAt?.toISOString(), dueAt: row?.dueAt?.toISOString(), response: rows.find((r) => r.kind === 'response')?.dueAt.toISOString() };
  };
  const queued = async () =>
    ((await database.db.execute(sql`SELECT payload FROM jobs WHERE kind = 'obligations.restamp' AND state = 'queued' ORDER BY id`)) as unknown as { rows: { payload: unknown }[] }).rows.map((r) => r.payload);
  const runJobs = (t: App) =>
    createJobRunner({
      db: database.db,
      now: () => t.clock.now,
      handlers: jobHandlers({ notifyLocale: 'en', timeZone: DEFAULT_CONFIG.timeZone, consoleUrl: 'http://localhost', activeCalendar: async () => (await createCalendarSource(database.db, DEFAULT_CONFIG).config()).calendar }),
    }).runOnce();

  it('counts a flagged January 2027 deadline again when the admin stores 2027, and again when the year is removed', async () => {
    const t = testApp(database, { now: new Date('2026-12-31T02:00:00Z') });
    // Thursday 2026-12-31 10:00 in Shanghai, 重要: Fri Jan 1, Mon Jan 4, Tue Jan 5 with weekends only.
    const record = await screened(t, '2026-12-31T02:00:00.000Z');
    expect(record).toMatchObject({ dueAt: '2027-01-05T15:59:59.999Z', dueCalendarMissing: [2027] });
    expect(await stored(record.id)).toEqual({ nextDueAt: '2027-01-05T15:59:59.999Z', dueAt: '2027-01-05T15:59:59.999Z', response: '2027-01-05T15:59:59.999Z' });

    const put = await t.app.request('/api/v1/calendars/CN/years/2027', json('PUT', { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }, admin.auth));
    expect(put.status).toBe(200);
    expect(await queued()).toEqual([{ calendarId: 'CN', year: 2027 }]);
    expect(await runJobs(t)).toBe(1);
    expect(await queued()).toEqual([]);

    // Jan 1 is a holiday now: Mon 4, Tue 5, Wed 6. The record's own version did not move.
    const recounted = await read(t, record.id);
    expect(recounted.dueAt).toBe('2027-01-06T15:59:59.999Z');
    expect(recounted).not.toHaveProperty('dueCalendarMissing');
    expect(recounted.version).toBe(record.version);
    expect(await stored(record.id)).toEqual({ nextDueAt: '2027-01-06T15:59:59.999Z', dueAt: '2027-01-06T15:59:59.999Z', response: '2027-01-06T15:59:59.999Z' });

    expect((await t.app.request('/api/v1/calendars/CN/years/2027', { method: 'DELETE', headers: admin.auth })).status).toBe(204);
    expect(await runJobs(t)).toBe(1);
    expect(await read(t, record.id)).toMatchObject({ dueAt: '2027-01-05T15:59:59.999Z', dueCalendarMissing: [2027] });
    expect((await stored(record.id)).nextDueAt).toBe('2027-01-05T15:59:59.999Z');
  });

  it('leaves records whose deadlines all lie before the changed year alone', async () => {
    const t = testApp(database, { now: new Date('2026-12-31T02:00:00Z') });
    const early = await screened(t, '2026-12-01T02:00:00.000Z'); // due Fri Dec 4
    const late = await screened(t, '2026-12-31T02:00:00.000Z');
    const calendar = (await createCalendarSource(database.db, DEFAULT_CONFIG).config()).calendar;
    // Nothing stored for 2027 moved since: counting again changes nothing, and the early record is not even read.
    expect(await restampObligations(database.db, calendar, { from: new Date('2026-12-31T00:00:00Z'), now: () => t.clock.now })).toBe(0);
    expect((await read(t, early.id)).dueAt).toBe('2026-12-04T15:59:59.999Z');
    expect((await read(t, late.id)).dueCalendarMissing).toEqual([2027]);
  });

  it('at start, queues a restamp for flagged years the calendar now has (a package update brought them)', async () => {
    const t = testApp(database, { now: new Date('2026-12-31T02:00:00Z') });
    const flagged = await screened(t, '2026-12-31T02:00:00.000Z');
    const calendar = (await createCalendarSource(database.db, DEFAULT_CONFIG).config()).calendar;
    expect(await restampYearsNowKnown(database.db, calendar, t.clock.now)).toEqual([]);
    const updated = { ...calendar, years: { ...calendar.years, '2027': { holidays: ['2027-01-01'], workdays: [] } } };
    expect(await restampYearsNowKnown(database.db, updated, t.clock.now)).toEqual([2027]);
    await createJobRunner({ db: database.db, now: () => t.clock.now, handlers: jobHandlers({ notifyLocale: 'en', timeZone: DEFAULT_CONFIG.timeZone, consoleUrl: 'http://localhost', activeCalendar: async () => updated }) }).runOnce();
    expect(await read(t, flagged.id)).toMatchObject({ dueAt: '2027-01-06T15:59:59.999Z' });
    expect(await read(t, flagged.id)).not.toHaveProperty('dueCalendarMissing');
  });
});
