import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { scanObligations } from '../../server/notifications/scheduler';
import { DEFAULT_REMINDER_LEAD, reminderHorizon } from '../../shared/domain/reminders';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';

const HOUR = 3_600_000;

describe.each(TEST_STORES)('the dueSoon filter on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  // Friday 2025-10-31 10:00 in Shanghai: one working day ahead is the end of Monday Nov 3, past a weekend.
  const now = new Date('2025-10-31T02:00:00Z');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now });
    reviewer = await staff(database, 'reviewer', 'DUE', '张经理');
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    const cases: Array<[name: string, urgency: string, dueIn: number | null]> = [
      ['routineIn2h', 'routine', 2 * HOUR],
      // Monday 17:00 Shanghai: within one working day although three calendar days away.
      ['routineMonday', 'important', 3 * 24 * HOUR - 2 * HOUR],
      // Tuesday 10:00 Shanghai: beyond it.
      ['routineTuesday', 'routine', 4 * 24 * HOUR],
      ['urgentIn3h', 'urgent', 3 * HOUR],
      ['urgentIn5h', 'urgent', 5 * HOUR],
      ['breached', 'routine', -HOUR],
      ['nothingOwed', 'routine', null],
    ];
    const items = cases.map(() => recordInput({ department: 'DUE' }));
    expect((await t.app.request('/api/v1/records/batch', json('POST', { items }, reviewer.auth))).status).toBe(200);
    for (const [i, [name, urgency, dueIn]] of cases.entries()) {
      ids[name] = items[i]!.id;
      await database.db.execute(sql`UPDATE records SET urgency = ${urgency},
        next_obligation_kind = ${dueIn === null ? null : 'response'}, next_due_at = ${dueIn === null ? null : at(dueIn)}::timestamptz
        WHERE id = ${items[i]!.id}`);
    }
  });
  afterAll(() => database.close());

  const listed = async (query: string) => {
    const res = await t.app.request(`/api/v1/records?department=DUE&limit=50&${query}`, { headers: reviewer.auth });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string }[] }).items.map((r) => r.id).sort();
  };
  const named = (...names: string[]) => names.map((n) => ids[n]!).sort();

  it('lists what is due within one working day (urgent: 4 hours) on the company calendar and not yet breached', async () => {
    expect(await listed('dueSoon=true')).toEqual(named('routineIn2h', 'routineMonday', 'urgentIn3h'));
    expect(await listed('dueSoon=false')).toEqual(named('routineTuesday', 'urgentIn5h', 'breached', 'nothingOwed'));
    // Breached stays its own view.
    expect(await listed('overdue=true')).toEqual(named('breached'));
  });

  it('selects exactly the records the reminders tell staff about as due soon', async () => {
    const horizon = reminderHorizon(now, DEFAULT_REMINDER_LEAD, CN_MAINLAND_CALENDAR);
    if (!horizon.ok) throw new Error(horizon.error.message);
    await scanObligations(database.db, now, horizon.value);
    const reminded = (await database.db.execute(sql`SELECT payload->>'recordId' AS id FROM jobs WHERE payload->>'stage' = 'due_soon'`)) as unknown as { rows: { id: string }[] };
    const dueSoonIds = reminded.rows.map((r) => r.id).filter((id) => Object.values(ids).includes(id)).sort();
    expect(dueSoonIds).toEqual(await listed('dueSoon=true'));
  });

  it('applies to the bulk count and the ledger export, and refuses other values', async () => {
    const count = await t.app.request('/api/v1/bulk/records/count?department=DUE&dueSoon=true', { headers: reviewer.auth });
    expect(await count.json()).toEqual({ total: 3 });
    const csv = await (await t.app.request('/api/v1/exports/ledger.csv?department=DUE&dueSoon=true&lang=en', { headers: reviewer.auth })).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 3);
    const bad = await t.app.request('/api/v1/records?dueSoon=yes', { headers: reviewer.auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string[] }[] }).errors[0]?.path).toEqual(['dueSoon']);
  });
});
