import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { recordObligations, records } from '../../server/db/schema';
import { backfillObligationRows } from '../../server/store/obligation-backfill';
import { DEFAULT_CONFIG } from '../../server/context';

const T0 = '2026-03-02T02:00:00.000Z'; // Monday 10:00 in Shanghai
const NOW = '2026-03-11T03:00:00.000Z'; // after the routine response deadline of Monday 9 March
const RANGE = 'from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z';

describe.each(TEST_STORES)('obligation rows of records kept before migration 0017, on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  const ids: string[] = [];

  const obligationRowsOf = async () =>
    (
      await database.db
        .select()
        .from(recordObligations)
        .where(inArray(recordObligations.recordId, ids))
        .orderBy(asc(recordObligations.recordId), asc(recordObligations.ord))
    ).map((row) => ({ ...row, workingMs: row.workingMs === null ? null : Number(row.workingMs) }));
  const recordState = () =>
    database.db
      .select({ id: records.id, doc: records.doc, changeSeq: records.changeSeq, updatedAt: records.updatedAt })
      .from(records)
      .where(inArray(records.id, ids))
      .orderBy(asc(records.id));
  const compliance = async () => {
    const res = await t.app.request(`/api/v1/dashboard/compliance?${RANGE}`, { headers: reviewer.auth });
    expect(res.status).toBe(200);
    return res.json();
  };
  const breachedIds = async () => {
    const res = await t.app.request(`/api/v1/records?limit=200&obligationState=breached`, { headers: reviewer.auth });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string }[] }).items.map((r) => r.id).sort();
  };

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database);
    reviewer = await staff(database, 'reviewer', 'CS');
    t.clock.now = new Date(T0);
    for (let i = 0; i < 6; i++) {
      const res = await t.app.request('/api/v1/records', json('POST', recordInput({ recordedAt: T0, department: 'CS', contact: undefined, contactConsent: false }), reviewer.auth));
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { record: { id: string } }).record.id);
    }
    // Half are screened in time (the response is met); the others stay open past their deadline.
    for (const id of ids.slice(0, 3)) {
      const res = await t.app.request(`/api/v1/records/${id}/transitions`, json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' }, reviewer.auth));
      expect(res.status).toBe(200);
    }
    ids.sort();
    t.clock.now = new Date(NOW);
  });
  afterAll(() => database.close());

  it('stores the same rows a write would have stored, and the dashboard and queue count those records again', async () => {
    const written = await obligationRowsOf();
    expect(written.length).toBeGreaterThanOrEqual(6);
    const before = { compliance: await compliance(), breached: await breachedIds(), records: await recordState() };
    expect(before.breached).toHaveLength(3);

    // As a database upgraded to 0017 has them: no rows, no done columns.
    await database.db.delete(recordObligations).where(inArray(recordObligations.recordId, ids));
    await database.db.update(records).set({ doneAt: null, doneWorkingMs: null }).where(inArray(records.id, ids));
    expect(await breachedIds()).toEqual([]);

    const filled = await backfillObligationRows(database.db, DEFAULT_CONFIG.calendar, { now: () => t.clock.now, pageSize: 4 });
    expect(filled).toBe(6);
    expect(await obligationRowsOf()).toEqual(written);
    expect(await breachedIds()).toEqual(before.breached);
    expect(await compliance()).toEqual(before.compliance);
    // Nothing about the records changed: same document, version and place in the change feed.
    expect(await recordState()).toEqual(before.records);

    // A second run finds nothing left to do.
    expect(await backfillObligationRows(database.db, DEFAULT_CONFIG.calendar, { now: () => t.clock.now })).toBe(0);
  });

  it('stops before the next page once asked to', async () => {
    await database.db.delete(recordObligations).where(eq(recordObligations.recordId, ids[0]!));
    expect(await backfillObligationRows(database.db, DEFAULT_CONFIG.calendar, { now: () => t.clock.now, stopped: () => true })).toBe(0);
    const left = await database.db.select({ ord: recordObligations.ord }).from(recordObligations).where(eq(recordObligations.recordId, ids[0]!));
    expect(left).toEqual([]);
  });
});
