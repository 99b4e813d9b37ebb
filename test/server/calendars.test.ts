import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput, submissionInput } from './support/fixtures';
import { createSiteKey } from '../../server/store/site-keys';
import { openDatabase, type Database } from '../../server/db/open';
import { calendarYears } from '../../server/db/schema';
import { CalendarList, CalendarView, CalendarYearView } from '../../shared/schemas/calendar';
import { ReadyStatus } from '../../shared/schemas/health';
import { Problem } from '../../shared/schemas/problem';
import { Record as RecordSchema, RecordSummary } from '../../shared/schemas/record';

// DOMAIN.md §11's 2026 row, written out day by day.
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-02', '2026-01-03',
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  '2026-04-04', '2026-04-05', '2026-04-06',
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  '2026-06-19', '2026-06-20', '2026-06-21',
  '2026-09-25', '2026-09-26', '2026-09-27',
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
];
const WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
/** A 2027 schedule as an administrator would enter it (New Year's Day off Friday to Sunday). */
const YEAR_2027 = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] };

describe.each(TEST_STORES)('working-day calendars on $name', (store) => {
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
  const put = (t: App, id: string, year: string, body: unknown) => t.app.request(`/api/v1/calendars/${id}/years/${year}`, json('PUT', body, admin.auth));
  const del = (t: App, id: string, year: string) => t.app.request(`/api/v1/calendars/${id}/years/${year}`, { method: 'DELETE', headers: admin.auth });
  const getJson = async (t: App, path: string, headers = admin.auth) => {
    const res = await t.app.request(path, { headers });
    expect(res.status).toBe(200);
    return res.json();
  };
  /** Create a record recorded at `recordedAt` and screen it as important; the stored record. */
  const screened = async (t: App, recordedAt: string) => {
    const input = recordInput({ recordedAt });
    expect((await t.app.request('/api/v1/records', json('POST', input, reviewer.auth))).status).toBe(201);
    const res = await t.app.request(
      `/api/v1/records/${input.id}/transitions`,
      json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' }, reviewer.auth),
    );
    expect(res.status).toBe(200);
    return RecordSchema.parse(((await res.json()) as { record: unknown }).record);
  };

  it('counts the DOMAIN.md §11 worked example with the package calendar: 重要 at 2025-09-30 18:00 is due at the end of Oct 11', async () => {
    const t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    const record = await screened(t, '2025-09-30T10:00:00.000Z');
    expect(record.dueAt).toBe('2025-10-11T15:59:59.999Z');
    expect(record).not.toHaveProperty('dueCalendarMissing');
  });

  it('serves the 2026 schedule from the chinese-days package, and 2004 onward', async () => {
    const t = testApp(database);
    const cn = CalendarView.parse(await getJson(t, '/api/v1/calendars/CN'));
    expect(cn).toMatchObject({ id: 'CN', active: true, timeZone: 'Asia/Shanghai' });
    const y2026 = cn.years.find((y) => y.year === 2026);
    expect(y2026).toEqual({ year: 2026, source: 'package', holidays: HOLIDAYS_2026, workdays: WORKDAYS_2026, updatedAt: null });
    expect(cn.years[0]?.year).toBe(2004);
  });

  it('flags a deadline on 2027-01-05 without a 2027 calendar, and counts it with 2027 once an admin adds the year', async () => {
    const t = testApp(database, { now: new Date('2026-12-31T02:00:00Z') });
    // Thursday 2026-12-31 10:00 in Shanghai: Fri Jan 1, Mon Jan 4, Tue Jan 5 if only weekends are known.
    const record = await screened(t, '2026-12-31T02:00:00.000Z');
    expect(record.dueAt).toBe('2027-01-05T15:59:59.999Z');
    expect(record.dueCalendarMissing).toEqual([2027]);
    const page = (await getJson(t, '/api/v1/records?limit=100', reviewer.auth)) as { items: unknown[] };
    const row = page.items.map((i) => RecordSummary.parse(i)).find((r) => r.id === record.id);
    expect(row?.dueCalendarMissing).toEqual([2027]);

    const stored = await put(t, 'CN', '2027', YEAR_2027);
    expect(stored.status).toBe(200);
    expect(CalendarYearView.parse(await stored.json())).toEqual({ year: 2027, source: 'api', ...YEAR_2027, updatedAt: '2026-12-31T02:00:00.000Z' });
    const rows = await database.db.select().from(calendarYears);
    expect(rows).toEqual([expect.objectContaining({ calendarId: 'CN', year: 2027, holidays: YEAR_2027.holidays, source: 'api', updatedBy: admin.user.id })]);

    // Re-counted (urgency set again): Jan 1 is now a holiday, so Mon 4, Tue 5, Wed 6.
    const res = await t.app.request(`/api/v1/records/${record.id}`, json('PATCH', { urgency: 'important' }, { ...reviewer.auth, 'if-match': `"${record.version}"` }));
    expect(res.status).toBe(200);
    const recounted = RecordSchema.parse(((await res.json()) as { record: unknown }).record);
    expect(recounted.dueAt).toBe('2027-01-06T15:59:59.999Z');
    expect(recounted).not.toHaveProperty('dueCalendarMissing');
    expect((await screened(t, '2026-12-31T02:00:00.000Z')).dueAt).toBe('2027-01-06T15:59:59.999Z');

    const cn = CalendarView.parse(await getJson(t, '/api/v1/calendars/CN'));
    expect(cn.years.at(-1)).toMatchObject({ year: 2027, source: 'api' });
    expect((await del(t, 'CN', '2027')).status).toBe(204);
    expect((await del(t, 'CN', '2027')).status).toBe(404);
    expect((await screened(t, '2026-12-31T02:00:00.000Z')).dueCalendarMissing).toEqual([2027]);
  });

  it('flags a change request whose 2-working-day lead runs through a year without a calendar', async () => {
    const t = testApp(database, { now: new Date('2026-12-31T02:00:00Z') });
    const record = await screened(t, '2026-12-31T02:00:00.000Z');
    const file = (effectiveAt: string) =>
      t.app.request(`/api/v1/records/${record.id}/change-requests`, json('POST', { reason: '供应商延期', adjustedPlan: '顺延到下周', effectiveAt }, reviewer.auth));
    const late = await file('2027-01-01T02:00:00.000Z'); // only Thu Dec 31 lies between
    expect(late.status).toBe(409);
    const refusal = await late.json();
    expect(Problem.parse(refusal).code).toBe('guard_failed');
    expect(refusal).toMatchObject({ calendarMissing: [2027] });
    const res = await file('2027-01-05T02:00:00.000Z');
    expect(res.status).toBe(200);
    const filed = RecordSchema.parse(((await res.json()) as { record: unknown }).record).changeRequests.at(-1);
    expect(filed?.calendarMissing).toEqual([2027]);
  });

  it('counts a widget’s dissatisfied rating’s follow-up in the company zone with the stored calendars, flagged', async () => {
    // Tue 2026-12-29 22:00 in New York (already Wed in Shanghai): Wed 30, Thu 31, Fri Jan 1 (no 2027 calendar).
    const t = testApp(database, { now: new Date('2026-12-30T03:00:00Z'), config: { timeZone: 'America/New_York' } });
    const origin = 'https://app.example.com';
    const { siteKey } = await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [origin], ratePerMinute: 1000 });
    const secret = 'calendar-follow-up-secret-0123456';
    const widget = { origin, 'x-echobox-site-key': siteKey.key, 'x-echobox-reporter': `anon ${secret}` };
    const body = submissionInput(secret, { submittedAt: '2026-12-30T02:59:00.000Z' });
    expect((await t.app.request('/api/v1/public/submissions', json('POST', body, widget))).status).toBe(201);
    const tr = async (b: unknown) => expect((await t.app.request(`/api/v1/records/${body.id}/transitions`, json('POST', b, reviewer.auth))).status).toBe(200);
    await tr({ type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' });
    await tr({ type: 'start', ownerId: reviewer.user.id });
    await t.app.request(`/api/v1/records/${body.id}/communications`, json('POST', { kind: 'adopted', message: '已收录,预计 2.4 版本上线', expectedVersion: '2.4' }, reviewer.auth));
    await tr({ type: 'complete', result: '2.4 版本已支持' });
    expect((await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'dissatisfied' }, widget))).status).toBe(200);
    const got = await t.app.request(`/api/v1/records/${body.id}`, { headers: reviewer.auth });
    const { obligations } = (await got.json()) as { obligations: Array<{ kind: string; dueAt: string; missingCalendarYears?: number[] }> };
    const followUp = obligations.find((o) => o.kind === 'dissatisfied_follow_up');
    expect(followUp).toMatchObject({ dueAt: '2027-01-02T04:59:59.999Z', missingCalendarYears: [2027] });
  });

  it('says from 60 days before 2027 begins that CN has no 2027, in /readyz and the admin API, until it is added', async () => {
    const gapsAt = async (now: string, timeZone = 'Asia/Shanghai') => {
      const t = testApp(database, { now: new Date(now), config: { timeZone } });
      const ready = await t.app.request('/readyz');
      expect(ready.status).toBe(200);
      const readyBody = ReadyStatus.parse(await ready.json());
      const list = CalendarList.parse(await getJson(t, '/api/v1/calendars'));
      expect(list.gaps).toEqual(readyBody.calendar.gaps);
      expect(readyBody.calendar.id).toBe('CN');
      return list.gaps;
    };
    const gap2027 = (daysUntil: number) => [{ calendarId: 'CN', year: 2027, startsOn: '2027-01-01', daysUntil }];
    expect(await gapsAt('2026-11-01T12:00:00Z')).toEqual([]); // Nov 1 in Shanghai: 61 days to go
    expect(await gapsAt('2026-11-01T16:00:00Z')).toEqual(gap2027(60)); // Nov 2 in Shanghai
    expect(await gapsAt('2026-12-04T02:00:00Z')).toEqual(gap2027(28)); // four weeks before
    expect(await gapsAt('2026-11-02T03:00:00Z', 'America/New_York')).toEqual([]); // still Nov 1 in New York
    expect(await gapsAt('2027-02-01T02:00:00Z')).toEqual([{ calendarId: 'CN', year: 2027, startsOn: '2027-01-01', daysUntil: -31 }]);

    const t = testApp(database);
    expect((await put(t, 'CN', '2027', YEAR_2027)).status).toBe(200);
    try {
      expect(await gapsAt('2026-12-04T02:00:00Z')).toEqual([]);
    } finally {
      expect((await del(t, 'CN', '2027')).status).toBe(204);
    }
  });

  it('counts deadlines in ECHOBOX_TIME_ZONE: America/New_York', async () => {
    const t = testApp(database, { now: new Date('2025-10-01T02:30:00Z'), config: { timeZone: 'America/New_York' } });
    // 22:30 on Tue Sep 30 in New York (already Oct 1 in Shanghai): Oct 9, 10 and 11 count, due at the end of Oct 11 in New York.
    const record = await screened(t, '2025-10-01T02:30:00.000Z');
    expect(record.dueAt).toBe('2025-10-12T03:59:59.999Z');
    expect(record.recordNumber).toMatch(/-20250930-/);
    const cn = CalendarView.parse(await getJson(t, '/api/v1/calendars/CN'));
    expect(cn.timeZone).toBe('America/New_York');
  });

  it('keeps a company calendar of its own beside CN and lists both', async () => {
    const t = testApp(database);
    expect((await put(t, 'acme-hk', '2026', { holidays: ['2026-12-25', '2026-12-26'], workdays: [] })).status).toBe(200);
    const list = CalendarList.parse(await getJson(t, '/api/v1/calendars'));
    expect(list.active).toBe('CN');
    expect(list.items.map((i) => [i.id, i.active])).toEqual([['acme-hk', false], ['CN', true]]);
    expect(list.items[0]?.years).toEqual([{ year: 2026, source: 'api' }]);
    const hk = CalendarView.parse(await getJson(t, '/api/v1/calendars/acme-hk'));
    expect(hk.years).toEqual([expect.objectContaining({ year: 2026, holidays: ['2026-12-25', '2026-12-26'] })]);
    // The active calendar chosen by id (ECHOBOX_CALENDAR=acme-hk) counts with it: Dec 24 → Dec 28, 29, 30.
    const own = testApp(database, { now: new Date('2026-12-24T02:00:00Z'), config: { calendar: { id: 'acme-hk', timeZone: 'Asia/Shanghai', years: {} } } });
    const record = await screened(own, '2026-12-24T02:00:00.000Z');
    expect(record.dueAt).toBe('2026-12-30T15:59:59.999Z');
    expect(ReadyStatus.parse(await (await own.app.request('/readyz')).json()).calendar.gaps).toEqual([
      { calendarId: 'acme-hk', year: 2027, startsOn: '2027-01-01', daysUntil: 8 },
    ]);
    expect((await del(t, 'acme-hk', '2026')).status).toBe(204);
    expect((await t.app.request('/api/v1/calendars/acme-hk', { headers: admin.auth })).status).toBe(404);
  });

  it('refuses bad years with problem+json naming the field, and non-admins', async () => {
    const t = testApp(database);
    const problem = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return Problem.parse(await res.json());
    };
    const outside = await problem(await put(t, 'CN', '2027', { holidays: ['2027-01-01', '2026-12-31'], workdays: [] }), 400);
    expect(outside.code).toBe('validation_failed');
    expect(outside.errors).toEqual([expect.objectContaining({ path: ['holidays', 1], code: 'invalid_calendar' })]);
    const both = await problem(await put(t, 'CN', '2027', { holidays: ['2027-02-06'], workdays: ['2027-02-06'] }), 400);
    expect(both.errors).toEqual([expect.objectContaining({ path: ['workdays', 0] })]);
    expect((await problem(await put(t, 'CN', '2027', { holidays: ['2027-02-30'], workdays: [] }), 400)).errors?.[0]?.path).toEqual(['holidays', 0]);
    expect((await problem(await put(t, 'CN', '2027', { holidays: [] }), 400)).errors?.[0]?.path).toEqual(['workdays']);
    expect((await problem(await put(t, 'CN', '27', YEAR_2027), 400)).errors?.[0]?.path).toEqual(['year']);
    expect((await problem(await put(t, 'C N', '2027', YEAR_2027), 400)).errors?.[0]?.path).toEqual(['id']);
    await problem(await t.app.request('/api/v1/calendars/XX', { headers: admin.auth }), 404);
    await problem(await t.app.request('/api/v1/calendars', { headers: reviewer.auth }), 403);
    await problem(await t.app.request('/api/v1/calendars/CN/years/2027', json('PUT', YEAR_2027, reviewer.auth)), 403);
    await problem(await t.app.request('/api/v1/calendars'), 401);
    expect(await database.db.select().from(calendarYears)).toEqual([]);
  });

  it('lets another server process on the same database count with a change at its next deadline', async () => {
    // A second connection (pool) where the store has one, so nothing but the database is shared.
    const url = (database as Database & { url?: string }).url;
    const second = url ? await openDatabase({ url, poolSize: 2 }) : database;
    try {
      const a = testApp(database, { now: new Date('2026-12-31T02:00:00Z') });
      const b = testApp(second, { now: new Date('2026-12-31T02:00:00Z') });
      expect((await screened(b, '2026-12-31T02:00:00.000Z')).dueCalendarMissing).toEqual([2027]); // b has cached its calendars
      expect((await put(a, 'CN', '2027', YEAR_2027)).status).toBe(200);
      expect((await screened(b, '2026-12-31T02:00:00.000Z')).dueAt).toBe('2027-01-06T15:59:59.999Z');
      expect((await del(a, 'CN', '2027')).status).toBe(204);
      expect((await screened(b, '2026-12-31T02:00:00.000Z')).dueCalendarMissing).toEqual([2027]);
    } finally {
      if (second !== database) await second.close();
    }
  });
});
