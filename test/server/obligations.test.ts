import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from './support/databases';
import { json, staff, testApp } from './support/app';
import { recordInput, submissionInput } from './support/fixtures';
import type { Database } from '../../server/db/open';
import { createSiteKey } from '../../server/store/site-keys';
import { CN_MAINLAND_CALENDAR } from '../../shared/domain/calendars/cn-mainland';
import type { Obligation } from '../../shared/schemas/obligation';

const ORIGIN = 'https://app.example.com';

interface Detail {
  record: { id: string; version: number };
  obligations: Obligation[];
}

describe.each(TEST_STORES)('record obligations on $name', (store) => {
  let database: Database;
  let t: ReturnType<typeof testApp>;
  let reviewer: Awaited<ReturnType<typeof staff>>;
  let siteKey: string;

  beforeAll(async () => {
    database = await store.open();
    t = testApp(database, { now: new Date('2025-09-30T10:00:00Z') });
    reviewer = await staff(database, 'reviewer', 'PM', '张经理');
    siteKey = (await createSiteKey(database.db, { name: 'App', department: 'WEB', allowedOrigins: [ORIGIN], ratePerMinute: 1000 })).siteKey.key;
  });
  afterAll(async () => {
    await database.close();
  });

  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const create = async (overrides = {}) => {
    const res = await t.app.request('/api/v1/records', json('POST', recordInput(overrides), reviewer.auth));
    expect(res.status).toBe(201);
    const body = (await res.json()) as Detail;
    // A new record owes its response from the start: routine's 5 working days until screening says more.
    expect(body.obligations.map((o) => o.kind)).toEqual(['response']);
    return body.record.id;
  };
  const post = async (id: string, path: string, body: unknown, status = 200) => {
    const res = await t.app.request(`/api/v1/records/${id}/${path}`, json('POST', body, reviewer.auth));
    expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(status);
    return (await res.json()) as Detail;
  };
  const detail = async (id: string) => (await (await t.app.request(`/api/v1/records/${id}`, { headers: reviewer.auth })).json()) as Detail;
  const list = async (query: string) => {
    const res = await t.app.request(`/api/v1/records?${query}`, { headers: reviewer.auth });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Array<{ id: string; nextObligation: { kind: string; dueAt: string; overdue: boolean } | null }> }).items;
  };
  const widget = (secret?: string) => ({
    origin: ORIGIN,
    'x-echobox-site-key': siteKey,
    ...(secret ? { 'x-echobox-reporter': `anon ${secret}` } : {}),
  });

  it('overdue returns exactly the records with a breached open obligation, on a seeded set', async () => {
    const dept = { department: 'OBL' };
    at('2025-09-30T10:00:00Z');
    // A: urgent, nobody answered. B: urgent, answered at once (its old response deadline passes unanswered
    // by nothing). C: important, due at the end of the 调休 Saturday 10-11. D and E: done, then
    // rated 不满意 by phone, which reopens them (the follow-up is due 3 working days after the rating).
    // F: invalid spam with no contact: owes nothing.
    const a = await create(dept);
    await post(a, 'transitions', { type: 'mark_valid', nature: 'service_improvement', urgency: 'urgent' });
    const b = await create(dept);
    await post(b, 'transitions', { type: 'mark_valid', nature: 'service_improvement', urgency: 'urgent' });
    await post(b, 'communications', { kind: 'defect_progress', message: '已收到,正在排查' });
    const c = await create(dept);
    await post(c, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    const finished = async () => {
      const id = await create(dept);
      at('2025-09-30T10:00:00Z');
      await post(id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'urgent' });
      await post(id, 'transitions', { type: 'start', ownerId: reviewer.user.id });
      await post(id, 'communications', { kind: 'done', message: '已修复' });
      await post(id, 'transitions', { type: 'complete', result: '已修复' });
      at('2025-09-30T11:00:00Z');
      await post(id, 'satisfaction', { rating: 'dissatisfied', comment: '还是很慢' });
      at('2025-09-30T10:00:00Z');
      return id;
    };
    const d = await finished();
    const e = await finished();
    // The rating itself reopened it (as the widget's does): the follow-up is due 3 working days after the rating.
    const reopened = await detail(e);
    expect(reopened.record).toMatchObject({ status: 'in_progress', cycle: 2 });
    expect(reopened.obligations.find((o) => o.kind === 'dissatisfied_follow_up')).toMatchObject({
      startsAt: '2025-09-30T11:00:00.000Z',
      dueAt: '2025-10-11T15:59:59.999Z',
      state: 'open',
    });
    at('2025-09-30T10:00:00Z');
    const f = await create({ ...dept, contact: undefined, contactConsent: false });
    await post(f, 'transitions', { type: 'mark_invalid', reason: '广告信息' });
    const all = [a, b, c, d, e, f];

    const breached = async () => {
      const found: string[] = [];
      for (const id of all) if ((await detail(id)).obligations.some((o) => o.state === 'breached')) found.push(id);
      return found.sort();
    };
    const overdue = async () => (await list('department=OBL&overdue=true&limit=200')).map((i) => i.id).sort();

    at('2025-10-02T00:00:00Z');
    expect(await overdue()).toEqual([a].sort());
    expect(await breached()).toEqual([a].sort());
    expect((await list('department=OBL&overdue=false&limit=200')).map((i) => i.id).sort()).toEqual([b, c, d, e, f].sort());

    at('2025-10-12T00:00:00Z');
    expect(await overdue()).toEqual([a, c, d, e].sort());
    expect(await breached()).toEqual([a, c, d, e].sort());
    const rows = await list('department=OBL&sort=next_due_asc&limit=200');
    // c, d and e are all due at the end of 10-11 (ties in id order); b and f owe nothing and come last.
    expect(rows.map((r) => r.id)).toEqual([a, c, d, e, b, f]);
    expect(rows.find((r) => r.id === a)?.nextObligation).toMatchObject({ kind: 'response', dueAt: '2025-10-01T02:00:00.000Z', overdue: true, timeLeft: { standing: 'breached' } });
    expect(rows.find((r) => r.id === f)?.nextObligation).toBeNull();
    // Paged one by one, the cursor carries on past the due ones into those owing nothing (a null key).
    const paged: string[] = [];
    for (let cursor = ''; ; ) {
      const res = await t.app.request(`/api/v1/records?department=OBL&sort=next_due_asc&limit=1${cursor}`, { headers: reviewer.auth });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      paged.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = `&cursor=${page.nextCursor}`;
    }
    expect(paged).toEqual([a, c, d, e, b, f]);
    at('2025-09-30T10:00:00Z');
  });

  it('filters list and export by the latest rating: the Dissatisfied view finds a reopened record whatever it owes first', async () => {
    at('2025-09-30T10:00:00Z');
    const dept = { department: 'SAT' };
    const finish = async (id: string) => {
      await post(id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
      await post(id, 'transitions', { type: 'start', ownerId: reviewer.user.id });
      await post(id, 'communications', { kind: 'done', message: '已修复' });
      await post(id, 'transitions', { type: 'complete', result: '已修复' });
    };
    // Reopened by 不满意 in the widget after its task order's deadline: completing the task is owed
    // first (its deadline has passed), so a filter on the next obligation would miss it.
    const secret = 'satisfaction-filter-secret-0000001';
    const satKey = (await createSiteKey(database.db, { name: 'Sat', department: 'SAT', allowedOrigins: [ORIGIN], ratePerMinute: 1000 })).siteKey.key;
    const satWidget = (extra: Record<string, string> = {}) => ({ ...widget(), 'x-echobox-site-key': satKey, ...extra });
    const body = submissionInput(secret);
    expect((await t.app.request('/api/v1/public/submissions', json('POST', body, satWidget()))).status).toBe(201);
    const reopened = body.id;
    await post(reopened, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    await post(reopened, 'transitions', { type: 'start', ownerId: reviewer.user.id });
    const order = await t.app.request(
      `/api/v1/records/${reopened}`,
      json('PATCH', { taskOrder: { goal: '导出提速', deliveryStandard: '10 秒内完成', deadline: '2025-10-09', ownerId: reviewer.user.id } }, { ...reviewer.auth, 'if-match': `"${(await detail(reopened)).record.version}"` }),
    );
    expect(order.status).toBe(200);
    await post(reopened, 'communications', { kind: 'done', message: '已修复' });
    await post(reopened, 'transitions', { type: 'complete', result: '已修复' });
    at('2025-10-10T02:00:00Z');
    const rated = await t.app.request(`/api/v1/public/records/${reopened}/satisfaction`, json('POST', { rating: 'dissatisfied' }, satWidget({ 'x-echobox-reporter': `anon ${secret}` })));
    expect(rated.status).toBe(200);
    at('2025-09-30T10:00:00Z');
    const satisfied = await create(dept);
    await finish(satisfied);
    await post(satisfied, 'satisfaction', { rating: 'satisfied' });
    const basically = await create(dept);
    await finish(basically);
    await post(basically, 'satisfaction', { rating: 'basically_satisfied' });
    const unrated = await create(dept);

    at('2025-10-10T03:00:00Z');
    const ids = async (query: string) => (await list(`department=SAT&${query}`)).map((i) => i.id).sort();
    expect((await list(`department=SAT&satisfaction=dissatisfied&status=in_progress`)).map((i) => [i.id, i.nextObligation?.kind])).toEqual([[reopened, 'task_completion']]);
    expect(await ids('satisfaction=satisfied,basically_satisfied')).toEqual([satisfied, basically].sort());
    expect(await ids('')).toEqual([reopened, satisfied, basically, unrated].sort());
    expect(await list('department=SAT&obligation=dissatisfied_follow_up')).toEqual([]);
    const bad = await t.app.request('/api/v1/records?satisfaction=angry', { headers: reviewer.auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: unknown[] }> }).errors[0]?.path[0]).toBe('satisfaction');

    const csv = await (await t.app.request('/api/v1/exports/ledger.csv?lang=en&department=SAT&satisfaction=dissatisfied', { headers: reviewer.auth })).text();
    const number = (await detail(reopened)).record as unknown as { recordNumber: string };
    expect(csv.trim().split(/\r\n/)).toHaveLength(2);
    expect(csv).toContain(number.recordNumber);
    at('2025-09-30T10:00:00Z');
  });

  it('starts the adoption-notice clock when develop is decided and timestamps the first response', async () => {
    at('2025-09-30T10:00:00Z');
    const id = await create({ department: 'ADOPT' });
    await post(id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' });
    const patched = await t.app.request(
      `/api/v1/records/${id}`,
      json('PATCH', { assessment: { customerValue: 4, businessValue: 4, cost: 2, risk: 2, priority: 'P1', handling: 'develop' } }, { ...reviewer.auth, 'if-match': '"2"' }),
    );
    expect(patched.status).toBe(200);
    const body = (await patched.json()) as Detail;
    expect(body.obligations.find((o) => o.kind === 'adoption_notice')).toMatchObject({
      startsAt: '2025-09-30T10:00:00.000Z',
      dueAt: '2025-10-07T15:59:59.999Z',
      state: 'open',
    });
    expect((await list('department=ADOPT&obligation=adoption_notice')).map((i) => i.id)).toEqual([id]);

    at('2025-10-03T01:00:00Z');
    await post(id, 'communications', { kind: 'adopted', message: '您的建议已被收录,预计 2.4 版本上线', expectedVersion: '2.4' });
    const after = (await detail(id)).obligations;
    expect(after.find((o) => o.kind === 'adoption_notice')).toMatchObject({ state: 'met', metAt: '2025-10-03T01:00:00.000Z', late: false });
    expect(after.find((o) => o.kind === 'response')).toMatchObject({ state: 'met', metAt: '2025-10-03T01:00:00.000Z', metBy: { act: 'communication' } });
    expect(await list('department=ADOPT&obligation=adoption_notice')).toEqual([]);
    at('2025-09-30T10:00:00Z');
  });

  it('refuses a late change request and says by when it was due', async () => {
    at('2025-09-30T10:00:00Z');
    const id = await create({ department: 'CR' });
    await post(id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' });
    await post(id, 'transitions', { type: 'start', ownerId: reviewer.user.id });
    // Effective Monday 10-13: due by the end of Friday 10-10 in Shanghai, as Saturday 10-11 is a working day.
    at('2025-10-10T16:30:00Z');
    const res = await t.app.request(
      `/api/v1/records/${id}/change-requests`,
      json('POST', { reason: '资源不足', adjustedPlan: '延后一周', effectiveAt: '2025-10-13T02:00:00.000Z' }, reviewer.auth),
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      code: 'guard_failed',
      details: { guard: 'change_request_late', dueBy: '2025-10-10T15:59:59.999Z' },
      errors: [{ path: ['effectiveAt'], code: 'change_request_late' }],
    });
    at('2025-10-10T15:00:00Z');
    const filed = await post(id, 'change-requests', { reason: '资源不足', adjustedPlan: '延后一周', effectiveAt: '2025-10-13T02:00:00.000Z' });
    expect(filed.obligations.find((o) => o.kind === 'change_request_lead')).toMatchObject({ state: 'met', dueAt: '2025-10-10T15:59:59.999Z', late: false });
    at('2025-09-30T10:00:00Z');
  });

  it('never asks for a rating on an invalid record, and refuses one from the widget', async () => {
    at('2025-09-30T10:00:00Z');
    const secret = 'invalid-record-secret-0000000001';
    const body = submissionInput(secret);
    expect((await t.app.request('/api/v1/public/submissions', json('POST', body, widget()))).status).toBe(201);
    await post(body.id, 'transitions', { type: 'mark_invalid', reason: '虚假信息' });
    const updates = await t.app.request('/api/v1/public/updates', { headers: widget(secret) });
    const items = ((await updates.json()) as { items: Array<{ recordId: string; status: string; satisfactionRequested: boolean }> }).items;
    expect(items).toEqual([expect.objectContaining({ recordId: body.id, status: 'closed', satisfactionRequested: false })]);
    const rate = await t.app.request(`/api/v1/public/records/${body.id}/satisfaction`, json('POST', { rating: 'satisfied' }, widget(secret)));
    expect(rate.status).toBe(409);
    const staffRate = await t.app.request(`/api/v1/records/${body.id}/satisfaction`, json('POST', { rating: 'satisfied' }, reviewer.auth));
    expect(staffRate.status).toBe(409);
  });

  it('lets the reporter of a record merged into another hear the survivor’s updates', async () => {
    at('2025-09-30T10:00:00Z');
    const mine = 'merged-reporter-secret-000000001';
    const theirs = 'survivor-reporter-secret-0000001';
    const duplicate = submissionInput(mine);
    const survivor = submissionInput(theirs);
    await t.app.request('/api/v1/public/submissions', json('POST', duplicate, widget()));
    await t.app.request('/api/v1/public/submissions', json('POST', survivor, widget()));
    const first = (await (await t.app.request('/api/v1/public/updates', { headers: widget(mine) })).json()) as { nextCursor: string };
    await post(duplicate.id, 'merge', { into: survivor.id });
    await post(survivor.id, 'transitions', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'routine' });
    await post(survivor.id, 'communications', { kind: 'adopted', message: '您的建议已被收录,预计 2.4 版本上线', expectedVersion: '2.4' });
    const next = await t.app.request(`/api/v1/public/updates?cursor=${first.nextCursor}`, { headers: widget(mine) });
    const items = ((await next.json()) as { items: Array<{ recordId: string; validity: string; lastCommunication: { expectedVersion?: string } | null }> }).items;
    expect(items.at(-1)).toMatchObject({ recordId: duplicate.id, validity: 'valid', lastCommunication: { expectedVersion: '2.4' } });
    // The survivor's own reporter still hears it under the survivor's id, and nobody else's record leaks.
    const own = await t.app.request('/api/v1/public/updates', { headers: widget(theirs) });
    const ownItems = ((await own.json()) as { items: Array<{ recordId: string }> }).items;
    expect(new Set(ownItems.map((i) => i.recordId))).toEqual(new Set([survivor.id]));
  });

  it('counts deadlines in the company time zone (America/New_York)', async () => {
    const ny = testApp(database, {
      now: new Date('2025-09-30T10:00:00Z'),
      config: { timeZone: 'America/New_York', calendar: { ...CN_MAINLAND_CALENDAR, id: 'cn-ny', timeZone: 'America/New_York' } },
    });
    const input = recordInput({ department: 'NYC', recordedAt: '2025-09-30T10:00:00.000Z' });
    expect((await ny.app.request('/api/v1/records', json('POST', input, reviewer.auth))).status).toBe(201);
    const res = await ny.app.request(
      `/api/v1/records/${input.id}/transitions`,
      json('POST', { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' }, reviewer.auth),
    );
    const { obligations } = (await res.json()) as Detail;
    expect(obligations.find((o) => o.kind === 'response')).toMatchObject({ dueAt: '2025-10-12T03:59:59.999Z', state: 'open' });
    // A second record answered at once owes nothing; the overdue filter follows New York's midnight, not Shanghai's.
    const answered = recordInput({ department: 'NYC', recordedAt: '2025-09-30T10:00:00.000Z' });
    expect((await ny.app.request('/api/v1/records', json('POST', answered, reviewer.auth))).status).toBe(201);
    const mark = { type: 'mark_valid', nature: 'feature_optimisation', urgency: 'important' };
    expect((await ny.app.request(`/api/v1/records/${answered.id}/transitions`, json('POST', mark, reviewer.auth))).status).toBe(200);
    const told = { kind: 'defect_progress', message: '已收到,正在排查' };
    expect((await ny.app.request(`/api/v1/records/${answered.id}/communications`, json('POST', told, reviewer.auth))).status).toBe(200);
    const overdue = async (now: string) => {
      ny.clock.now = new Date(now);
      const page = await ny.app.request('/api/v1/records?department=NYC&overdue=true&limit=200', { headers: reviewer.auth });
      return ((await page.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id);
    };
    expect(await overdue('2025-10-12T03:59:59.999Z')).toEqual([]);
    expect(await overdue('2025-10-12T04:00:00.000Z')).toEqual([input.id]);
  });
});
