import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';
import type { BacklogPanel, ComplianceCell, CompliancePanel, DurationsPanel, RecordsPanel } from '../../shared/schemas/dashboard';

const HOUR = 3_600_000;
const T0 = '2026-03-02T02:00:00.000Z'; // Monday 10:00 in Shanghai; routine response due end of Monday 9 March
const LATER = '2026-03-11T02:00:00.000Z';
const NOW = '2026-03-11T03:00:00.000Z';
const RANGE = 'from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z';

describe.each(TEST_STORES)('dashboard aggregates on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;
  const ids = { inTime: [] as string[], late: [] as string[], breached: [] as string[], open: [] as string[] };

  // Nobody can be told about these records (no contact), so screening meets their response obligation.
  const create = async (at: string, department = 'CS') => {
    t.clock.now = new Date(at);
    const res = await t.app.request('/api/v1/records', json('POST', recordInput({ recordedAt: at, department, contact: undefined, contactConsent: false }), reviewer.auth));
    expect(res.status).toBe(201);
    return ((await res.json()) as { record: { id: string } }).record.id;
  };
  const screen = async (id: string) => {
    const res = await t.app.request(`/api/v1/records/${id}/transitions`, json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }, reviewer.auth));
    expect(res.status).toBe(200);
  };
  const get = async <T>(path: string, auth = reviewer.auth) => {
    const res = await t.app.request(path, { headers: auth });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const queueIds = async (query: string) =>
    (await get<{ items: { id: string }[] }>(`/api/v1/records?limit=200&${query}`)).items.map((r) => r.id).sort();

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date(T0) });
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    agent = await staff(database, 'agent', 'CS');
    for (let i = 0; i < 9; i++) {
      const id = await create(T0, i < 6 ? 'CS' : 'PM');
      (i < 4 ? ids.inTime : i < 7 ? ids.late : ids.breached).push(id);
    }
    t.clock.now = new Date(new Date(T0).getTime() + HOUR);
    for (const id of ids.inTime) await screen(id);
    t.clock.now = new Date(LATER);
    for (const id of ids.late) await screen(id);
    ids.open.push(await create(LATER));
    t.clock.now = new Date(NOW);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('counts response obligations met in time, met late, breached and open, and the queue lists exactly those records', async () => {
    const panel = await get<CompliancePanel>(`/api/v1/dashboard/compliance?${RANGE}`);
    const response = panel.byKind.find((k) => k.key === 'response');
    expect(response).toEqual({ key: 'response', metInTime: 4, metLate: 3, breached: 2, open: 1 });
    expect(panel.total).toEqual({ metInTime: 4, metLate: 3, breached: 2, open: 1 });
    for (const [state, expected] of [['met_in_time', ids.inTime], ['met_late', ids.late], ['breached', ids.breached], ['open', ids.open]] as const) {
      const listed = await queueIds(`obligationState=${state}&obligationKind=response&obligationDueFrom=${panel.from}&obligationDueTo=${panel.to}`);
      expect(listed, state).toEqual([...expected].sort());
    }
    // Departments: CS has 4 in time and 2 late, PM 1 late and 2 breached; the open one is CS's.
    expect(panel.byDepartment).toEqual([
      { key: 'CS', metInTime: 4, metLate: 2, breached: 0, open: 1 },
      { key: 'PM', metInTime: 0, metLate: 1, breached: 2, open: 0 },
    ]);
    // Nine are due on Monday 9 March (local), the open one on the 18th: two weeks, one month, with bounds the queue takes.
    const due = (c: ComplianceCell) => c.metInTime + c.metLate + c.breached + c.open;
    expect(panel.byWeek.filter((w) => due(w) > 0).map((w) => [w.start, w.end, w.breached, w.open])).toEqual([
      ['2026-03-08T16:00:00.000Z', '2026-03-15T16:00:00.000Z', 2, 0],
      ['2026-03-15T16:00:00.000Z', '2026-03-22T16:00:00.000Z', 0, 1],
    ]);
    const week = panel.byWeek.find((w) => w.breached > 0)!;
    expect(await queueIds(`obligationState=breached&obligationDueFrom=${week.start}&obligationDueTo=${week.end}`)).toEqual([...ids.breached].sort());
    // Every week and month of the range is there, those with nothing due as zeros, end to end (no gap on a chart's axis).
    for (const periods of [panel.byWeek, panel.byMonth]) {
      expect(periods[0]!.start).toBe(panel.from);
      expect(periods.at(-1)!.end).toBe(panel.to);
      for (const [i, p] of periods.entries()) if (i > 0) expect(p.start).toBe(periods[i - 1]!.end);
    }
    expect(panel.byWeek).toHaveLength(6);
    expect(panel.byMonth.map((m) => [m.start, m.end, due(m)])).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-03-31T16:00:00.000Z', 10],
      ['2026-03-31T16:00:00.000Z', '2026-04-01T00:00:00.000Z', 0],
    ]);
    expect(panel.byUrgency).toEqual([
      { key: 'routine', metInTime: 4, metLate: 3, breached: 0, open: 0 },
      { key: null, metInTime: 0, metLate: 0, breached: 2, open: 1 },
    ]);
    expect(panel.byOwner).toEqual([{ key: null, name: null, metInTime: 4, metLate: 3, breached: 2, open: 1 }]);
  });

  it('narrows every figure to the departments asked for', async () => {
    const panel = await get<CompliancePanel>(`/api/v1/dashboard/compliance?${RANGE}&department=PM`);
    expect(panel.total).toEqual({ metInTime: 0, metLate: 1, breached: 2, open: 0 });
    expect(await queueIds(`obligationState=breached&department=PM&obligationDueFrom=${panel.from}&obligationDueTo=${panel.to}`)).toEqual([...ids.breached].sort());
  });

  it('counts records by status, nature, priority, source and department as the queue filters them', async () => {
    const panel = await get<RecordsPanel>(`/api/v1/dashboard/records?${RANGE}`);
    expect(panel.total).toBe(10);
    expect(panel.byDepartment).toEqual([
      { key: 'CS', count: 7 },
      { key: 'PM', count: 3 },
    ]);
    for (const bucket of panel.byStatus) {
      expect((await queueIds(`status=${bucket.key}&${RANGE}`)).length, `status ${bucket.key}`).toBe(bucket.count);
    }
    expect(panel.bySource).toEqual([{ key: 'customer_service', count: 10 }]);
  });

  it('gives median and p90 working time to first response (the weekend does not count)', async () => {
    const panel = await get<DurationsPanel>(`/api/v1/dashboard/durations?${RANGE}`);
    // In time: 1 hour. Late: Monday 10:00 to Wednesday-week 10:00 local is 7 working days = 168 hours.
    expect(panel.firstResponse).toEqual({ count: 7, medianMs: HOUR, p90Ms: 168 * HOUR });
    expect(panel.toDone).toEqual({ count: 0, medianMs: null, p90Ms: null });
  });

  it('bands the backlog by age, each band the records the queue gives for its bounds', async () => {
    const panel = await get<BacklogPanel>(`/api/v1/dashboard/backlog?${RANGE}`);
    expect(panel.total).toBe(10);
    expect(panel.bands.map((b) => [b.minDays, b.count])).toEqual([[0, 1], [1, 0], [3, 0], [7, 9], [30, 0]]);
    for (const band of panel.bands) {
      const listed = await queueIds(`status=pending_analysis,in_progress&from=${band.createdFrom}&to=${band.createdTo}`);
      expect(listed.length, `band ${band.minDays}`).toBe(band.count);
    }
  });

  it('is for reviewers and admins only, and answers bad input with field errors', async () => {
    const res = await t.app.request(`/api/v1/dashboard/compliance?${RANGE}`, { headers: agent.auth });
    expect(res.status).toBe(403);
    const bad = await t.app.request('/api/v1/dashboard/records?department=lower&from=yesterday', { headers: reviewer.auth });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; errors: { path: (string | number)[] }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e) => e.path[0]).sort()).toEqual(['department', 'from']);
  });

  // Last: it adds obligation rows the other cases do not expect.
  it('counts a record with several obligations in one group and state once there, as the queue lists it', async () => {
    // A second unmet obligation of the first breached record, due in the same week as its response: breached twice.
    const [first] = ids.breached;
    await database.db.execute(sql`INSERT INTO record_obligations (record_id, ord, kind, starts_at, due_at)
      VALUES (${first}, 99, 'weekly_progress', ${T0}::timestamptz, ${'2026-03-10T02:00:00.000Z'}::timestamptz)`);
    const panel = await get<CompliancePanel>(`/api/v1/dashboard/compliance?${RANGE}`);
    const breached = await queueIds(`obligationState=breached&obligationDueFrom=${panel.from}&obligationDueTo=${panel.to}`);
    expect(breached).toEqual([...ids.breached].sort());
    expect(panel.total.breached).toBe(2);
    expect(panel.byWeek.find((w) => w.start === '2026-03-08T16:00:00.000Z')!.breached).toBe(2);
    expect(panel.byMonth[0]!.breached).toBe(2);
    expect(panel.byDepartment.find((d) => d.key === 'PM')!.breached).toBe(2);
    expect(panel.byOwner).toEqual([{ key: null, name: null, metInTime: 4, metLate: 3, breached: 2, open: 1 }]);
    // Per kind, each kind's own records: the response ones as before, and the one record owing progress.
    expect(panel.byKind.find((k) => k.key === 'response')!.breached).toBe(2);
    expect(panel.byKind.find((k) => k.key === 'weekly_progress')).toEqual({ key: 'weekly_progress', metInTime: 0, metLate: 0, breached: 1, open: 0 });
  });

  it('counts a record owing one breached and one open obligation in both states, and leaves out a record merged away', async () => {
    // The open record also owes progress that fell due before now: breached there, open with its response.
    const [open] = ids.open;
    await database.db.execute(sql`INSERT INTO record_obligations (record_id, ord, kind, starts_at, due_at)
      VALUES (${open}, 98, 'weekly_progress', ${T0}::timestamptz, ${'2026-03-10T03:00:00.000Z'}::timestamptz)`);
    let panel = await get<CompliancePanel>(`/api/v1/dashboard/compliance?${RANGE}`);
    expect(panel.total).toEqual({ metInTime: 4, metLate: 3, breached: 3, open: 1 });
    expect(await queueIds(`obligationState=breached&obligationDueFrom=${panel.from}&obligationDueTo=${panel.to}`)).toEqual([...ids.breached, open].sort());
    expect(await queueIds(`obligationState=open&obligationDueFrom=${panel.from}&obligationDueTo=${panel.to}`)).toEqual([open]);
    expect(panel.byKind.find((k) => k.key === 'weekly_progress')).toEqual({ key: 'weekly_progress', metInTime: 0, metLate: 0, breached: 2, open: 0 });

    // A late record merged into another is no longer in the queue, nor in any figure.
    const [late] = ids.late;
    const merged = await t.app.request(`/api/v1/records/${late}/merge`, json('POST', { into: ids.inTime[0] }, reviewer.auth));
    expect(merged.status).toBe(200);
    panel = await get<CompliancePanel>(`/api/v1/dashboard/compliance?${RANGE}`);
    expect(panel.total.metLate).toBe(2);
    expect(panel.byDepartment.find((d) => d.key === 'CS')!.metLate).toBe(1);
    expect(await queueIds(`obligationState=met_late&obligationDueFrom=${panel.from}&obligationDueTo=${panel.to}`)).toEqual(ids.late.slice(1).sort());
  });

  it('reads bare days in the filters as the company’s days, in the queue and on the dashboard alike', async () => {
    // 17:00 UTC on 31 March is 01:00 on 1 April in Shanghai.
    const id = await create('2026-03-31T17:00:00.000Z', 'TZ');
    t.clock.now = new Date(NOW);
    expect(await queueIds('department=TZ&from=2026-04-01&to=2026-04-01')).toEqual([id]);
    expect(await queueIds('department=TZ&from=2026-03-31&to=2026-03-31')).toEqual([]);
    expect((await get<RecordsPanel>('/api/v1/dashboard/records?department=TZ&from=2026-04-01&to=2026-04-01')).total).toBe(1);
    expect((await get<RecordsPanel>('/api/v1/dashboard/records?department=TZ&from=2026-03-01&to=2026-03-31')).total).toBe(0);
  });

  it('puts obligations in the company zone’s weeks and months across a daylight-saving change (America/New_York)', async () => {
    // New York leaves daylight saving at 06:00Z on Sunday 1 November 2026: October ends at 04:00Z,
    // the week of 26 October at 05:00Z on Monday 2 November. One unmet obligation each, all open.
    const due = ['2026-10-31T03:30:00.000Z', '2026-11-01T03:30:00.000Z', '2026-11-01T04:30:00.000Z', '2026-11-02T04:30:00.000Z', '2026-11-02T05:30:00.000Z'];
    const owing = [...ids.inTime, ids.late[1]!];
    for (const [i, at] of due.entries()) {
      await database.db.execute(sql`INSERT INTO record_obligations (record_id, ord, kind, starts_at, due_at)
        VALUES (${owing[i]}, 90, 'weekly_progress', ${T0}::timestamptz, ${at}::timestamptz)`);
    }
    const ny = testApp(database, { now: new Date(NOW), config: { timeZone: 'America/New_York', calendar: { ...CN_MAINLAND_CALENDAR, id: 'cn-ny', timeZone: 'America/New_York' } } });
    const res = await ny.app.request('/api/v1/dashboard/compliance?from=2026-10-26T04:00:00.000Z&to=2026-11-09T05:00:00.000Z', { headers: reviewer.auth });
    expect(res.status).toBe(200);
    const panel = (await res.json()) as CompliancePanel;
    expect(panel.byMonth.map((m) => [m.start, m.end, m.open])).toEqual([
      ['2026-10-26T04:00:00.000Z', '2026-11-01T04:00:00.000Z', 2],
      ['2026-11-01T04:00:00.000Z', '2026-11-09T05:00:00.000Z', 3],
    ]);
    expect(panel.byWeek.map((w) => [w.start, w.end, w.open])).toEqual([
      ['2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 4],
      ['2026-11-02T05:00:00.000Z', '2026-11-09T05:00:00.000Z', 1],
    ]);
    const [first] = panel.byWeek;
    expect(await queueIds(`obligationState=open&obligationDueFrom=${first!.start}&obligationDueTo=${first!.end}`)).toEqual(owing.slice(0, 4).sort());
  });
});
