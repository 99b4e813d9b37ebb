import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import type { DurationsPanel, SatisfactionPanel } from '../../shared/schemas/dashboard';

/*
 * Satisfaction by month and quarter (company zone, Asia/Shanghai) and time to done: every figure is
 * the number of records the queue lists for its link (rating + rated range, completed=true).
 */
// Shanghai's April to July: bare days are the company's.
const RANGE = 'from=2026-04-01&to=2026-07-31';

describe.each(TEST_STORES)('dashboard satisfaction and durations on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let agent: Awaited<ReturnType<typeof staff>>;
  const r: Record<'r1' | 'r2' | 'r3' | 'r4' | 'r5', string> = { r1: '', r2: '', r3: '', r4: '', r5: '' };

  const at = (iso: string) => (t.clock.now = new Date(iso));
  const post = async (path: string, body: unknown, auth = reviewer.auth) => {
    const res = await t.app.request(path, json('POST', body, auth));
    expect(res.status, `${path} ${JSON.stringify(body)}: ${await res.clone().text()}`).toBe(200);
  };
  const transition = (id: string, body: unknown) => post(`/api/v1/records/${id}/transitions`, body);
  /** Started at `start` (unless reopened, so in progress already); completed and the customer told on the next day. */
  const finish = async (id: string, start: string, reopened = false) => {
    at(start);
    if (!reopened) await transition(id, { type: 'start', ownerId: agent.user.id });
    at(new Date(Date.parse(start) + 86_400_000).toISOString());
    await transition(id, { type: 'complete', result: '已在 2.3 版修复' });
    await post(`/api/v1/records/${id}/communications`, { kind: 'done', message: '您反馈的问题已修复' });
  };
  const create = async (iso: string, department: string) => {
    at(iso);
    const res = await t.app.request('/api/v1/records', json('POST', recordInput({ recordedAt: iso, department, contact: undefined, contactConsent: false }), reviewer.auth));
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { record: { id: string } }).record.id;
    await transition(id, { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' });
    return id;
  };
  const rate = async (id: string, iso: string, rating: string) => {
    at(iso);
    await post(`/api/v1/records/${id}/satisfaction`, { rating });
  };
  const get = async <T>(path: string) => {
    const res = await t.app.request(path, { headers: reviewer.auth });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const queueIds = async (query: string) => (await get<{ items: { id: string }[] }>(`/api/v1/records?limit=200&${query}`)).items.map((x) => x.id).sort();
  const sorted = (...ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2026-04-01T02:00:00.000Z') });
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    agent = await staff(database, 'agent', 'CS', '李客服');
    r.r1 = await create('2026-04-01T02:00:00.000Z', 'CS');
    r.r2 = await create('2026-04-01T03:00:00.000Z', 'CS');
    r.r3 = await create('2026-04-01T04:00:00.000Z', 'PM');
    r.r4 = await create('2026-04-01T05:00:00.000Z', 'CS');
    r.r5 = await create('2026-04-01T06:00:00.000Z', 'CS');
    // Never finished: rated by nobody, not completed.
    await create('2026-04-02T02:00:00.000Z', 'CS');
    for (const id of Object.values(r)) await finish(id, '2026-04-06T02:00:00.000Z');
    await rate(r.r1, '2026-04-10T02:00:00.000Z', 'satisfied');
    await rate(r.r2, '2026-04-20T02:00:00.000Z', 'basically_satisfied');
    // 不满意 in April (the rating reopens it), finished again, then 满意 in May: one record in both months.
    await rate(r.r3, '2026-04-25T02:00:00.000Z', 'dissatisfied');
    await finish(r.r3, '2026-04-27T02:00:00.000Z', true);
    await rate(r.r3, '2026-05-05T02:00:00.000Z', 'satisfied');
    await rate(r.r4, '2026-05-10T02:00:00.000Z', 'dissatisfied');
    // 17:00 UTC on 30 June is 1 July, 01:00 in Shanghai: July and the third quarter.
    await rate(r.r5, '2026-06-30T17:00:00.000Z', 'satisfied');
    at('2026-07-15T02:00:00.000Z');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('counts records rated by month and quarter in the company zone, and each figure lists exactly its records', async () => {
    const panel = await get<SatisfactionPanel>(`/api/v1/dashboard/satisfaction?${RANGE}`);
    expect(panel.totals).toEqual({ rated: 5, satisfied: 3, basicallySatisfied: 1, dissatisfied: 2 });
    const figures = (p: SatisfactionPanel['byMonth'][number]) => [p.period, p.start, p.end, p.rated, p.satisfied, p.basicallySatisfied, p.dissatisfied];
    expect(panel.byMonth.map(figures)).toEqual([
      ['2026-04', '2026-03-31T16:00:00.000Z', '2026-04-30T16:00:00.000Z', 3, 1, 1, 1],
      ['2026-05', '2026-04-30T16:00:00.000Z', '2026-05-31T16:00:00.000Z', 2, 1, 0, 1],
      // Nobody rated in June: listed with zeros, so a chart shows the gap.
      ['2026-06', '2026-05-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z', 0, 0, 0, 0],
      ['2026-07', '2026-06-30T16:00:00.000Z', '2026-07-31T16:00:00.000Z', 1, 1, 0, 0],
    ]);
    expect(panel.byQuarter.map(figures)).toEqual([
      ['2026-Q2', '2026-03-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z', 4, 2, 1, 2],
      ['2026-Q3', '2026-06-30T16:00:00.000Z', '2026-07-31T16:00:00.000Z', 1, 1, 0, 0],
    ]);
    const [april, may, , july] = panel.byMonth;
    const [q2] = panel.byQuarter;
    const link = (p: { start: string; end: string }, rating?: string) => `${rating ? `rating=${rating}&` : ''}ratedFrom=${p.start}&ratedTo=${p.end}`;
    expect(await queueIds(link(april!))).toEqual(sorted(r.r1, r.r2, r.r3));
    expect(await queueIds(link(april!, 'dissatisfied'))).toEqual([r.r3]);
    expect(await queueIds(link(may!, 'satisfied'))).toEqual([r.r3]);
    expect(await queueIds(link(may!, 'dissatisfied'))).toEqual([r.r4]);
    expect(await queueIds(link(july!, 'satisfied'))).toEqual([r.r5]);
    expect(await queueIds(link(q2!, 'satisfied,basically_satisfied'))).toEqual(sorted(r.r1, r.r2, r.r3));
    expect(await queueIds(link(q2!, 'dissatisfied'))).toEqual(sorted(r.r3, r.r4));
    expect(await queueIds(link({ start: panel.from, end: panel.to }, 'satisfied'))).toEqual(sorted(r.r1, r.r3, r.r5));
    // The latest-rating filter is a different question: r3's latest is 满意.
    expect(await queueIds('satisfaction=dissatisfied')).toEqual([r.r4]);
  });

  it('narrows ratings to the departments asked for, as the queue does', async () => {
    const panel = await get<SatisfactionPanel>(`/api/v1/dashboard/satisfaction?${RANGE}&department=PM`);
    expect(panel.totals).toEqual({ rated: 1, satisfied: 1, basicallySatisfied: 0, dissatisfied: 1 });
    expect(await queueIds(`department=PM&rating=dissatisfied&ratedFrom=${panel.from}&ratedTo=${panel.to}`)).toEqual([r.r3]);
  });

  it('measures time to done over the completed records, the ones completed=true lists', async () => {
    const panel = await get<DurationsPanel>(`/api/v1/dashboard/durations?${RANGE}`);
    // r4's 不满意 reopened it, so it is not done; r3's second completion counts. Start Mon 6 Apr, completed a working day later.
    expect(panel.toDone.count).toBe(4);
    expect(await queueIds(`completed=true&${RANGE}`)).toEqual(sorted(r.r1, r.r2, r.r3, r.r5));
    expect((await queueIds(`completed=false&${RANGE}`)).length).toBe(2);
    expect(panel.firstResponse.count).toBe(6);
    expect((await queueIds(`obligationKind=response&obligationState=met_in_time,met_late&${RANGE}`)).length).toBe(6);
  });

  it('refuses a rating filter it does not know, field by field', async () => {
    const res = await t.app.request('/api/v1/records?rating=happy&ratedFrom=soon&completed=yes', { headers: reviewer.auth });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; errors: { path: (string | number)[] }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e) => e.path[0]).sort()).toEqual(['completed', 'ratedFrom', 'rating']);
  });
});
